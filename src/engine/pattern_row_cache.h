// Each pattern's rows in the whole table, matched once per distinct item set.
//
// The beam search's refinement (engine/refine.h) marshals dozens of lists that differ
// from one another by one or two patterns; matching every row of the table against every
// pattern again for each of them was most of its time on the real-table suite. The cache
// hands marshal_known() the rows it already matched. Patterns are keyed by their items
// as a set (item order does not change which rows match). Row lists stay valid, and at
// the same address, for the cache's lifetime; memory grows with the distinct patterns
// asked for, so the beam search uses a cache only below its large-table threshold. A
// pattern is matched from the posting list of its least frequent item (engine/
// posting_index.h: the table's rows by code, built per column on first use), filtered by
// its other items: the size of one list, not a scan of the table, per pattern.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/kernels.h"
#include "engine/pattern.h"
#include "engine/posting_index.h"
#include "engine/row_bits.h"
#include "engine/work_table.h"

namespace tsum {

// The work-table rows matching every item of `items` (in any order), ascending; every row
// for no items.
std::vector<RowId> table_rows_matching(const WorkTable& table, std::span<const Item> items);

class PatternRowCache {
 public:
  explicit PatternRowCache(const WorkTable& table) : table_(table), postings_(table) {}
  PatternRowCache(const PatternRowCache&) = delete;
  PatternRowCache& operator=(const PatternRowCache&) = delete;

  // The work-table rows matching every item of p, ascending.
  std::span<const RowId> rows_of(const CodedPattern& p);

 private:
  const WorkTable& table_;
  PostingIndex postings_;
  std::optional<RowBits> every_row_;  // every row: posting lists read whole
  std::map<std::vector<std::pair<uint32_t, uint32_t>>, std::vector<RowId>> rows_;
};

}  // namespace tsum
