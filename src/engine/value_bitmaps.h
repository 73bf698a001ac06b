// ValueBitmaps: for a residue R, the rows of R holding each value of the columns of few
// values, as bitmaps over R's rows (bit i: the i-th row of R in row order). The count of
// R's rows holding a value pair (c1 = v1, c2 = v2) is then the popcount of the AND of
// two bitmaps, |R| / 64 words, where a pair grid (engine/pair_grid.h) adds 1 for each of
// c1 = v1's rows: on columns of a handful of values the grid's counting is mostly
// increments of the same few counters, and the bitmaps of all c2's values together are
// smaller than c2's codes (2,500 rows × 8,000 columns of 5 labels: 8 · 10^10 increments
// in one step under `entropy`; docs/benchmarks.md).
//
// Which columns: those of at most kMaxCodes codes (NULL included) that some grid would
// count from bitmaps (pays(), as c1 or as c2), in column order while their bitmaps fit
// the budget (64 MiB; TSUM_VALUE_BITMAP_BYTES=N sets N, and forces the bitmaps on every
// column of few codes and every pair of them, in tests and measurements: 0 builds
// none). None on a weighted table: a popcount counts rows, not weights. Built from R as
// it is; a residue that loses rows drops them (Residue::prepare_value_bitmaps).
//
// Hand-written: no library on the machine keeps per-value row bitmaps of a column
// selection with an AND-count (Roaring's containers are built for sparse sets, and a
// column of 5 values over 2,500 rows is dense). The count uses AVX2 or the POPCNT
// instruction when the CPU has them (chosen at run time, as engine/histogram.h's
// kernels, so the build needs no -march flag).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels.h"
#include "engine/row_bits.h"
#include "engine/work_table.h"

namespace tsum {

class ValueBitmaps {
 public:
  static constexpr uint32_t kMaxCodes = 16;

  struct Setting {
    uint64_t budget_bytes;
    bool forced;  // used for every pair of columns that has them, whatever they cost
  };
  static Setting setting();

  // The bitmaps of R = the rows of `alive` (`rows` of them), whose weighted
  // counts per column and code are `histograms` (the residue's).
  ValueBitmaps(const WorkTable& table, const RowBits& alive, uint64_t rows,
               const std::vector<std::vector<uint64_t>>& histograms, Setting setting);

  // Whether a grid counts column c2 against c1 from bitmaps rather than by a pass over
  // c1's rows: c1's `values1` values of two rows or more in R (`rows1` rows in all) × c2's
  // values × `words` words cost at most 1.5 words per row the pass would count (2 with
  // the AVX2 kernel).
  static bool pays(uint64_t values1, uint64_t rows1, uint32_t card2, uint64_t words);

  bool forced() const { return forced_; }
  bool has(size_t c) const { return c < start_.size() && start_[c] != kNone; }
  uint64_t words() const { return words_; }  // per bitmap
  // Column c's bitmap of `code` (has(c)): words() words.
  const uint64_t* bits(size_t c, uint32_t code) const { return bits_.data() + start_[c] + uint64_t{code} * words_; }

  // out[j] = the number of bits set in both a and the j-th of n consecutive bitmaps at b
  // (a column's values' bitmaps: bits(c, v), bits(c, v + 1), ...), `words` words each,
  // n <= kMaxCodes, by the best kernel the CPU has.
  static void and_counts(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words, uint64_t* out) {
    and_counts(best_kernel(), a, b, n, words, out);
  }
  // The kernels, explicit for tests and measurements: AVX2 (with POPCNT), POPCNT, plain
  // C++; one the CPU lacks falls back to the best it has. The same counts.
  enum class Kernel { kPlain, kPopcnt, kAvx2 };
  static bool supported(Kernel kernel);
  static Kernel best_kernel();
  static void and_counts(Kernel kernel, const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words,
                         uint64_t* out);

 private:
  static constexpr uint64_t kNone = ~uint64_t{0};
  uint64_t words_ = 0;
  bool forced_ = false;
  std::vector<uint64_t> start_;  // per column: its first bitmap's word in bits_ (kNone: none)
  std::vector<uint64_t> bits_;
};

}  // namespace tsum
