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
  std::vector<RowId> rows = table_rows_matching(table_, p.items);
  return rows_.emplace(std::move(key), std::move(rows)).first->second;
}

}  // namespace tsum
