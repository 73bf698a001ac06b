// PairGrid: the weighted counts of R's value pairs (c1 = v1, c2 = v2) for one column c1
// against later columns c2, counted afresh within one root step. The entropy model's
// two-item seeds (root_seeds) read them for the columns whose pairs have no kept counts
// (engine/pair_counts.h: they did not fit its budget, as on wide tables).
//
// Why a grid: without one, each value v1 gathered its rows of R and counted them in
// every later column — rows × D(D − 1)/2 reads per step, each from another column's
// array at a row far from the last (~7 ns a read on a 10^5 × 500 table). A grid counts
// a block of c1's values against a column in one pass over their rows in row order, into
// block × (card(c2) + 1) counts that stay in cache: the same numbers, read in sequence.
//
// Which columns it covers: those c2 > c1 whose dense grid, (card(c1) + 1)(card(c2) + 1)
// cells, is at most 4 |R| rows + 4,096 (else most cells would be zero, and reading them
// would cost more than gathering the rows), in column order while the grid's cells for
// all values of c1 stay within 8 blocks of `block_bytes`; and none unless the counting
// outweighs a pass over the table per block (8 counts per row: a narrow table, or an R
// that is a small part of its table, is gathered). covers(c2) says which; the others are
// left to the gather.
//
// How it counts: a covered column is counted from the residue's value bitmaps
// (engine/value_bitmaps.h: a popcount of two rows-of-R bitmaps per value pair) when
// both columns have them and c1's values × c2's values × |R| / 64 words cost less than
// c1's rows of R counted one by one (ValueBitmaps::pays; by_bitmaps(c2) says so), else by
// a pass over the block's rows. Either way the same counts.
//
// Contract: run(v1, c2) holds, for every v1 of the last counted block whose weighted
// count in R is at least 2 (no other value has a pair of N_R >= 2) and every covered
// c2, the weighted count of R's rows holding (v1, v2) at index v2 (0: NULL); most(v1,
// c2) is the largest of them over v2 >= 1, pairs(v1, c2) how many are 2 or more. Counts
// are 32-bit: a table of 2^32 weighted rows or more gets no grid. Integer sums: the same
// whatever the threads. Counting shares the columns out unless told not to; one thread
// calls. Grids of different columns may count at once: each only reads the residue.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/residue.h"
#include "engine/value_bitmaps.h"

namespace tsum {

class PairGrid {
 public:
  // Bytes of counts a block may take, and whether the grid is used wherever it fits even
  // when the gather would be cheaper. TSUM_PAIR_GRID_BYTES=N sets N and forces the grid
  // on every dense column, in as many blocks as it takes; N = 0 covers no column (tests
  // compare the grid, in blocks of any size, with the gather).
  struct Setting {
    uint64_t block_bytes;
    bool forced;
  };
  static Setting setting();

  PairGrid(const Residue& residue, size_t c1, Setting setting);
  // The columns a grid for c1 on `residue` covers, ascending (empty: none).
  static std::vector<size_t> covered_columns(const Residue& residue, size_t c1, Setting setting);

  bool covers(size_t c2) const { return c2 < cells_before_.size() && cells_before_[c2] != kNotCovered; }
  bool covers_any() const { return value_cells_ > 0; }
  // Whether covered column c2 is counted from value bitmaps.
  bool by_bitmaps(size_t c2) const { return covers(c2) && by_bitmaps_[place_[c2]]; }

  // Counts the block of c1's values starting at `first` (>= 1), ending at `limit` at the
  // latest, and returns its end: the block is [first, end), end > first. With
  // `share_out` false, on the calling thread alone.
  uint32_t count_block(uint32_t first, uint32_t limit = UINT32_MAX, bool share_out = true);
  const uint32_t* run(uint32_t v1, size_t c2) const {
    return counts_.data() + block_ * cells_before_[c2] + uint64_t{v1 - first_} * (cardinality(c2) + 1);
  }
  uint32_t most(uint32_t v1, size_t c2) const { return most_[block_ * place_[c2] + (v1 - first_)].most; }
  // How many v2 >= 1 have a count of 2 or more.
  uint32_t pairs(uint32_t v1, size_t c2) const { return most_[block_ * place_[c2] + (v1 - first_)].pairs; }

 private:
  static constexpr uint64_t kNotCovered = ~uint64_t{0};
  // Covered columns counted in one pass over the block's rows: two consecutive ones of
  // one code width (each row's slot read once for both, their increments independent;
  // on a 10^5 x 500 table of 100 labels the root step 7.7 -> 6.4 s at two threads,
  // docs/benchmarks.md; groups of three and four measured no better).
  static constexpr size_t kFused = 2;
  struct Group {
    size_t first, size;  // covered_[first, first + size)
    bool bitmaps;        // counted from value bitmaps (one column), else by a pass over rows_
  };
  static uint64_t block_values(uint64_t block_bytes, uint64_t value_cells, uint32_t card);
  uint32_t cardinality(size_t c) const { return residue_.table().column(c).cardinality(); }
  size_t code_bytes(size_t c) const {
    return residue_.table().column(c).visit_codes([](const auto* codes) { return sizeof(*codes); });
  }
  void count_by_bitmaps(size_t k, uint32_t end);
  void count_by_pass(const Group& group);
  void summarize_runs(const Group& group, uint32_t end);
  template <size_t kColumns, class Code>
  void count_fused(const Code* const* codes, const uint64_t* widths, const uint64_t* weights,
                   uint32_t* const* counts) const;

  const Residue& residue_;
  size_t c1_;
  std::vector<size_t> covered_;         // the covered columns, ascending
  const ValueBitmaps* bitmaps_;         // the residue's, or null
  std::vector<uint8_t> by_bitmaps_;     // per covered column: counted from bitmaps
  std::vector<Group> groups_;           // covered_ in groups counted together
  std::vector<uint64_t> cells_before_;  // per column: a value's cells in earlier covered columns
  std::vector<uint32_t> place_;         // per column: its place among the covered ones
  uint64_t value_cells_ = 0;            // a value's cells over every covered column
  uint64_t block_ = 1;                  // values per block
  uint32_t first_ = 1;                  // the last block's first value
  std::vector<uint32_t> counts_;        // per covered column, block × (card + 1) counts
  struct RunSummary {
    uint32_t most, pairs;
  };
  std::vector<RunSummary> most_;  // per covered column, each value's run's largest count and pairs
  std::vector<RowId> rows_;             // the block's rows of R, ascending
  std::vector<uint32_t> slots_;         // their value's place in the block
};

}  // namespace tsum
