#include "engine/pattern_row_cache.h"

#include <algorithm>

namespace tsum {

std::vector<RowId> table_rows_matching(const WorkTable& table, std::span<const Item> items) {
  std::vector<RowId> rows;
  if (items.empty()) {
    rows.resize(table.rows());
    for (size_t r = 0; r < rows.size(); ++r) rows[r] = static_cast<RowId>(r);
    return rows;
  }
  RowSet set{true, table.rows(), {}};
  for (const Item& item : items) {
    rows = filter_equal(table.column(item.column), set, item.code);
    set = RowSet{false, table.rows(), rows};
  }
  return rows;
}

std::span<const RowId> PatternRowCache::rows_of(const CodedPattern& p) {
  std::vector<std::pair<uint32_t, uint32_t>> key;
  key.reserve(p.items.size());
  for (const Item& item : p.items) key.emplace_back(item.column, item.code);
  std::sort(key.begin(), key.end());
  auto it = rows_.find(key);
  if (it != rows_.end()) return it->second;
  std::vector<RowId> rows;
  if (p.items.empty()) {
    rows = table_rows_matching(table_, p.items);
  } else {
    size_t anchor = 0;
    for (size_t i = 1; i < p.items.size(); ++i)
      if (postings_.listed(p.items[i].column, p.items[i].code) < postings_.listed(p.items[anchor].column, p.items[anchor].code))
        anchor = i;
    if (!every_row_) every_row_.emplace(table_.rows());
    rows = postings_.live_rows(p.items[anchor].column, p.items[anchor].code, *every_row_);
    for (size_t i = 0; i < p.items.size() && !rows.empty(); ++i) {
      if (i == anchor) continue;
      rows = filter_equal(table_.column(p.items[i].column), RowSet{false, table_.rows(), rows}, p.items[i].code);
    }
  }
  return rows_.emplace(std::move(key), std::move(rows)).first->second;
}

}  // namespace tsum
