#include "io/parquet/parquet_rle.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace tsum::parquet {

namespace {

// Up to 8 bytes starting at p (fewer near the end), little-endian.
inline uint64_t load_le(const uint8_t* data, size_t size, size_t at) {
  uint64_t v = 0;
  if (at + 8 <= size) {
    std::memcpy(&v, data + at, 8);
  } else if (at < size) {
    std::memcpy(&v, data + at, size - at);
  }
  return v;
}

template <class T>
void unpack(const uint8_t* data, size_t size, uint64_t bit, int w, size_t count, T* out) {
  if (w == 0) {
    std::fill(out, out + count, T(0));
    return;
  }
  if (w <= 56) {
    const uint64_t mask = (uint64_t{1} << w) - 1;
    size_t i = 0;
    // Fast path while 8 whole bytes can be loaded.
    for (; i < count; ++i, bit += static_cast<uint64_t>(w)) {
      const size_t byte = static_cast<size_t>(bit >> 3);
      if (byte + 8 > size) break;
      uint64_t v;
      std::memcpy(&v, data + byte, 8);
      out[i] = static_cast<T>((v >> (bit & 7)) & mask);
    }
    for (; i < count; ++i, bit += static_cast<uint64_t>(w)) {
      const size_t byte = static_cast<size_t>(bit >> 3);
      out[i] = static_cast<T>((load_le(data, size, byte) >> (bit & 7)) & mask);
    }
    return;
  }
  // 57..64 bits: may span 9 bytes.
  for (size_t i = 0; i < count; ++i, bit += static_cast<uint64_t>(w)) {
    const size_t byte = static_cast<size_t>(bit >> 3);
    const unsigned shift = static_cast<unsigned>(bit & 7);
    uint64_t lo = load_le(data, size, byte) >> shift;
    if (shift + static_cast<unsigned>(w) > 64) {
      uint64_t hi = byte + 8 < size ? data[byte + 8] : 0;
      lo |= hi << (64 - shift);
    }
    out[i] = static_cast<T>(w == 64 ? lo : lo & ((uint64_t{1} << w) - 1));
  }
}

}  // namespace

void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint64_t* out) {
  unpack(data, size, first_bit, bit_width, count, out);
}
void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint32_t* out) {
  unpack(data, size, first_bit, bit_width, count, out);
}
void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint8_t* out) {
  unpack(data, size, first_bit, bit_width, count, out);
}

void unpack_bits_msb(const uint8_t* data, size_t size, int w, size_t count, uint8_t* out) {
  uint64_t bit = 0;
  for (size_t i = 0; i < count; ++i) {
    uint32_t v = 0;
    for (int k = 0; k < w; ++k, ++bit) {
      const size_t byte = static_cast<size_t>(bit >> 3);
      const uint32_t b = byte < size ? (data[byte] >> (7 - (bit & 7))) & 1 : 0;
      v = (v << 1) | b;
    }
    out[i] = static_cast<uint8_t>(v);
  }
}

RleDecoder::RleDecoder(ByteCursor data, int bit_width) : in_(data), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) fail("bit width " + std::to_string(bit_width) + " is out of range (0..32)");
}

bool RleDecoder::next_run() {
  if (in_.empty()) return false;
  const uint64_t header = in_.uleb("run header");
  if (header & 1) {
    const uint64_t groups = header >> 1;
    // Bytes of the run, capped at what is there: a last run may be cut short.
    const uint64_t want = groups > (UINT64_MAX / 64) ? UINT64_MAX : groups * static_cast<uint64_t>(bit_width_);
    const size_t bytes = static_cast<size_t>(std::min<uint64_t>(want, in_.remaining()));
    packed_ = in_.take(bytes, "bit-packed run");
    packed_size_ = bytes;
    packed_bit_ = 0;
    const uint64_t full = groups > (UINT64_MAX / 8) ? UINT64_MAX : groups * 8;
    packed_left_ = bit_width_ == 0 ? full : std::min<uint64_t>(full, static_cast<uint64_t>(bytes) * 8 / static_cast<uint64_t>(bit_width_));
    rle_left_ = 0;
  } else {
    rle_left_ = header >> 1;
    const size_t bytes = static_cast<size_t>((bit_width_ + 7) / 8);
    const uint8_t* p = in_.take(bytes, "RLE run value");
    uint32_t v = 0;
    for (size_t i = 0; i < bytes; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
    if (bit_width_ < 32) v &= (uint32_t{1} << bit_width_) - 1;
    rle_value_ = v;
    packed_left_ = 0;
  }
  return true;
}

template <class T>
void RleDecoder::decode_impl(T* out, size_t n, const char* what) {
  size_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const size_t k = static_cast<size_t>(std::min<uint64_t>(rle_left_, n - done));
      std::fill(out + done, out + done + k, static_cast<T>(rle_value_));
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      const size_t k = static_cast<size_t>(std::min<uint64_t>(packed_left_, n - done));
      unpack_bits(packed_, packed_size_, packed_bit_, bit_width_, k, out + done);
      packed_bit_ += static_cast<uint64_t>(k) * static_cast<uint64_t>(bit_width_);
      packed_left_ -= k;
      done += k;
    } else {
      bool more;
      try {
        more = next_run();
      } catch (const DecodeError& e) {
        fail(std::string(what) + ": " + e.what());
      }
      if (!more) {
        fail(std::string(what) + " end after " + std::to_string(done) + " of " + std::to_string(n) + " values");
      }
    }
  }
}

size_t RleDecoder::count(size_t n, uint32_t value, const char* what) {
  size_t matches = 0;
  uint32_t buffer[1024];
  for (size_t done = 0; done < n;) {
    // Whole RLE runs are counted without being expanded.
    if (rle_left_ > 0) {
      const size_t k = static_cast<size_t>(std::min<uint64_t>(rle_left_, n - done));
      if (rle_value_ == value) matches += k;
      rle_left_ -= k;
      done += k;
      continue;
    }
    const size_t k = std::min<size_t>(n - done, packed_left_ > 0 ? std::min<uint64_t>(packed_left_, 1024) : 1);
    decode_impl(buffer, k, what);
    for (size_t i = 0; i < k; ++i) matches += buffer[i] == value;
    done += k;
  }
  return matches;
}

template void RleDecoder::decode_impl(uint32_t*, size_t, const char*);
template void RleDecoder::decode_impl(uint8_t*, size_t, const char*);

}  // namespace tsum::parquet
