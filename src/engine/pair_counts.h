// PairCounts: for column pairs c1 < c2, the weighted count of the residue's rows holding
// each pair of values (v1, v2) that occurs (NULL on neither side), kept current as rows
// leave the residue.
//
// The entropy model's greedy search scores every two-item pattern at the root of each
// step (docs/spec.md, "Search and ranking under `entropy`"). Read from these counts a
// step costs the pairs that occur; a grid of every (v1, v2) cost the product of the two
// dictionaries per step (10^4 x 10^3 values: 10^7 cells read for each of 10^4 patterns).
//
// Layout: per column pair, the pairs of each v1 in one run ordered by v2 (compressed
// rows), which is the order the root step reads them in (c1, v1, c2, v2). A run holding
// at least half the second column's values is dense (a count for every v2, so a row
// leaving finds its pair at once); a sparser one lists its v2 (found by binary search).
// Counts only fall; a pair whose count reaches 0 stays in its run. Each run keeps an
// upper bound of its counts (exact when built, lowered by tighten() after a read), which
// lets a reader pass a run over whole (engine/seed_expansion.cc).
//
// Which columns c1 get counts (every pair (c1, c2 > c1), or none) depends only on the
// cardinalities, the row count and the budget: the same for every thread count and
// front end. Counting is parallel over column pairs, in integers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernels.h"
#include "engine/pattern.h"
#include "engine/row_bits.h"
#include "engine/work_table.h"

namespace tsum {

class PairCounts {
 public:
  // Counts for the pairs of every column c1 (in order) that `wanted` names (every column
  // when null) and whose pairs fit what is left of `budget_bytes`, over the rows with
  // `alive`.
  PairCounts(const WorkTable& table, const RowBits& alive, uint64_t budget_bytes,
             const std::vector<bool>* wanted = nullptr);
  // Bytes the counts of every column pair of `table` would take (bytes_for, summed).
  static uint64_t bytes_for_table(const WorkTable& table);

  // Whether every pair (c1, c2 > c1) has counts.
  bool ready(size_t c1) const { return !pairs_[c1].empty(); }

  // The pairs of (c1 = v1, c2 = v2) over every v2, v2 ascending (ready(c1) only). A
  // dense run has no codes: its i-th count is v2 = i + 1's.
  struct Run {
    const uint32_t* codes;  // nullptr when dense
    const uint64_t* counts;
    size_t size;
    uint32_t code(size_t i) const { return codes ? codes[i] : static_cast<uint32_t>(i + 1); }
  };
  Run run(size_t c1, size_t c2, uint32_t v1) const {
    const Pair& p = pairs_[c1][c2 - c1 - 1];
    const uint32_t first_code = p.code_start[v1], end_code = p.code_start[v1 + 1];
    const uint32_t* codes = first_code == end_code ? nullptr : p.codes.data() + first_code;
    return {codes, p.counts.data() + p.start[v1], size_t{p.start[v1 + 1]} - p.start[v1]};
  }
  // At least every count of the run (c1, c2, v1).
  uint64_t bound(size_t c1, size_t c2, uint32_t v1) const { return pairs_[c1][c2 - c1 - 1].bound[v1]; }
  // The run's largest count now, read by the caller: the bound drops to it.
  void tighten(size_t c1, size_t c2, uint32_t v1, uint64_t largest) { pairs_[c1][c2 - c1 - 1].bound[v1] = largest; }

  // Rows leave the residue (each at most once, each alive until now). `held`: items every
  // one of them holds (an accepted pattern's), whose codes need not be read row by row: a
  // pair of two such items loses the rows' weight at once, a run whose first value is one
  // is found once, and a held second value is not read.
  void remove(std::span<const RowId> rows, std::span<const Item> held = {});

  // Bytes the counts of one column pair may take: what the budget is spent in.
  static uint64_t bytes_for(uint64_t rows, uint64_t cardinality1, uint64_t cardinality2);

 private:
  struct Pair {
    std::vector<uint32_t> start;       // cardinality(c1) + 2 offsets: v1's counts are [start[v1], start[v1 + 1])
    std::vector<uint32_t> code_start;  // the same into `codes`; an empty range with counts is a dense run
    std::vector<uint32_t> codes;       // v2 of each pair of a sparse run
    std::vector<uint64_t> counts;  // its weighted count in the residue
    std::vector<uint64_t> bound;   // per v1: at least every count of its run
  };
  Pair count_pair(size_t c1, size_t c2, const RowBits& alive) const;

  // Below this many (row, column pair) updates remove() runs on the calling thread.
  static constexpr uint64_t kSerialUpdates = uint64_t{1} << 14;

  const WorkTable& table_;
  uint64_t held_ = 0;  // column pairs with counts
  std::vector<std::vector<Pair>> pairs_;  // [c1][c2 - c1 - 1], empty unless ready(c1)
};

}  // namespace tsum
