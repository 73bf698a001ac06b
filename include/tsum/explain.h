// Drill-down into one pattern of a summary: the SQL condition that selects exactly its
// rows, the first of those rows, and what else they have in common.
//
//   Table table = read_tables(...).select(...);              // as summarized, before prepare
//   PreparedTable prepared = prepare_table(table, options);  // src/prepare
//   Summary summary = summarize(prepared.table, ...);
//   describe_preparation(prepared, summary);                  // the bins explain() reads
//   PatternExplanation e = explain_pattern(table, prepared.table, summary, 1);
//
// The condition is written in the language of --where (src/drilldown/where_clause.h) on
// the values as read, so `tsum --where "<condition>"` summarizes exactly the pattern's
// rows: an item on a binned column becomes a range (`age >= 15 AND age < 60`), any other
// item an equality on the value's text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsum/report.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

struct ExplainOptions {
  size_t sample_rows = 10;  // how many of the pattern's rows to show
  size_t top_values = 3;    // per other column, how many of its most frequent values
};

// One value of a column among the pattern's rows, against the whole table.
struct ValueShare {
  std::optional<std::string> value;  // nullopt: NULL
  uint64_t rows = 0;                 // pattern rows holding it
  double share = 0;                  // 100 * rows / pattern rows
  double table_share = 0;            // 100 * table rows holding it / table rows
};

struct ColumnContext {
  std::string column;
  std::vector<ValueShare> top;  // most frequent first; ties in dictionary order
};

struct PatternExplanation {
  size_t rank = 0;                       // 1-based
  SummaryPattern pattern;
  std::string where;                     // SQL condition selecting exactly its rows
  uint64_t table_rows = 0;
  uint64_t rows = 0;                     // rows matching the pattern
  uint64_t new_rows = 0;                 // of those, rows no higher-ranked pattern matches
  std::vector<std::string> columns;      // the table's columns (before preprocessing)
  std::vector<uint64_t> sample_rows;     // 1-based row numbers, ascending
  std::vector<std::vector<std::optional<std::string>>> samples;  // per sample row, per column
  std::vector<ColumnContext> context;    // the summarized columns the pattern does not name
};

// `rank` is 1-based; throws UsageError when the summary has no such pattern.
// `table` is the input as summarized but before preparation, `prepared` what the
// summary saw (the same rows).
PatternExplanation explain_pattern(const Table& table, const Table& prepared, const Summary& summary, size_t rank,
                                   const ExplainOptions& options = {});

std::string render_explain_text(const PatternExplanation& e, const ReportOptions& report);
std::string render_explain_json(const PatternExplanation& e, const ReportOptions& report);
std::string render_explain_markdown(const PatternExplanation& e, const ReportOptions& report);

}  // namespace tsum
