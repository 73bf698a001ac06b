// A diff as text for a terminal: the sides, column changes, then the changed patterns
// ranked by G, then the patterns new in NEW and those gone from it.
#include <fmt/format.h>

#include <algorithm>

#include "report/diff_format.h"
#include "report/format.h"
#include "tsum/diff.h"

namespace tsum {
namespace {

std::string pad_left(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

void table(std::string& out, const Diff& d, const std::vector<size_t>& rows) {
  std::vector<std::string> headers = {"rank", "OLD rows", "OLD %", "NEW rows", "NEW %", "change", "G", "pattern"};
  std::vector<std::vector<std::string>> cells;
  for (size_t i : rows) {
    const DiffPattern& p = d.patterns[i];
    cells.push_back({std::to_string(i + 1), with_thousands(p.old_rows), share2(p.old_share), with_thousands(p.new_rows),
                     share2(p.new_share), signed_points(p.change), g_text(p.g), diff_pattern_text(p.items)});
  }
  std::vector<size_t> width(headers.size());
  for (size_t k = 0; k < headers.size(); ++k) {
    width[k] = display_width(headers[k]);
    for (const auto& row : cells) width[k] = std::max(width[k], display_width(row[k]));
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (size_t k = 0; k + 1 < row.size(); ++k) text += pad_left(row[k], width[k]) + "  ";
    out += text + row.back() + "\n";
  };
  line(headers);
  for (const auto& row : cells) line(row);
}

void render_one(std::string& out, const Diff& d) {
  out += fmt::format("OLD {}: {}; NEW {}: {}; cost model {}\n", display_value(d.old_name), count_of(d.old_rows, "row"),
                     display_value(d.new_name), count_of(d.new_rows, "row"), cost_model_name(d.cost_model));
  for (const ColumnChange& c : d.column_changes) out += "  column " + column_change_text(c) + "\n";
  for (const ColumnBins& b : d.binned_columns) {
    out += fmt::format("  {} ({}) in {} bins, edges over both sides\n", display_value(b.column), b.type, b.labels.size());
  }
  for (const ExcludedColumn& e : d.excluded_columns) {
    out += fmt::format("  {} left out, {}\n", display_value(e.column), e.reason);
  }
  if (!d.note.empty()) {
    out += d.note + "\n";
    return;
  }
  out += test_summary_text(d) + "\n";
  if (d.patterns.empty()) {
    out += "No pattern's share changed significantly.\n";
    return;
  }
  DiffSections s = diff_sections(d);
  if (!s.changed.empty()) {
    out += "\nChanged (percent of each side's rows; G: the G-test statistic, 1 degree of freedom):\n";
    table(out, d, s.changed);
  }
  if (!s.added.empty()) {
    out += "\nNew in NEW (no row in OLD):\n";
    table(out, d, s.added);
  }
  if (!s.gone.empty()) {
    out += "\nGone from NEW (no row in NEW):\n";
    table(out, d, s.gone);
  }
  if (d.total_patterns > d.patterns.size()) {
    out += fmt::format("... and {}\n", count_of(d.total_patterns - d.patterns.size(), "more pattern"));
  }
}

}  // namespace

std::string render_diff_text(const std::vector<Diff>& diffs) {
  std::string out;
  for (size_t i = 0; i < diffs.size(); ++i) {
    if (i) out += "\n";
    render_one(out, diffs[i]);
  }
  return out;
}

}  // namespace tsum
