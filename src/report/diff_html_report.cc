// A diff as one self-contained HTML page (inline CSS, no script, no external fetch): per
// diff the sides, the column changes, and one table per section whose rows show the
// pattern's share in OLD and in NEW as two bars side by side on a common scale. Every
// value from the data is escaped.
#include <fmt/format.h>

#include <algorithm>

#include "report/diff_format.h"
#include "report/format.h"
#include "tsum/diff.h"

namespace tsum {
namespace {

constexpr const char* kStyle = R"CSS(
body{margin:0;background:#f6f7f9;color:#1d2433;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:28px 20px}
h1{font-size:22px;margin:0 0 6px}
h2{font-size:18px;margin:0 0 8px}
h3{font-size:14px;margin:18px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:#5b6478}
section{background:#fff;border:1px solid #e3e6ec;border-radius:12px;padding:18px 22px;margin-top:16px}
p.meta{color:#5b6478;margin:4px 0}
ul.changes{margin:6px 0;padding-left:20px}
table{border-collapse:collapse;width:100%}
th{font-size:12px;font-weight:600;color:#5b6478;text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ec}
td{padding:6px 8px;border-bottom:1px solid #eef0f4;vertical-align:middle}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.k{color:#5b6478}.v{font-weight:600}
.bars{display:grid;grid-template-columns:1fr 1fr;gap:6px;min-width:260px}
.bar{background:#eef0f4;border-radius:4px;height:18px;position:relative}
.bar span{display:block;height:100%;border-radius:4px}
.bar.old span{background:#9aa5b8}.bar.new span{background:#3b6fd8}
.bar em{position:absolute;left:6px;top:0;font-size:11px;font-style:normal;line-height:18px;color:#1d2433}
.up{color:#1f7a3a}.down{color:#b3261e}
.legend{font-size:12px;color:#5b6478}.legend b{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
)CSS";

std::string pattern_html(const std::vector<PatternItem>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out += ", ";
    out += "<span class=\"k\">" + html_text(items[k].column) + "</span> = <span class=\"v\">" +
           (items[k].value.empty() ? std::string("(empty text)") : html_text(items[k].value)) + "</span>";
  }
  return out;
}

std::string bar(const char* cls, double share, double scale) {
  double width = scale > 0 ? std::clamp(100.0 * share / scale, share > 0 ? 0.8 : 0.0, 100.0) : 0.0;
  return fmt::format("<div class=\"bar {}\"><span style=\"width:{:.2f}%\"></span><em>{}&#8239;%</em></div>", cls, width, share2(share));
}

void table(std::string& out, const Diff& d, const std::vector<size_t>& rows) {
  double scale = 0;  // one scale for the section, so bars compare across rows too
  for (size_t i : rows) scale = std::max({scale, d.patterns[i].old_share, d.patterns[i].new_share});
  out += "<table><thead><tr><th>#</th><th>pattern</th><th>share: OLD | NEW</th><th>OLD rows</th><th>NEW rows</th>"
         "<th>change</th><th>G</th></tr></thead><tbody>\n";
  for (size_t i : rows) {
    const DiffPattern& p = d.patterns[i];
    out += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td><div class=\"bars\">{}{}</div></td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td class=\"n {}\">{}</td><td class=\"n\" title=\"adjusted p = {}\">{}</td></tr>\n",
                       i + 1, pattern_html(p.items), bar("old", p.old_share, scale), bar("new", p.new_share, scale),
                       with_thousands(p.old_rows), with_thousands(p.new_rows), p.change > 0 ? "up" : "down",
                       signed_points(p.change), html_text(p_text(p.p_value)), g_text(p.g));
  }
  out += "</tbody></table>\n";
}

void render_one(std::string& out, const Diff& d) {
  out += "<section>\n<h2>" + html_text(d.old_name) + " &rarr; " + html_text(d.new_name) + "</h2>\n";
  out += fmt::format("<p class=\"meta\">OLD: {}; NEW: {}; cost model {}.</p>\n", count_of(d.old_rows, "row"),
                     count_of(d.new_rows, "row"), cost_model_name(d.cost_model));
  if (!d.column_changes.empty()) {
    out += "<ul class=\"changes\">\n";
    for (const ColumnChange& c : d.column_changes) out += "<li>column " + html_text(column_change_text(c)) + "</li>\n";
    out += "</ul>\n";
  }
  if (!d.note.empty()) {
    out += "<p>" + html_text(d.note) + "</p>\n</section>\n";
    return;
  }
  out += "<p class=\"meta\">" + html_text(test_summary_text(d)) + ".</p>\n";
  if (d.patterns.empty()) {
    out += "<p>No pattern's share changed significantly.</p>\n</section>\n";
    return;
  }
  out += "<p class=\"legend\">Share of each side's rows:<b style=\"background:#9aa5b8\"></b>OLD<b style=\"background:#3b6fd8\"></b>NEW</p>\n";
  DiffSections s = diff_sections(d);
  if (!s.changed.empty()) {
    out += "<h3>Changed</h3>\n";
    table(out, d, s.changed);
  }
  if (!s.added.empty()) {
    out += "<h3>New in NEW</h3>\n";
    table(out, d, s.added);
  }
  if (!s.gone.empty()) {
    out += "<h3>Gone from NEW</h3>\n";
    table(out, d, s.gone);
  }
  out += "</section>\n";
}

}  // namespace

std::string render_diff_html(const std::vector<Diff>& diffs) {
  std::string title = diffs.empty() ? "tsum diff" : "tsum diff: " + html_text(diffs[0].by_column.empty() ? diffs[0].old_name + " → " + diffs[0].new_name : "by " + diffs[0].by_column);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><title>" + title + "</title><style>" + kStyle +
                    "</style></head><body><main>\n<h1>" + title + "</h1>\n";
  for (const Diff& d : diffs) render_one(out, d);
  return out + "</main></body></html>\n";
}

}  // namespace tsum
