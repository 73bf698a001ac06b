#include "report/column_summary.h"

#include <algorithm>

namespace tsum {

std::vector<ColumnSummary> summarize_columns(const Table& table, size_t top) {
  std::vector<ColumnSummary> out;
  out.reserve(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    ColumnSummary p;
    p.name = column.name();
    p.type = column.type() == ValueType::kNumeric ? "numeric" : "string";
    p.distinct = column.cardinality();
    p.nulls = column.null_count();
    const std::vector<uint64_t>& counts = column.code_counts();
    auto more_frequent = [&](uint32_t a, uint32_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; };
    // A bounded insertion into the `top` best so far: no allocation per distinct value.
    std::vector<uint32_t> best;
    best.reserve(top + 1);
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      if (best.size() == top && (top == 0 || !more_frequent(code, best.back()))) continue;
      best.insert(std::upper_bound(best.begin(), best.end(), code, more_frequent), code);
      if (best.size() > top) best.pop_back();
    }
    for (uint32_t code : best) p.top_values.push_back(ValueCount{std::string(column.value(code)), counts[code]});
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace tsum
