// ByteCursor: a bounds-checked forward reader over a byte range.
//
// Every read checks the remaining length first and throws DecodeError ("<what> runs
// past the end of the <region>") instead of touching a byte outside the range, so the
// decoders built on it cannot read out of bounds whatever the input.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "io/parquet/parquet_error.h"

namespace tsum::parquet {

class ByteCursor {
 public:
  ByteCursor() = default;
  ByteCursor(const uint8_t* data, size_t size) : begin_(data), pos_(data), end_(data + size) {}
  explicit ByteCursor(std::string_view bytes)
      : ByteCursor(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) {}

  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
  size_t offset() const { return static_cast<size_t>(pos_ - begin_); }
  bool empty() const { return pos_ == end_; }
  const uint8_t* position() const { return pos_; }
  const uint8_t* end() const { return end_; }

  // Throws unless n more bytes are available; `what` names what was being read.
  void need(size_t n, const char* what) const {
    if (n > remaining()) {
      fail(std::string(what) + " runs past the end of the data (needs " + std::to_string(n) +
           " bytes, " + std::to_string(remaining()) + " left)");
    }
  }
  const uint8_t* take(size_t n, const char* what) {
    need(n, what);
    const uint8_t* p = pos_;
    pos_ += n;
    return p;
  }
  void skip(size_t n, const char* what) { take(n, what); }
  uint8_t byte(const char* what) { return *take(1, what); }
  uint32_t u32le(const char* what) {
    uint32_t v;
    std::memcpy(&v, take(4, what), 4);
    return v;
  }
  // ULEB128, at most 10 bytes (64 bits).
  uint64_t uleb(const char* what) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte(what);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail(std::string(what) + " is a varint longer than 10 bytes");
  }
  int64_t zigzag(const char* what) {
    uint64_t v = uleb(what);
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }

 private:
  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
};

}  // namespace tsum::parquet
