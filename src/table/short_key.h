// ShortKey: a string of at most 16 bytes packed into two 64-bit words, exactly.
//
// Most cell values are short (codes, numbers, dates, names), and the readers' hot path
// hashes and compares one value per cell. Packed, a short value hashes with one 128-bit
// multiplication and compares with two word comparisons, with no call to memcmp and no
// loop. Together with its length the packing is injective (equal keys <=> equal
// strings), so a comparison of keys is a comparison of strings.
//
// The loads overlap instead of reading past the end: 8..16 bytes are the first and the
// last 8; 4..7 the first and the last 4; 1..3 the first, middle and last byte. Every byte
// is covered, and the length tells the overlap, so nothing outside the string is read.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace tsum::detail {

inline constexpr size_t kShortKeyMax = 16;

struct ShortKey {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const ShortKey&) const = default;
};

// Packs p[0, n), n <= kShortKeyMax.
inline ShortKey make_short_key(const char* p, size_t n) {
  ShortKey k;
  if (n >= 8) {
    std::memcpy(&k.a, p, 8);
    std::memcpy(&k.b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    k.a = lo | uint64_t{hi} << 32;
  } else if (n > 0) {
    k.a = uint64_t{static_cast<unsigned char>(p[0])} | uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
          uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
  }
  return k;
}

inline uint64_t mix64(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// The hash of a short key of length n: one multiplication of the two words, each mixed
// with a constant (and the length) so that neither factor is zero for common keys.
inline uint64_t hash_short_key(const ShortKey& k, size_t n) {
  return mix64(k.a ^ 0x9E3779B97F4A7C15ull ^ (uint64_t{n} << 56), k.b ^ 0xA0761D6478BD642Full);
}

}  // namespace tsum::detail
