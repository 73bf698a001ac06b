// Summary: the result of summarizing a table, independent of the Table it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tsum {

enum class CostModelKind { kPaper, kTsumDask, kTsumJs, kEntropy };

// "paper", "tsum-dask", "tsum-js", "entropy".
const char* cost_model_name(CostModelKind kind);
// Parses a cost model name; throws UsageError listing the valid names.
CostModelKind parse_cost_model(const std::string& name);
// True for the project's own models (paper, entropy), under which preprocessing
// (types, bins, identifier-like columns) applies; false for the seed-compatible ones.
bool prepares_columns(CostModelKind kind);

// How patterns are generated (docs/spec.md, "Search strategies"): the spec's local
// expansion, a beam over it with refinement, or the paper's bottom-up merging.
enum class SearchKind { kGreedy, kBeam, kBottomUp };

// "greedy", "beam", "bottom-up".
const char* search_name(SearchKind kind);
// Parses a search name; throws UsageError listing the valid names.
SearchKind parse_search(const std::string& name);

struct PatternItem {
  std::string column;
  std::string value;
  bool operator==(const PatternItem&) const = default;
};

struct SummaryPattern {
  // (column, value) pairs in table column order.
  std::vector<PatternItem> items;
  // Bits saved on the rows that the patterns ranked above left over. Integral under
  // tsum-dask.
  double saving = 0;
  uint64_t rows = 0;                // rows of the whole table matching the pattern
  double coverage = 0;              // 100 * rows / table rows
  double cumulative_coverage = 0;   // 100 * rows covered by this and higher-ranked patterns / table rows
};

// A value and how many rows hold it.
struct ValueCount {
  std::string value;
  uint64_t rows = 0;
  bool operator==(const ValueCount&) const = default;
};

// What reports show about one summarized column (filled by summarize() from the Table;
// front ends that build a Summary themselves may leave Summary::column_summaries empty).
struct ColumnSummary {
  std::string name;
  // The type as preprocessing read it (string, integer, float, boolean, date, timestamp;
  // docs/binning.md) under paper and entropy; the spec's "numeric" or "string" under the
  // compatibility models, which read no types.
  std::string type;
  uint64_t distinct = 0;               // distinct non-NULL values
  uint64_t nulls = 0;                  // NULL cells
  std::vector<ValueCount> top_values;  // up to 5, most frequent first; ties in first-appearance order
  // A binned column (see binned_columns) is summarized as its bin labels: type "string",
  // the labels as values.
};

// A numeric or temporal column that preprocessing (src/prepare, docs/binning.md) cut
// into bins before summarizing: the engine saw the labels as the column's values.
struct ColumnBins {
  std::string column;
  std::string type;                 // "integer", "float", "date" or "timestamp"
  std::string unit;                 // "range" (numbers) or the calendar unit: "month", "5 years", ...
  bool numeric_edges = true;        // edges are numbers (else ISO dates / timestamps)
  std::vector<std::string> edges;   // labels.size() - 1 edges, ascending: bin i starts at edges[i - 1]
  std::vector<std::string> labels;  // one per bin, ascending: "< 15", "[15, 60)", "2001-01", ...
  std::vector<uint64_t> rows;       // rows in each bin
  // The smallest and largest binned values, as the input writes them (text output shows
  // them, so that the open end bins can be read; JSON leaves them out).
  std::string lowest, highest;
};

// The distribution of a numeric or temporal column's values as read (before binning),
// for the HTML report's column profile. Values are texts: numbers in shortest round-trip
// form, dates and timestamps as ISO text. Computed from the column's dictionary and
// counts under the models that type columns (paper, entropy).
struct ColumnNumbers {
  std::string column;
  std::string type;                 // "integer", "float", "date" or "timestamp"
  uint64_t values = 0;              // cells that are numbers (dates); other non-NULL cells are not counted
  std::string min, max, mean;       // mean: a number, or an instant
  std::string q25, median, q75;     // nearest-rank quantiles
  std::vector<uint64_t> histogram;  // equal-width bins from min to max, the last one closed
};

// The first rows a pattern matches, as read (every column of the input), for reports.
struct PatternSample {
  size_t rank = 0;                                             // 1-based
  std::vector<uint64_t> rows;                                  // 1-based row numbers
  std::vector<std::vector<std::optional<std::string>>> values;  // per row, per column of `columns`
};

// The reason of a column the user left out (--exclude, Python exclude=).
inline constexpr std::string_view kExcludedByUser = "excluded (--exclude)";

// A column left out of the summary, by preprocessing or by the user, and why.
struct ExcludedColumn {
  std::string column;
  std::string reason;  // "identifier-like: 3,176 distinct values in 3,200 non-NULL rows (99.2 %)"

  // Left out by the user, not by preprocessing (which --keep-id-columns would undo).
  bool by_user() const { return reason == kExcludedByUser; }
};

struct Summary {
  CostModelKind cost_model = CostModelKind::kPaper;
  SearchKind search = SearchKind::kGreedy;
  uint64_t rows = 0;
  std::vector<std::string> columns;  // the columns summarized, in table order
  std::vector<SummaryPattern> patterns;  // rank order (after limit)
  // Made with a limit (SummarizeOptions::limit set; 0 keeps all): text and Markdown then
  // show every pattern kept, instead of their default top 20 (ReportOptions::text_top).
  bool limited = false;
  size_t total_patterns = 0;         // patterns before limit was applied
  double total_saving = 0;           // sum of the savings of all patterns (before limit)
  double table_bits = 0;             // sum over non-NULL cells of bits(c, v) under the model
  uint64_t covered_rows = 0;         // rows matching at least one pattern (before limit)
  std::vector<ColumnSummary> column_summaries;  // one per column in `columns` order, or empty
  // Preprocessing (src/prepare): binned columns and left-out columns, in table order;
  // empty when nothing was binned or left out (always under tsum-dask and tsum-js).
  std::vector<ColumnBins> binned_columns;
  std::vector<ExcludedColumn> excluded_columns;
  // For the HTML report only (no other format shows them): numeric and temporal columns'
  // distributions, and the first rows of the top patterns with the input's columns.
  std::vector<ColumnNumbers> column_numbers;
  std::vector<std::string> sample_columns;
  std::vector<PatternSample> pattern_samples;

  // Where the engine's time went (diagnostics only; never rendered into reports).
  double expand_seconds = 0;
  double marshal_seconds = 0;
  // Work done (diagnostics): savings computed for (column, value) candidates during the
  // search and for patterns during ranking. Deterministic, unlike the seconds.
  uint64_t expand_evaluations = 0;
  uint64_t marshal_evaluations = 0;
};

}  // namespace tsum
