// Diff: what changed between two tables, in TSum's vocabulary (docs/diff.md).
//
// Columns are matched by name; added, removed and type-changed columns are listed first.
// The common columns of OLD and NEW are read as one union table, prepared once (types,
// bins with edges over the union, identifier-like columns: src/prepare), so that a code
// and a bin mean the same thing on both sides. Patterns are mined on OLD and on NEW (the
// engine's summaries) and by a contrast search; each candidate's rows in OLD and NEW are
// counted and compared with a G-test of the 2x2 table (matches / other rows x OLD / NEW),
// corrected for the whole space of patterns (layered Bonferroni). Significant patterns are reported by decreasing G, except those whose
// change the patterns already reported explain (docs/diff.md defines it).
// The result depends only on the inputs and options, never on the thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prepare/prepare_options.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

struct DiffOptions {
  CostModelKind cost_model = CostModelKind::kPaper;  // the model patterns are mined with
  PrepareOptions prepare;        // applied to the union (paper only)
  // Compare only these columns / all but these (a name on one side only is fine; a name
  // on neither side is a UsageError with a did-you-mean). The --by column is always kept.
  std::vector<std::string> columns, exclude;
  double alpha = 0.05;           // family-wise significance level (layered Bonferroni, docs/diff.md)
  size_t search_seeds = 16;      // single items the contrast search grows (diff/contrast_search.h)
  std::optional<size_t> limit;   // keep only the top `limit` reported patterns (totals count all)
  unsigned threads = 0;          // 0 = all hardware threads; the answer never depends on it
  std::string old_name = "OLD";  // how messages and reports name the sides (diff_tables)
  std::string new_name = "NEW";
};

// A column present on one side only, or whose type differs between the sides.
struct ColumnChange {
  std::string column;
  std::string change;    // "added" (NEW only), "removed" (OLD only) or "type_changed"
  std::string old_type;  // "" when added
  std::string new_type;  // "" when removed
};

struct DiffPattern {
  std::vector<PatternItem> items;  // (column, value) in union column order
  uint64_t old_rows = 0;
  uint64_t new_rows = 0;
  double old_share = 0;  // 100 * old_rows / OLD rows
  double new_share = 0;  // 100 * new_rows / NEW rows
  double change = 0;     // new_share - old_share, percentage points
  double g = 0;          // G statistic of the 2x2 table (1 degree of freedom)
  double p_value = 1;    // adjusted: min(1, p * D * S_L), L the pattern's length (docs/diff.md)
  // "new" (no row in OLD), "gone" (no row in NEW), "up" or "down".
  std::string status;
};

struct Diff {
  std::string old_name;  // as reports name the sides
  std::string new_name;
  std::string by_column;  // diff_by: the column and the value contrasted with the rest ("" otherwise)
  std::string by_value;
  uint64_t old_rows = 0;
  uint64_t new_rows = 0;
  CostModelKind cost_model = CostModelKind::kPaper;
  std::vector<std::string> columns;           // compared columns, union (OLD) order
  std::vector<ColumnChange> column_changes;   // removed, added, type_changed; each in column order
  std::vector<ColumnBins> binned_columns;     // bins over the union (edges shared by both sides)
  std::vector<ExcludedColumn> excluded_columns;
  double alpha = 0.05;
  size_t candidates = 0;        // patterns tested
  size_t significant = 0;       // candidates significant at alpha
  size_t explained = 0;         // significant but explained by a reported pattern
  size_t total_patterns = 0;    // reported before `limit`
  std::vector<DiffPattern> patterns;  // reported, by decreasing G (after limit)
  // A clearly stated empty result (e.g. a side with no rows), "" otherwise.
  std::string note;
};

// OLD against NEW. Throws DataError when they have no column in common.
Diff diff_tables(const Table& old_table, const Table& new_table, const DiffOptions& options = {});

// Each value of `column` (or only `value`) against the rest of the table: OLD is the
// rest, NEW the rows holding the value. Values in decreasing row count, NULL excluded.
// Throws UsageError when the column does not exist (did-you-mean), DataError when it
// has fewer than two distinct non-NULL values or `value` does not occur.
std::vector<Diff> diff_by(const Table& table, const std::string& column, const std::optional<std::string>& value,
                          const DiffOptions& options = {});

// Renderers (src/report/diff_*.cc), deterministic like the summary's.
std::string render_diff_text(const std::vector<Diff>& diffs);
std::string render_diff_json(const std::vector<Diff>& diffs);
std::string render_diff_markdown(const std::vector<Diff>& diffs);
std::string render_diff_csv(const std::vector<Diff>& diffs);
std::string render_diff_html(const std::vector<Diff>& diffs);

}  // namespace tsum
