#include "engine/posting_index.h"

namespace tsum {

PostingIndex::Lists& PostingIndex::lists(size_t column) {
  if (columns_[column]) return *columns_[column];
  auto l = std::make_unique<Lists>();
  const WorkColumn& col = table_.column(column);
  uint64_t rows = table_.rows();
  l->begin.assign(col.cardinality() + 2, 0);
  col.visit_codes([&](const auto* codes) {
    for (uint64_t r = 0; r < rows; ++r) ++l->begin[codes[r] + 1];
    for (size_t i = 1; i < l->begin.size(); ++i) l->begin[i] += l->begin[i - 1];
    l->rows.resize(rows);
    std::vector<uint64_t> fill(l->begin.begin(), l->begin.end() - 1);
    for (uint64_t r = 0; r < rows; ++r) l->rows[fill[codes[r]]++] = static_cast<RowId>(r);
    l->end.assign(l->begin.begin() + 1, l->begin.end());
  });
  l->begin.pop_back();
  columns_[column] = std::move(l);
  return *columns_[column];
}

std::vector<RowId> PostingIndex::live_rows(size_t column, uint32_t code, const std::vector<uint8_t>& alive) {
  Lists& l = lists(column);
  uint64_t begin = l.begin[code], end = l.end[code];
  std::vector<RowId> out;
  out.reserve(end - begin);
  uint64_t keep = begin;
  for (uint64_t i = begin; i < end; ++i) {
    RowId r = l.rows[i];
    if (!alive[r]) continue;
    l.rows[keep++] = r;
    out.push_back(r);
  }
  l.end[code] = keep;
  return out;
}

}  // namespace tsum
