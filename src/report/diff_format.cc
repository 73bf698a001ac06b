#include "report/diff_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/format.h"
#include "tsum/report.h"

namespace tsum {

std::string diff_pattern_text(const std::vector<PatternItem>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out += ", ";
    out += display_value(items[k].column) + " = " + display_value(items[k].value);
  }
  return out;
}

std::string signed_points(double change) {
  std::string text = fmt::format("{:+.2f}", change);
  return text == "-0.00" ? "+0.00" : text;
}

std::string share2(double percent) { return fmt::format("{:.2f}", percent); }

std::string g_text(double g) { return fmt::format("{:.1f}", g); }

std::string p_text(double p) {
  if (p <= 0) return "< 1e-300";
  if (p >= 0.01) return fmt::format("{:.2f}", p);
  return fmt::format("{:.1e}", p);
}

std::string column_change_text(const ColumnChange& c) {
  if (c.change == "removed") return fmt::format("removed: {} ({})", display_value(c.column), c.old_type);
  if (c.change == "added") return fmt::format("added: {} ({})", display_value(c.column), c.new_type);
  return fmt::format("type changed: {} {} -> {}", display_value(c.column), c.old_type, c.new_type);
}

std::string test_summary_text(const Diff& d) {
  return fmt::format("{}, {} significant at alpha = {} (layered Bonferroni), {} explained by the patterns reported",
                     count_of(d.candidates, "candidate pattern"), with_thousands(d.significant), format_double(d.alpha),
                     with_thousands(d.explained));
}

DiffSections diff_sections(const Diff& diff) {
  DiffSections s;
  for (size_t i = 0; i < diff.patterns.size(); ++i) {
    const std::string& status = diff.patterns[i].status;
    (status == "new" ? s.added : status == "gone" ? s.gone : s.changed).push_back(i);
  }
  return s;
}

std::vector<std::string> diff_columns(const std::vector<Diff>& diffs) {
  std::vector<std::string> columns;
  for (const Diff& d : diffs) {
    for (const std::string& c : d.columns) {
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
  }
  return columns;
}

}  // namespace tsum
