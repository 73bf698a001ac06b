// Candidate patterns as codes of the union table, and their rows on each side.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/posting_index.h"
#include "engine/row_bits.h"
#include "engine/work_table.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// A pattern over the union table: (column index, code) pairs, ascending column index.
struct CodePattern {
  std::vector<std::pair<uint32_t, uint32_t>> items;
  auto operator<=>(const CodePattern&) const = default;
};

// The summary's pattern as codes of `table` (values looked up by text). Items whose
// column or value the table lacks make it return an empty pattern.
CodePattern to_codes(const Table& table, const std::vector<PatternItem>& items);

struct SideCounts {
  uint64_t old_rows = 0;
  uint64_t new_rows = 0;
};

// Counts the rows of OLD and NEW (tables sharing dictionaries, row_subset.h) matching a
// pattern with the engine's structures: each side's work table (distinct rows weighted
// when cheap), the rows of the pattern's rarest item from an inverted list
// (engine/posting_index.h), then the other items filtered by the counting kernels.
// Not thread-safe (the inverted lists are built lazily); runs in the caller's arena.
class SideCounter {
 public:
  SideCounter(const Table& old_side, const Table& new_side);
  SideCounts count(const CodePattern& pattern);
  // The rows of one side's work table (new_side: NEW) matching the pattern, ascending;
  // weigh them with the work table's weights.
  std::vector<RowId> rows(const CodePattern& pattern, bool new_side);
  const WorkTable& old_work() const { return old_work_; }
  const WorkTable& new_work() const { return new_work_; }

 private:
  size_t lead_item(const CodePattern& pattern) const;
  std::vector<RowId> side_rows(const WorkTable& work, PostingIndex& index, const RowBits& alive,
                               const CodePattern& pattern, size_t lead);

  const Table& old_side_;
  const Table& new_side_;
  WorkTable old_work_, new_work_;
  PostingIndex old_index_, new_index_;
  RowBits old_alive_, new_alive_;  // every row: the index's residue is the whole side
};

}  // namespace tsum
