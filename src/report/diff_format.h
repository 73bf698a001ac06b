// Text helpers shared by the diff renderers (src/report/diff_*.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tsum/diff.h"

namespace tsum {

// "a = x, b = y" (display_value'd).
std::string diff_pattern_text(const std::vector<PatternItem>& items);
// A change in percentage points with its sign and two decimals: "+2.00", "-0.35".
std::string signed_points(double change);
// A share as reports show it: two decimals, "3.15".
std::string share2(double percent);
// G with one decimal.
std::string g_text(double g);
// An adjusted p-value for people: "3.2e-12", "< 1e-300" when it underflowed to 0.
std::string p_text(double p);
// "removed: x (integer)", "added: y (string)", "type changed: z integer -> string".
std::string column_change_text(const ColumnChange& change);
// "240 candidate patterns, 12 significant at alpha = 0.05 (layered Bonferroni), 3 explained by the patterns reported".
std::string test_summary_text(const Diff& diff);

// Indices of diff.patterns by section: changed ("up"/"down"), "new", "gone".
struct DiffSections {
  std::vector<size_t> changed, added, gone;
};
DiffSections diff_sections(const Diff& diff);

// The compared column names, in order, over all diffs (for CSV's value columns).
std::vector<std::string> diff_columns(const std::vector<Diff>& diffs);

}  // namespace tsum
