#include "io/parquet/parquet_encodings.h"

#include <cstring>

#include "io/parquet/parquet_rle.h"

namespace tsum::parquet {

namespace {

[[noreturn]] void unsupported(Encoding encoding, const ValueFormat& f) {
  fail("unsupported encoding " + name(encoding) + " for " + name(f.physical) + " values");
}

std::string count_text(size_t n, const char* unit) { return std::to_string(n) + " " + unit; }

void decode_plain(const ValueFormat& f, ByteCursor in, size_t count, PageValues& out, DecodeScratch& scratch) {
  out.count = count;
  if (f.physical == PhysicalType::kBoolean) {
    const size_t bytes = count / 8 + (count % 8 != 0);
    const uint8_t* p = in.take(bytes, "PLAIN booleans");
    scratch.bytes.resize(count);
    unpack_bits(p, bytes, 0, 1, count, reinterpret_cast<uint8_t*>(scratch.bytes.data()));
    out.width = 1;
    out.data = scratch.bytes.data();
    return;
  }
  if (f.physical == PhysicalType::kByteArray) {
    // Each value has a 4-byte length: check the count before allocating for it.
    if (count > in.remaining() / 4) {
      fail("PLAIN byte arrays run past the end of the data (" + count_text(count, "values") + " in " +
           count_text(in.remaining(), "bytes") + ")");
    }
    out.width = 0;
    out.views.resize(count);
    for (size_t i = 0; i < count; ++i) {
      const uint32_t len = in.u32le("PLAIN byte array length");
      const uint8_t* p = in.take(len, "PLAIN byte array");
      out.views[i] = std::string_view(reinterpret_cast<const char*>(p), len);
    }
    return;
  }
  const size_t w = f.width;
  if (count > in.remaining() / w) {
    fail("PLAIN values run past the end of the data (" + count_text(count, "values") + " of " +
         count_text(w, "bytes") + ", " + std::to_string(in.remaining()) + " bytes left)");
  }
  out.width = w;
  out.data = reinterpret_cast<const char*>(in.take(count * w, "PLAIN values"));
}

void decode_rle_booleans(ByteCursor in, size_t count, PageValues& out, DecodeScratch& scratch) {
  const uint32_t len = in.u32le("RLE boolean length");
  ByteCursor run(in.take(len, "RLE booleans"), len);
  scratch.bytes.resize(count);
  RleDecoder(run, 1).decode(reinterpret_cast<uint8_t*>(scratch.bytes.data()), count, "RLE booleans");
  out.count = count;
  out.width = 1;
  out.data = scratch.bytes.data();
}

void store_ints(const std::vector<uint64_t>& ints, size_t count, size_t width, PageValues& out, DecodeScratch& scratch) {
  scratch.bytes.resize(count * width);
  char* p = scratch.bytes.data();
  if (width == 4) {
    for (size_t i = 0; i < count; ++i) {
      const uint32_t v = static_cast<uint32_t>(ints[i]);
      std::memcpy(p + 4 * i, &v, 4);
    }
  } else {
    std::memcpy(p, ints.data(), count * 8);
  }
  out.count = count;
  out.width = width;
  out.data = scratch.bytes.data();
}

void need_values(const std::vector<uint64_t>& got, size_t count, const char* what) {
  if (got.size() < count) {
    fail(std::string(what) + " hold " + std::to_string(got.size()) + " values, the page has " + std::to_string(count));
  }
}

// Lengths of DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY must be in 0..INT32_MAX.
void check_lengths(const std::vector<uint64_t>& lengths, size_t count, const char* what) {
  for (size_t i = 0; i < count; ++i) {
    const int64_t len = static_cast<int64_t>(lengths[i]);
    if (len < 0 || len > INT32_MAX) fail(std::string(what) + " length " + std::to_string(len) + " is out of range");
  }
}

void decode_delta_length(ByteCursor in, size_t count, size_t max_values, PageValues& out, DecodeScratch& scratch) {
  decode_delta_binary_packed(in, max_values, scratch.ints);
  need_values(scratch.ints, count, "DELTA_LENGTH_BYTE_ARRAY lengths");
  check_lengths(scratch.ints, count, "DELTA_LENGTH_BYTE_ARRAY");
  out.count = count;
  out.width = 0;
  out.views.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const size_t len = static_cast<uint32_t>(scratch.ints[i]);
    const uint8_t* p = in.take(len, "DELTA_LENGTH_BYTE_ARRAY data");
    out.views[i] = std::string_view(reinterpret_cast<const char*>(p), len);
  }
}

void decode_delta_byte_array(const ValueFormat& f, ByteCursor in, size_t count, size_t max_values, PageValues& out,
                             DecodeScratch& scratch) {
  std::vector<uint64_t>& prefixes = scratch.ints;
  std::vector<uint64_t>& suffixes = scratch.ints2;
  const size_t data_bytes = in.remaining();
  decode_delta_binary_packed(in, max_values, prefixes);
  need_values(prefixes, count, "DELTA_BYTE_ARRAY prefix lengths");
  check_lengths(prefixes, count, "DELTA_BYTE_ARRAY prefix");
  decode_delta_binary_packed(in, max_values, suffixes);
  need_values(suffixes, count, "DELTA_BYTE_ARRAY suffix lengths");
  check_lengths(suffixes, count, "DELTA_BYTE_ARRAY suffix");
  // Sizes first, so the arena never moves while values are assembled in it.
  const uint64_t limit = (uint64_t{64} << 20) + static_cast<uint64_t>(data_bytes) * kMaxDeltaByteArrayExpansion;
  uint64_t total = 0, previous = 0, suffix_total = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t prefix = static_cast<uint32_t>(prefixes[i]), suffix = static_cast<uint32_t>(suffixes[i]);
    if (prefix > previous) {
      fail("DELTA_BYTE_ARRAY value " + std::to_string(i) + " has a prefix of " + std::to_string(prefix) +
           " bytes, longer than the previous value (" + std::to_string(previous) + " bytes)");
    }
    previous = prefix + suffix;
    total += previous;
    suffix_total += suffix;
    if (total > limit) fail("DELTA_BYTE_ARRAY values expand to more than " + std::to_string(limit) + " bytes");
  }
  if (suffix_total > in.remaining()) {
    fail("DELTA_BYTE_ARRAY suffixes run past the end of the data (" + std::to_string(suffix_total) + " bytes, " +
         std::to_string(in.remaining()) + " left)");
  }
  std::string& arena = scratch.arena;
  arena.clear();
  arena.reserve(total);
  const bool fixed = f.physical == PhysicalType::kFixedLenByteArray;
  size_t prev_offset = 0;
  std::vector<std::pair<size_t, size_t>> spans;
  if (!fixed) spans.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const size_t prefix = static_cast<uint32_t>(prefixes[i]), suffix = static_cast<uint32_t>(suffixes[i]);
    const size_t offset = arena.size();
    arena.append(arena.data() + prev_offset, prefix);  // within capacity: no reallocation
    const uint8_t* s = in.take(suffix, "DELTA_BYTE_ARRAY suffix");
    arena.append(reinterpret_cast<const char*>(s), suffix);
    if (fixed && prefix + suffix != f.width) {
      fail("DELTA_BYTE_ARRAY value " + std::to_string(i) + " has " + std::to_string(prefix + suffix) +
           " bytes, the column's FIXED_LEN_BYTE_ARRAY length is " + std::to_string(f.width));
    }
    if (!fixed) spans[i] = {offset, prefix + suffix};
    prev_offset = offset;
  }
  out.count = count;
  if (fixed) {
    out.width = f.width;
    out.data = arena.data();
  } else {
    out.width = 0;
    out.views.resize(count);
    for (size_t i = 0; i < count; ++i) out.views[i] = std::string_view(arena.data() + spans[i].first, spans[i].second);
  }
}

void decode_byte_stream_split(const ValueFormat& f, ByteCursor in, size_t count, PageValues& out, DecodeScratch& scratch) {
  const size_t w = f.width;
  const size_t stride = in.remaining() / w;
  if (stride < count) {
    fail("BYTE_STREAM_SPLIT data holds " + std::to_string(stride) + " values, the page has " + std::to_string(count));
  }
  const uint8_t* src = in.position();
  scratch.bytes.resize(count * w);
  char* dst = scratch.bytes.data();
  for (size_t k = 0; k < w; ++k) {
    const uint8_t* stream = src + k * stride;
    for (size_t i = 0; i < count; ++i) dst[i * w + k] = static_cast<char>(stream[i]);
  }
  out.count = count;
  out.width = w;
  out.data = scratch.bytes.data();
}

}  // namespace

void decode_delta_binary_packed(ByteCursor& in, size_t max_values, std::vector<uint64_t>& out) {
  const uint64_t block_size = in.uleb("DELTA_BINARY_PACKED header");
  const uint64_t miniblocks = in.uleb("DELTA_BINARY_PACKED header");
  const uint64_t total = in.uleb("DELTA_BINARY_PACKED header");
  const uint64_t first = static_cast<uint64_t>(in.zigzag("DELTA_BINARY_PACKED header"));
  if (block_size == 0 || block_size % 128 != 0 || block_size > (uint64_t{1} << 20)) {
    fail("DELTA_BINARY_PACKED block size " + std::to_string(block_size) + " is not a positive multiple of 128");
  }
  if (miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    fail("DELTA_BINARY_PACKED has " + std::to_string(miniblocks) + " miniblocks per block of " +
         std::to_string(block_size) + " values (miniblocks must hold a multiple of 32 values)");
  }
  if (total > max_values) {
    fail("DELTA_BINARY_PACKED declares " + std::to_string(total) + " values, more than the page's " +
         std::to_string(max_values));
  }
  // Every block after the first value takes at least 1 + miniblocks bytes.
  const uint64_t most = 1 + in.remaining() / (1 + miniblocks) * block_size;
  if (total > most) {
    fail("DELTA_BINARY_PACKED declares " + std::to_string(total) + " values, more than its " +
         std::to_string(in.remaining()) + " bytes can hold");
  }
  out.clear();
  if (total == 0) return;
  out.reserve(total);
  const size_t per_mini = static_cast<size_t>(block_size / miniblocks);
  uint64_t value = first;
  out.push_back(value);
  uint64_t deltas[64];
  while (out.size() < total) {
    const uint64_t min_delta = static_cast<uint64_t>(in.zigzag("DELTA_BINARY_PACKED block header"));
    const uint8_t* widths = in.take(static_cast<size_t>(miniblocks), "DELTA_BINARY_PACKED bit widths");
    for (size_t m = 0; m < miniblocks && out.size() < total; ++m) {
      const int w = widths[m];
      if (w > 64) fail("DELTA_BINARY_PACKED bit width " + std::to_string(w) + " is more than 64");
      const size_t want = static_cast<size_t>(std::min<uint64_t>(per_mini, total - out.size()));
      const size_t full_bytes = per_mini * static_cast<size_t>(w) / 8;
      const size_t need_bytes = (want * static_cast<size_t>(w) + 7) / 8;
      if (need_bytes > in.remaining()) {
        fail("DELTA_BINARY_PACKED miniblock runs past the end of the data (needs " + std::to_string(need_bytes) +
             " bytes, " + std::to_string(in.remaining()) + " left)");
      }
      const size_t bytes = std::min(full_bytes, in.remaining());
      const uint8_t* data = in.take(bytes, "DELTA_BINARY_PACKED miniblock");
      for (size_t done = 0; done < want;) {
        const size_t k = std::min<size_t>(64, want - done);
        unpack_bits(data, bytes, static_cast<uint64_t>(done) * static_cast<uint64_t>(w), w, k, deltas);
        for (size_t i = 0; i < k; ++i) {
          value += min_delta + deltas[i];
          out.push_back(value);
        }
        done += k;
      }
    }
  }
}

void decode_values(Encoding encoding, const ValueFormat& f, ByteCursor in, size_t count, size_t max_values,
                   PageValues& out, DecodeScratch& scratch) {
  const PhysicalType t = f.physical;
  switch (encoding) {
    case Encoding::kPlain:
      decode_plain(f, in, count, out, scratch);
      return;
    case Encoding::kRle:
      if (t != PhysicalType::kBoolean) unsupported(encoding, f);
      decode_rle_booleans(in, count, out, scratch);
      return;
    case Encoding::kDeltaBinaryPacked: {
      if (t != PhysicalType::kInt32 && t != PhysicalType::kInt64) unsupported(encoding, f);
      decode_delta_binary_packed(in, max_values, scratch.ints);
      need_values(scratch.ints, count, "DELTA_BINARY_PACKED values");
      store_ints(scratch.ints, count, f.width, out, scratch);
      return;
    }
    case Encoding::kDeltaLengthByteArray:
      if (t != PhysicalType::kByteArray) unsupported(encoding, f);
      decode_delta_length(in, count, max_values, out, scratch);
      return;
    case Encoding::kDeltaByteArray:
      if (t != PhysicalType::kByteArray && t != PhysicalType::kFixedLenByteArray) unsupported(encoding, f);
      decode_delta_byte_array(f, in, count, max_values, out, scratch);
      return;
    case Encoding::kByteStreamSplit:
      if (t != PhysicalType::kFloat && t != PhysicalType::kDouble && t != PhysicalType::kInt32 &&
          t != PhysicalType::kInt64 && t != PhysicalType::kFixedLenByteArray) {
        unsupported(encoding, f);
      }
      decode_byte_stream_split(f, in, count, out, scratch);
      return;
    default:
      unsupported(encoding, f);
  }
}

}  // namespace tsum::parquet
