// ShortKey: a string of at most 16 bytes packed into two 64-bit words, exactly.
//
// Most cell values are short (codes, numbers, dates, names), and the readers' hot path
// hashes and compares one value per cell. Packed, a short value hashes with one 128-bit
// multiplication and compares with two word comparisons, with no call to memcmp and no
// loop. The packing is the bytes zero-padded to 16 (little-endian words); together with
// the length it is injective (equal keys and lengths <=> equal strings).
//
// make_short_key reads only the string: 8..16 bytes are two overlapping 8-byte loads,
// 4..7 two overlapping 4-byte loads, 1..3 single bytes, shifted into place.
// make_short_key_padded, for text inside a larger buffer with 16 readable bytes from its
// start, loads 16 bytes and masks them, without branches on the length.
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
    if (n > 8) {
      std::memcpy(&k.b, p + n - 8, 8);
      k.b >>= 8 * (16 - n);
    }
  } else if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    k.a = lo | (uint64_t{hi} >> (8 * (8 - n))) << 32;
  } else if (n > 0) {
    const uint64_t bytes = uint64_t{static_cast<unsigned char>(p[0])} |
                           uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                           uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    k.a = bytes & ((uint64_t{1} << (8 * n)) - 1);
  }
  return k;
}

// The same key for p[0, n), n <= kShortKeyMax, when p[0, 16) may be read.
inline ShortKey make_short_key_padded(const char* p, size_t n) {
  ShortKey k;
  std::memcpy(&k.a, p, 8);
  std::memcpy(&k.b, p + 8, 8);
  const size_t low = n < 8 ? n : 8;
  const size_t high = n - low;
  k.a &= low == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * low)) - 1;
  k.b &= high == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * high)) - 1;
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
