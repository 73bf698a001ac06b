#include "engine/pattern_row_cache.h"

#include <algorithm>

namespace tsum {

std::span<const RowId> PatternRowCache::rows_of(const CodedPattern& p) {
  std::vector<std::pair<uint32_t, uint32_t>> key;
  key.reserve(p.items.size());
  for (const Item& item : p.items) key.emplace_back(item.column, item.code);
  std::sort(key.begin(), key.end());
  auto it = rows_.find(key);
  if (it != rows_.end()) return it->second;
  std::vector<RowId> rows;
  RowSet set{true, table_.rows(), {}};
  for (const auto& [column, code] : key) {
    rows = filter_equal(table_.column(column), set, code);
    set = RowSet{false, table_.rows(), rows};
  }
  if (key.empty()) {  // the empty pattern matches every row
    rows.resize(table_.rows());
    for (size_t r = 0; r < rows.size(); ++r) rows[r] = static_cast<RowId>(r);
  }
  return rows_.emplace(std::move(key), std::move(rows)).first->second;
}

}  // namespace tsum
