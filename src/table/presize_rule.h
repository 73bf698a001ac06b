// looks_nearly_distinct: when a dictionary should be sized ahead for every value to come.
//
// A dictionary that grows by doubling re-inserts every value at each doubling; for a
// column of ~10^6 distinct values that was a quarter to a third of its reading time
// (docs/benchmarks.md, "Sizing the merge ahead"). Sizing it once for an upper bound on
// the values to come (the sum of the chunks' dictionaries, or a chunk's row count) saves
// those, and costs at most the room for that bound when the guess is wrong. The guess:
// the first `cells` cells held `distinct` distinct values, at least 4,096 of them, and at
// most one cell in 16 repeated a value. Random timestamps or prices qualify (10^6 values
// drawn from 10^7-10^8 repeat tens or hundreds of times in 10^5 cells); a column of 10^5
// labels over 10^6 rows (~80 % new in its first 10^5 cells) does not, and keeps the
// doublings, where the bound would be many times the need. Codes never depend on it.
#pragma once

#include <cstdint>

namespace tsum {

inline constexpr uint64_t kPresizeEvidence = 4096;

inline bool looks_nearly_distinct(uint64_t distinct, uint64_t cells) {
  return distinct >= kPresizeEvidence && distinct >= cells - cells / 16;
}

}  // namespace tsum
