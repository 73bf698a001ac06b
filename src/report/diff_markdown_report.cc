// A diff as Markdown: a heading per diff, the column changes as a list, one table per
// section (changed, new in NEW, gone from NEW).
#include <fmt/format.h>

#include "report/diff_format.h"
#include "report/format.h"
#include "tsum/diff.h"

namespace tsum {
namespace {

std::string md_pattern(const std::vector<PatternItem>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out += ", ";
    out += markdown_text(items[k].column) + " = **" + markdown_text(items[k].value) + "**";
  }
  return out;
}

void table(std::string& out, const Diff& d, const std::vector<size_t>& rows) {
  out += "| rank | pattern | OLD rows | OLD % | NEW rows | NEW % | change (points) | G |\n";
  out += "|---:|---|---:|---:|---:|---:|---:|---:|\n";
  for (size_t i : rows) {
    const DiffPattern& p = d.patterns[i];
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", i + 1, md_pattern(p.items), with_thousands(p.old_rows),
                       share2(p.old_share), with_thousands(p.new_rows), share2(p.new_share), signed_points(p.change), g_text(p.g));
  }
}

void render_one(std::string& out, const Diff& d) {
  out += fmt::format("## {} → {}\n\n", markdown_text(d.old_name), markdown_text(d.new_name));
  out += fmt::format("OLD: {}; NEW: {}; cost model `{}`.\n\n", count_of(d.old_rows, "row"), count_of(d.new_rows, "row"),
                     cost_model_name(d.cost_model));
  if (!d.column_changes.empty()) {
    for (const ColumnChange& c : d.column_changes) out += "- column " + markdown_text(column_change_text(c)) + "\n";
    out += "\n";
  }
  if (!d.note.empty()) {
    out += markdown_text(d.note) + "\n\n";
    return;
  }
  out += markdown_text(test_summary_text(d)) + ".\n\n";
  if (d.patterns.empty()) {
    out += "No pattern's share changed significantly.\n\n";
    return;
  }
  DiffSections s = diff_sections(d);
  if (!s.changed.empty()) {
    out += "### Changed\n\n";
    table(out, d, s.changed);
    out += "\n";
  }
  if (!s.added.empty()) {
    out += "### New in NEW\n\n";
    table(out, d, s.added);
    out += "\n";
  }
  if (!s.gone.empty()) {
    out += "### Gone from NEW\n\n";
    table(out, d, s.gone);
    out += "\n";
  }
}

}  // namespace

std::string render_diff_markdown(const std::vector<Diff>& diffs) {
  std::string out;
  for (const Diff& d : diffs) render_one(out, d);
  return out;
}

}  // namespace tsum
