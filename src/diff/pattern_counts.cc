#include "diff/pattern_counts.h"

#include <algorithm>

#include "engine/kernels.h"

namespace tsum {

CodePattern to_codes(const Table& table, const std::vector<PatternItem>& items) {
  CodePattern p;
  for (const PatternItem& item : items) {
    ptrdiff_t c = table.find_column(item.column);
    if (c < 0) return {};
    const Column& column = table.column(static_cast<size_t>(c));
    uint32_t found = 0;
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      if (column.value(code) == item.value) {
        found = code;
        break;
      }
    }
    if (found == 0) return {};
    p.items.emplace_back(static_cast<uint32_t>(c), found);
  }
  std::sort(p.items.begin(), p.items.end());
  return p;
}

SideCounter::SideCounter(const Table& old_side, const Table& new_side)
    : old_side_(old_side),
      new_side_(new_side),
      old_work_(old_side, true),
      new_work_(new_side, true),
      old_index_(old_work_),
      new_index_(new_work_),
      old_alive_(old_work_.rows()),
      new_alive_(new_work_.rows()) {}

std::vector<RowId> SideCounter::side_rows(const WorkTable& work, PostingIndex& index, const RowBits& alive,
                                          const CodePattern& pattern, size_t lead) {
  const auto& [lead_column, lead_code] = pattern.items[lead];
  std::vector<RowId> rows = index.live_rows(lead_column, lead_code, alive);
  for (size_t k = 0; k < pattern.items.size() && !rows.empty(); ++k) {
    if (k == lead) continue;
    rows = filter_equal(work.column(pattern.items[k].first), RowSet{false, work.rows(), rows}, pattern.items[k].second);
  }
  return rows;
}

// The rarest item over both sides: the shortest list to filter.
size_t SideCounter::lead_item(const CodePattern& pattern) const {
  auto rows_of = [&](const std::pair<uint32_t, uint32_t>& item) {
    return old_side_.column(item.first).code_counts()[item.second] + new_side_.column(item.first).code_counts()[item.second];
  };
  size_t lead = 0;
  for (size_t k = 1; k < pattern.items.size(); ++k) {
    if (rows_of(pattern.items[k]) < rows_of(pattern.items[lead])) lead = k;
  }
  return lead;
}

std::vector<RowId> SideCounter::rows(const CodePattern& pattern, bool new_side) {
  if (pattern.items.empty()) {
    std::vector<RowId> all((new_side ? new_work_ : old_work_).rows());
    for (size_t r = 0; r < all.size(); ++r) all[r] = static_cast<RowId>(r);
    return all;
  }
  return new_side ? side_rows(new_work_, new_index_, new_alive_, pattern, lead_item(pattern))
                  : side_rows(old_work_, old_index_, old_alive_, pattern, lead_item(pattern));
}

SideCounts SideCounter::count(const CodePattern& pattern) {
  if (pattern.items.empty()) return {old_side_.rows(), new_side_.rows()};
  return {total_weight(old_work_, rows(pattern, false)), total_weight(new_work_, rows(pattern, true))};
}

}  // namespace tsum
