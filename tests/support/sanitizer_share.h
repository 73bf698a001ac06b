// The share of a seeded random series a test runs: all of it in the Release build, the
// first quarter under ASan/UBSan (at -O1 these comparisons run about six times slower;
// a quarter is enough to see memory errors). Tests divide their table counts, and the
// thresholds they check, by it.
#pragma once

#include <cstddef>

namespace tsum::test {

#ifdef TSUM_SANITIZER_BUILD
inline constexpr size_t kSanitizerShare = 4;
#else
inline constexpr size_t kSanitizerShare = 1;
#endif

}  // namespace tsum::test
