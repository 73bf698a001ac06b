#include "io/csv/csv_utf8.h"

#include <cstdint>
#include <cstring>

#include <simdjson.h>

namespace tsum::csv {
namespace {

// Length of the valid sequence starting at p[i] (i < n), or 0 when it is invalid.
size_t sequence_length(const unsigned char* p, size_t i, size_t n) {
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < n && p[i + k] >= lo && p[i + k] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace

size_t find_invalid_utf8(std::string_view data, size_t begin, size_t end) {
  if (begin >= end) return std::string_view::npos;
  if (simdjson::validate_utf8(data.data() + begin, end - begin)) return std::string_view::npos;
  // Locate the error; only inputs that have one get here.
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t i = begin;
  while (i < end) {
    if (i + 8 <= end) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const size_t len = sequence_length(p, i, end);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;  // not reached: simdjson said the range is invalid
}

}  // namespace tsum::csv
