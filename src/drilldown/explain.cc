#include "tsum/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "drilldown/pattern_rows.h"
#include "drilldown/where_clause.h"
#include "tsum/error.h"

namespace tsum {
namespace {

// One item as a condition on the values as read: a range for a bin label, else equality.
std::string item_condition(const PatternItem& item, const std::vector<ColumnBins>& bins) {
  const std::string column = sql_column(item.column);
  for (const ColumnBins& b : bins) {
    if (b.column != item.column) continue;
    auto label = std::find(b.labels.begin(), b.labels.end(), item.value);
    if (label == b.labels.end()) break;  // a value kept as it is
    const size_t i = static_cast<size_t>(label - b.labels.begin());
    auto edge = [&](size_t k) { return b.numeric_edges ? b.edges[k] : sql_text(b.edges[k]); };
    std::vector<std::string> parts;
    if (i > 0) parts.push_back(column + " >= " + edge(i - 1));
    if (i < b.edges.size()) parts.push_back(column + " < " + edge(i));
    if (parts.empty()) return column + " IS NOT NULL";  // a single bin: cannot happen, bins are >= 2
    return parts.size() == 1 ? parts[0] : parts[0] + " AND " + parts[1];
  }
  return column + " = " + sql_text(item.value);
}

ColumnContext context_of(const Column& column, const std::vector<uint8_t>& match, uint64_t matching,
                         uint64_t table_rows, size_t top) {
  std::vector<uint64_t> counts(uint64_t{column.cardinality()} + 1, 0);
  column.visit_codes([&](const auto* codes) {
    for (uint64_t r = 0; r < match.size(); ++r) counts[codes[r]] += match[r];
  });
  std::vector<uint32_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0u);
  // Most frequent first; NULL (code 0) and then dictionary order break ties.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return counts[a] > counts[b]; });
  ColumnContext context{column.name(), {}};
  for (uint32_t code : order) {
    if (context.top.size() == top || counts[code] == 0) break;
    ValueShare v;
    if (code != Column::kNull) v.value = std::string(column.value(code));
    v.rows = counts[code];
    v.share = 100.0 * static_cast<double>(counts[code]) / static_cast<double>(matching);
    v.table_share = 100.0 * static_cast<double>(column.code_counts()[code]) / static_cast<double>(table_rows);
    context.top.push_back(std::move(v));
  }
  return context;
}

}  // namespace

PatternExplanation explain_pattern(const Table& table, const Table& prepared, const Summary& summary, size_t rank,
                                   const ExplainOptions& options) {
  if (rank < 1 || rank > summary.patterns.size()) {
    throw UsageError(summary.patterns.empty()
                         ? fmt::format("--explain {}: the summary has no pattern", rank)
                         : fmt::format("--explain {}: the summary has {} pattern{} (1 to {})", rank, summary.patterns.size(),
                                       summary.patterns.size() == 1 ? "" : "s", summary.patterns.size()));
  }
  PatternExplanation e;
  e.rank = rank;
  e.pattern = summary.patterns[rank - 1];
  e.table_rows = prepared.rows();
  std::vector<std::string> parts;
  for (const PatternItem& item : e.pattern.items) parts.push_back(item_condition(item, summary.binned_columns));
  e.where = fmt::format("{}", fmt::join(parts, " AND "));

  const std::vector<uint8_t> match = rows_of_pattern(prepared, e.pattern.items);
  std::vector<uint8_t> earlier(prepared.rows(), 0);
  for (size_t k = 0; k + 1 < rank; ++k) {
    const std::vector<uint8_t> m = rows_of_pattern(prepared, summary.patterns[k].items);
    for (uint64_t r = 0; r < m.size(); ++r) earlier[r] |= m[r];
  }
  for (uint64_t r = 0; r < match.size(); ++r) {
    if (!match[r]) continue;
    ++e.rows;
    e.new_rows += !earlier[r];
    if (e.sample_rows.size() < options.sample_rows) e.sample_rows.push_back(r + 1);
  }
  e.columns = table.column_names();
  for (uint64_t row : e.sample_rows) e.samples.push_back(row_values(table, row - 1));
  if (e.rows == 0) return e;
  for (size_t c = 0; c < prepared.num_columns(); ++c) {
    const Column& column = prepared.column(c);
    const bool named = std::any_of(e.pattern.items.begin(), e.pattern.items.end(),
                                   [&](const PatternItem& i) { return i.column == column.name(); });
    if (!named) e.context.push_back(context_of(column, match, e.rows, e.table_rows, options.top_values));
  }
  return e;
}

}  // namespace tsum
