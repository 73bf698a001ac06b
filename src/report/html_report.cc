// The summary as one self-contained HTML page: inline CSS and SVG, no script, no
// external resource (a Content-Security-Policy says so too), every value from the data
// HTML-escaped. Readable without JavaScript, printable, light and dark.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "report/format.h"
#include "report/sentences.h"
#include "tsum/report.h"

#ifndef TSUM_VERSION
#define TSUM_VERSION "dev"
#endif

namespace tsum {
namespace {

std::string column_html(std::string_view name) { return "<span class=\"k\">" + html_text(name) + "</span>"; }

std::string value_html(std::string_view value) {
  if (value.empty()) return "<span class=\"v e\">(empty text)</span>";
  return "<span class=\"v\">" + html_text(value) + "</span>";
}

// A percentage with one decimal that never rounds a part to 0 or 100.
std::string pct(double percent) {
  std::string text = percent1(percent);
  if (text == "100.0" && percent < 100) text = "99.9";
  if (text == "0.0" && percent > 0) text = "&lt;&#8239;0.1";
  return text + "&#8239;%";
}

// A CSS width for a percentage, clamped, with a visible sliver for tiny non-zero shares.
std::string css_width(double percent) {
  if (!(percent > 0)) return "0%";
  return fmt::format("{:.2f}%", std::clamp(percent, 0.6, 100.0));
}

// Bits saved, for people: thousands separated; one decimal below 1,000 (the exact value is
// in the cell's title).
std::string saving_text(double saving, CostModelKind model) {
  if (model == CostModelKind::kTsumDask || std::fabs(saving) >= 1000) {
    std::string sign = saving < 0 ? "-" : "";
    return sign + with_thousands(static_cast<unsigned long long>(std::llround(std::fabs(saving))));
  }
  return fmt::format("{:.1f}", saving);
}

std::string elapsed_text(double seconds) {
  if (seconds < 0.001) return "under a millisecond";
  if (seconds < 1) return fmt::format("{:.0f} ms", seconds * 1000);
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  auto s = static_cast<long long>(std::llround(seconds));
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {} min", s / 3600, s / 60 % 60);
}

// "examples/patients.csv" -> {"patients.csv", "examples/patients.csv"}; several inputs or
// a bare name stay whole.
std::pair<std::string, std::string> title_parts(const std::string& input) {
  size_t slash = input.find_last_of('/');
  if (input.empty()) return {"table", ""};
  if (slash == std::string::npos || input.find(' ') != std::string::npos || slash + 1 == input.size()) return {input, ""};
  return {input.substr(slash + 1), input};
}

constexpr const char* kStyle = R"CSS(
:root{--bg:#f5f6fa;--card:#fff;--ink:#1b2130;--muted:#5f6b7f;--faint:#8a94a6;--line:#e3e6ee;
--accent:#4f46e5;--accent2:#818cf8;--soft:#eef0ff;--chip:#f1f3f9;--good:#0f9f8f;--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08)}
@media (prefers-color-scheme:dark){:root{--bg:#0f131b;--card:#171c27;--ink:#e6e9f0;--muted:#a3acbd;--faint:#7b8598;--line:#2a3142;
--accent:#8b93ff;--accent2:#5b63d3;--soft:#232a48;--chip:#222939;--good:#3cc7b6;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:32px 24px 48px}
h1,h2,h3{line-height:1.2;margin:0}
h1{font-size:30px;font-weight:700;letter-spacing:-.01em;overflow-wrap:anywhere}
h2{font-size:19px;font-weight:650;margin-bottom:14px;display:flex;align-items:center;gap:10px}
h2 .count{font-size:12px;font-weight:600;color:var(--accent);background:var(--soft);border-radius:999px;padding:2px 9px}
h3{font-size:15px;font-weight:650;overflow-wrap:anywhere}
.eyebrow{margin:0 0 6px;font-size:12px;font-weight:650;letter-spacing:.08em;text-transform:uppercase;color:var(--accent)}
.source{margin:6px 0 0;color:var(--muted);font-size:13px;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.meta{list-style:none;margin:14px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted);font-size:14px}
.meta b{color:var(--ink);font-weight:600}
.top{margin-bottom:22px}
section{background:var(--card);border:1px solid var(--line);border-radius:14px;box-shadow:var(--shadow);padding:22px 24px;margin-top:18px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:0;padding:0;overflow:hidden}
.stat{padding:18px 22px;border-left:1px solid var(--line)}
.stat:first-child{border-left:0}
.stat .num{display:block;font-size:26px;font-weight:700;letter-spacing:-.01em;font-variant-numeric:tabular-nums}
.stat .lbl{display:block;color:var(--muted);font-size:13px}
.findings{list-style:none;margin:0;padding:0;display:grid;gap:10px}
.findings li{display:flex;gap:14px;align-items:flex-start;padding:12px 14px;border-radius:10px;background:var(--chip)}
.findings .n{flex:none;width:26px;height:26px;border-radius:50%;background:var(--accent);color:#fff;font-size:13px;font-weight:700;display:flex;align-items:center;justify-content:center;margin-top:1px}
.findings p{margin:0;font-size:16px}
.findings .k{font-weight:600}
.findings .v{font-weight:650;color:var(--accent)}
.together{margin:14px 0 0;color:var(--muted)}
.empty-note{margin:0;color:var(--muted)}
.chart{margin:0 0 18px}
.chart svg{display:block;width:100%;height:auto;max-height:300px}
.chart figcaption{font-size:13px;color:var(--muted);margin-top:4px;display:flex;gap:18px;flex-wrap:wrap}
.key{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-1px;margin-right:6px}
.key.b{background:var(--accent2);opacity:.55}
.key.l{background:var(--accent);height:3px;vertical-align:3px}
svg .grid{stroke:var(--line);stroke-width:1}
svg .axis{fill:var(--faint);font-size:11px;font-family:inherit}
svg .bar{fill:var(--accent2);opacity:.55}
svg .cum{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
svg .dot{fill:var(--card);stroke:var(--accent);stroke-width:2}
svg .end{fill:var(--accent);font-size:12px;font-weight:700;font-family:inherit}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th{font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
td{padding:10px;border-bottom:1px solid var(--line);vertical-align:middle}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover td{background:var(--chip)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.rank{color:var(--faint);font-weight:600;width:1%}
td.pattern{min-width:240px}
.item{display:inline-flex;align-items:baseline;margin:2px 6px 2px 0;border-radius:7px;background:var(--chip);border:1px solid var(--line);overflow:hidden;max-width:100%}
.item .k{padding:2px 7px;color:var(--muted);font-size:12.5px;border-right:1px solid var(--line);overflow-wrap:anywhere}
.item .v{padding:2px 8px;font-weight:600;overflow-wrap:anywhere}
.v.e{font-style:italic;font-weight:400;color:var(--faint)}
td.cov{width:20%;min-width:160px}
.cov .wrap{display:flex;align-items:center;gap:10px}
.meter{flex:1;height:9px;border-radius:999px;background:var(--chip);border:1px solid var(--line);overflow:hidden}
.meter span{display:block;height:100%;border-radius:999px;background:linear-gradient(90deg,var(--accent2),var(--accent))}
.cov .p{min-width:52px;text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.note{color:var(--muted);font-size:13px;margin:12px 0 0}
.columns{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.col{border:1px solid var(--line);border-radius:12px;padding:14px 16px}
.col header{display:flex;justify-content:space-between;gap:10px;align-items:baseline}
.type{font-size:11px;font-weight:650;letter-spacing:.05em;text-transform:uppercase;border-radius:999px;padding:2px 8px;background:var(--soft);color:var(--accent);white-space:nowrap}
.type.numeric{background:rgba(15,159,143,.12);color:var(--good)}
.facts{display:flex;gap:16px;margin:6px 0 10px;font-size:13px;color:var(--muted)}
.facts b{color:var(--ink);font-weight:600;font-variant-numeric:tabular-nums}
.tops td{padding:4px 0;border:0;font-size:13.5px}
.tops tr:hover td{background:none}
.tops td.tv{width:42%;padding-right:10px;overflow-wrap:anywhere}
.tops td.tb{padding-right:10px}
.tops td.tn{text-align:right;color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap;width:1%}
.tops .meter{height:7px}
.bins{margin:0 0 4px;font-size:12.5px;color:var(--muted)}
svg.hist{display:block;width:100%;height:auto;margin:0 0 10px}
.excluded{font-size:13.5px;color:var(--muted)}
.excluded b{color:var(--ink)}
.plain{margin:0;padding-left:18px}
footer{margin-top:22px;color:var(--muted);font-size:13px;line-height:1.6}
footer p{margin:0 0 6px}
nav.toc{margin:0 0 6px;display:flex;flex-wrap:wrap;gap:8px}
nav.toc a{font-size:13px;font-weight:600;color:var(--accent);background:var(--soft);border-radius:999px;padding:4px 12px;text-decoration:none}
.nums{display:grid;grid-template-columns:repeat(3,1fr);gap:4px 12px;margin:0 0 10px;font-size:12.5px;color:var(--muted)}
.nums b{display:block;color:var(--ink);font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.sample{margin-top:16px}
.sample:first-of-type{margin-top:0}
.sample h3{margin:0 0 8px;display:flex;flex-wrap:wrap;align-items:baseline;gap:4px}
.sample h3 .n{color:var(--faint);margin-right:4px}
table.rows th,table.rows td{font-size:13px;padding:6px 10px;white-space:nowrap;text-transform:none;letter-spacing:0}
table.rows td.hit{font-weight:650;color:var(--accent)}
table.rows td.null{color:var(--faint);font-style:italic}
@media (max-width:640px){main{padding:20px 14px}section{padding:16px}.stat{border-left:0;border-top:1px solid var(--line)}.stat:first-child{border-top:0}}
@media print{body{background:#fff;font-size:12px}main{max-width:none;padding:0}nav.toc{display:none}section{box-shadow:none;border-color:#ccc;break-inside:avoid-page}
.col,.sample{break-inside:avoid}thead{display:table-header-group}tbody tr:hover td{background:none}.table-wrap{overflow:visible}table.rows td{white-space:normal}}
)CSS";

// The cumulative-coverage curve over the per-pattern coverage bars.
std::string chart_svg(const Summary& s) {
  const std::vector<SummaryPattern>& ps = s.patterns;
  const size_t n = ps.size();
  const double W = 760, H = 250, left = 46, right = 40, top = 14, bottom = 30;
  const double pw = W - left - right, ph = H - top - bottom;
  auto y = [&](double percent) { return top + ph * (1 - std::clamp(percent, 0.0, 100.0) / 100); };
  const double slot = pw / static_cast<double>(n);
  auto cx = [&](size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };

  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Coverage per pattern and cumulative coverage, by rank\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      W, H);
  for (int g = 0; g <= 100; g += 25) {
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>", left, W - right, y(g), y(g));
    out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{} %</text>\n", left - 8, y(g) + 4, g);
  }
  // Bars at most 56 wide, centred in their slot.
  const double bar_w = std::clamp(slot - 2 * std::min(6.0, slot * 0.18), 0.5, 56.0);
  for (size_t i = 0; i < n; ++i) {
    double h = ph * std::clamp(ps[i].coverage, 0.0, 100.0) / 100;
    out += fmt::format("<rect class=\"bar\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" rx=\"{}\">",
                       cx(i) - bar_w / 2, top + ph - h, bar_w, h, bar_w > 8 ? 3 : 0);
    out += fmt::format("<title>#{}: {} % of the rows</title></rect>\n", i + 1, percent1(ps[i].coverage));
  }
  // The curve starts at 0 % before rank 1.
  std::string points = fmt::format("{:.2f},{:.2f}", left, y(0));
  for (size_t i = 0; i < n; ++i) points += fmt::format(" {:.2f},{:.2f}", cx(i), y(ps[i].cumulative_coverage));
  out += "<polyline class=\"cum\" points=\"" + points + "\"/>\n";
  if (n <= 60) {
    for (size_t i = 0; i < n; ++i) {
      out += fmt::format("<circle class=\"dot\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{}\"><title>top {}: {} % of the rows</title></circle>\n",
                         cx(i), y(ps[i].cumulative_coverage), n <= 25 ? 4 : 2.5, i + 1, percent1(ps[i].cumulative_coverage));
    }
  }
  // The final share, above the last point, or below it when the point is near the top.
  const double last_y = y(ps[n - 1].cumulative_coverage);
  out += fmt::format("<text class=\"end\" x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"end\">{}</text>\n", cx(n - 1) + 4,
                     last_y < top + 20 ? last_y + 20 : last_y - 10, pct(ps[n - 1].cumulative_coverage));
  // Rank labels: every one when few, else about 12 of them.
  size_t step = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; i += step) {
    out += fmt::format("<text class=\"axis\" x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", cx(i), H - 10, i + 1);
  }
  out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">rank</text>\n", W - 4, H - 10);
  out += "</svg>";
  return out;
}

void header_section(std::string& out, const Summary& s, const ReportOptions& o) {
  auto [name, source] = title_parts(o.input);
  out += "<header class=\"top\">\n<p class=\"eyebrow\">tsum &middot; table summary</p>\n";
  out += "<h1>" + html_text(name) + "</h1>\n";
  if (!source.empty()) out += "<p class=\"source\">" + html_text(source) + "</p>\n";
  out += "<ul class=\"meta\">";
  out += fmt::format("<li><b>{}</b> row{} &times; <b>{}</b> column{}</li>", with_thousands(s.rows), s.rows == 1 ? "" : "s",
                     s.columns.size(), s.columns.size() == 1 ? "" : "s");
  out += fmt::format("<li>cost model <b>{}</b></li>", cost_model_name(s.cost_model));
  out += fmt::format("<li>search <b>{}</b></li>", search_name(s.search));
  out += fmt::format("<li>saving <b>{}</b> of <b>{}</b> bits ({} %)</li>", saving_text(s.total_saving, s.cost_model),
                     saving_text(s.table_bits, s.cost_model), percent1(100.0 * saving_ratio(s)));
  if (!o.generated_at.empty()) out += "<li>generated <b>" + html_text(o.generated_at) + "</b></li>";
  if (o.elapsed_seconds >= 0) out += "<li>took <b>" + elapsed_text(o.elapsed_seconds) + "</b></li>";
  out += "</ul>\n</header>\n";
}

void stats_section(std::string& out, const Summary& s) {
  double covered = s.rows ? 100.0 * static_cast<double>(s.covered_rows) / static_cast<double>(s.rows) : 0;
  out += "<section class=\"stats\" aria-label=\"Key figures\">\n";
  out += fmt::format("<div class=\"stat\"><span class=\"num\">{}</span><span class=\"lbl\">rows</span></div>\n",
                     with_thousands(s.rows));
  out += fmt::format("<div class=\"stat\"><span class=\"num\">{}</span><span class=\"lbl\">pattern{} found</span></div>\n",
                     with_thousands(s.total_patterns), s.total_patterns == 1 ? "" : "s");
  out += fmt::format("<div class=\"stat\"><span class=\"num\">{}</span><span class=\"lbl\">of the rows match a pattern</span></div>\n",
                     pct(covered));
  if (s.table_bits > 0 && s.total_saving > 0) {
    out += fmt::format("<div class=\"stat\"><span class=\"num\">{}</span><span class=\"lbl\">fewer bits to describe the table</span></div>\n",
                       pct(100.0 * s.total_saving / s.table_bits));
  }
  out += "</section>\n";
}

void findings_section(std::string& out, const Summary& s, const ReportOptions& o) {
  out += "<section id=\"findings\">\n<h2>In plain words</h2>\n";
  if (s.patterns.empty()) {
    out += s.rows == 0 ? "<p class=\"empty-note\">The table has no rows.</p>\n"
                       : "<p class=\"empty-note\">No pattern saves any bits: the table has no repeated structure to "
                         "summarize.</p>\n";
    out += "</section>\n";
    return;
  }
  size_t shown = std::min(o.sentences, s.patterns.size());
  out += "<ol class=\"findings\">\n";
  for (size_t i = 0; i < shown; ++i) {
    out += fmt::format("<li><span class=\"n\">{}</span><p>{}</p></li>\n", i + 1,
                       pattern_sentence(s.patterns[i], s.rows, column_html, value_html, s.binned_columns));
  }
  out += "</ol>\n";
  // The cumulative share is exact for the patterns shown; covered_rows for all of them.
  const double all_covered = 100.0 * static_cast<double>(s.covered_rows) / static_cast<double>(s.rows);
  std::string together;
  if (shown < s.total_patterns) {
    together = fmt::format("Together, these {} patterns cover {} % of the rows; all {} patterns cover {} %.", shown,
                           percent_text(s.patterns[shown - 1].cumulative_coverage), with_thousands(s.total_patterns),
                           percent_text(all_covered));
  } else {
    together = shown == 1 ? fmt::format("This pattern covers {} % of the rows.", percent_text(all_covered))
                          : fmt::format("Together, the {} patterns cover {} % of the rows.", shown, percent_text(all_covered));
    uint64_t rest = s.rows - s.covered_rows;
    if (rest > 0) {
      together += fmt::format(" The other {} row{} ({} %) follow{} no pattern worth its cost.", with_thousands(rest),
                              rest == 1 ? "" : "s", percent_text(100.0 * static_cast<double>(rest) / static_cast<double>(s.rows)), rest == 1 ? "s" : "");
    }
  }
  out += "<p class=\"together\">" + together + "</p>\n</section>\n";
}

void patterns_section(std::string& out, const Summary& s) {
  if (s.patterns.empty()) return;
  out += fmt::format("<section id=\"patterns\">\n<h2>Patterns <span class=\"count\">{}</span></h2>\n",
                     with_thousands(s.total_patterns));
  out += "<figure class=\"chart\">\n" + chart_svg(s) + "\n";
  out += "<figcaption><span><i class=\"key b\"></i>rows each pattern covers</span>"
         "<span><i class=\"key l\"></i>rows covered by it and the patterns ranked above it</span></figcaption>\n</figure>\n";
  out += "<div class=\"table-wrap\"><table class=\"patterns\">\n<thead><tr><th>#</th><th>Pattern</th><th>Coverage</th>"
         "<th class=\"num\">Rows</th><th class=\"num\">Cumulative</th><th class=\"num\">Saving (bits)</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < s.patterns.size(); ++i) {
    const SummaryPattern& p = s.patterns[i];
    out += fmt::format("<tr><td class=\"rank\">{}</td><td class=\"pattern\">", i + 1);
    for (const PatternItem& item : p.items) {
      out += "<span class=\"item\">" + column_html(item.column) + value_html(item.value) + "</span>";
    }
    out += fmt::format("</td><td class=\"cov\"><div class=\"wrap\"><div class=\"meter\"><span style=\"width:{}\"></span></div>"
                       "<span class=\"p\">{}</span></div></td>",
                       css_width(p.coverage), pct(p.coverage));
    out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\" title=\"{}\">{}</td></tr>\n",
                       with_thousands(p.rows), pct(p.cumulative_coverage), format_saving(p.saving, s.cost_model),
                       saving_text(p.saving, s.cost_model));
  }
  out += "</tbody></table></div>\n";
  if (s.patterns.size() < s.total_patterns) {
    out += fmt::format("<p class=\"note\">Showing the top {} of {} patterns.</p>\n", with_thousands(s.patterns.size()),
                       with_thousands(s.total_patterns));
  }
  out += "<p class=\"note\">A pattern&rsquo;s coverage counts every row of the table that matches it; its saving counts "
         "the bits it saves on the rows the patterns ranked above it left over.</p>\n</section>\n";
}

// Rows per bin of a binned column, as small bars with the first and last labels.
std::string bins_svg(const ColumnBins& b) {
  const size_t n = std::min(b.labels.size(), b.rows.size());
  if (n == 0) return "";
  const double W = 300, H = 64, base = 46;
  uint64_t most = *std::max_element(b.rows.begin(), b.rows.begin() + static_cast<ptrdiff_t>(n));
  const double slot = W / static_cast<double>(n);
  const double gap = std::min(2.0, slot * 0.15);
  std::string out = fmt::format("<svg class=\"hist\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"rows per bin\" "
                                "xmlns=\"http://www.w3.org/2000/svg\">",
                                W, H);
  for (size_t k = 0; k < n; ++k) {
    double h = most ? (base - 2) * static_cast<double>(b.rows[k]) / static_cast<double>(most) : 0;
    if (b.rows[k] > 0) h = std::max(h, 1.0);
    out += fmt::format("<rect class=\"bar\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"><title>{}: {} rows</title></rect>",
                       slot * static_cast<double>(k) + gap / 2, base - h, std::max(slot - gap, 0.4), h, html_text(b.labels[k]),
                       with_thousands(b.rows[k]));
  }
  out += fmt::format("<line class=\"grid\" x1=\"0\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", W, base + 0.5, base + 0.5);
  out += fmt::format("<text class=\"axis\" x=\"0\" y=\"{}\" text-anchor=\"start\">{}</text>", H - 4, html_text(b.labels.front()));
  if (n > 1) out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", W, H - 4, html_text(b.labels[n - 1]));
  out += "</svg>";
  return out;
}

// Values per equal-width bin of a numeric or temporal column, as small bars.
std::string numbers_svg(const ColumnNumbers& n) {
  if (n.histogram.empty()) return "";
  const double W = 300, H = 64, base = 46;
  const uint64_t most = *std::max_element(n.histogram.begin(), n.histogram.end());
  const double slot = W / static_cast<double>(n.histogram.size());
  std::string out = fmt::format("<svg class=\"hist\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"distribution of the values\" "
                                "xmlns=\"http://www.w3.org/2000/svg\">",
                                W, H);
  for (size_t k = 0; k < n.histogram.size(); ++k) {
    double h = most ? (base - 2) * static_cast<double>(n.histogram[k]) / static_cast<double>(most) : 0;
    if (n.histogram[k] > 0) h = std::max(h, 1.0);
    out += fmt::format("<rect class=\"bar\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"><title>{} values</title></rect>",
                       slot * static_cast<double>(k) + 1, base - h, std::max(slot - 2, 0.4), h, with_thousands(n.histogram[k]));
  }
  out += fmt::format("<line class=\"grid\" x1=\"0\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", W, base + 0.5, base + 0.5);
  out += fmt::format("<text class=\"axis\" x=\"0\" y=\"{}\" text-anchor=\"start\">{}</text>", H - 4, html_text(n.min));
  out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", W, H - 4, html_text(n.max));
  out += "</svg>";
  return out;
}

std::string numbers_html(const ColumnNumbers& n) {
  std::string out = "<div class=\"nums\">";
  const std::pair<const char*, const std::string*> facts[] = {{"min", &n.min},       {"median", &n.median}, {"max", &n.max},
                                                              {"25 %", &n.q25},     {"mean", &n.mean},     {"75 %", &n.q75}};
  for (const auto& [label, value] : facts) out += std::string("<span>") + label + "<b>" + html_text(*value) + "</b></span>";
  out += "</div>\n" + numbers_svg(n) + "\n";
  return out;
}

// The first rows of the top patterns, every input column, the pattern's own cells marked.
void samples_section(std::string& out, const Summary& s) {
  if (s.pattern_samples.empty()) return;
  out += "<section id=\"samples\">\n<h2>Sample rows</h2>\n";
  for (const PatternSample& sample : s.pattern_samples) {
    const SummaryPattern& p = s.patterns[sample.rank - 1];
    out += fmt::format("<div class=\"sample\"><h3><span class=\"n\">#{}</span>", sample.rank);
    for (const PatternItem& item : p.items) out += "<span class=\"item\">" + column_html(item.column) + value_html(item.value) + "</span>";
    out += "</h3>\n<div class=\"table-wrap\"><table class=\"rows\"><thead><tr><th class=\"num\">row</th>";
    for (const std::string& c : s.sample_columns) out += "<th>" + html_text(c) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (size_t r = 0; r < sample.rows.size(); ++r) {
      out += fmt::format("<tr><td class=\"num\">{}</td>", with_thousands(sample.rows[r]));
      for (size_t c = 0; c < s.sample_columns.size(); ++c) {
        const auto& v = sample.values[r][c];
        const bool hit = std::any_of(p.items.begin(), p.items.end(), [&](const PatternItem& i) { return i.column == s.sample_columns[c]; });
        if (!v) out += "<td class=\"null\">NULL</td>";
        else out += std::string("<td") + (hit ? " class=\"hit\"" : "") + ">" + html_text(*v) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody></table></div></div>\n";
  }
  out += fmt::format("<p class=\"note\">The first rows (numbered from 1, in input order) of each of the top {} "
                     "pattern{}, every column as read; the cells the pattern names are marked.</p>\n</section>\n",
                     s.pattern_samples.size(), s.pattern_samples.size() == 1 ? "" : "s");
}

void columns_section(std::string& out, const Summary& s) {
  if (s.columns.empty() && s.excluded_columns.empty()) return;
  out += fmt::format("<section id=\"columns\">\n<h2>Columns <span class=\"count\">{}</span></h2>\n", s.columns.size());
  if (s.column_summaries.empty()) {
    out += "<ul class=\"plain\">";
    for (const std::string& c : s.columns) out += "<li>" + html_text(c) + "</li>";
    out += "</ul>\n";
  } else {
    out += "<div class=\"columns\">\n";
  }
  const double rows = static_cast<double>(std::max<uint64_t>(s.rows, 1));
  // Looked up by name through maps: a search per column was quadratic in the width.
  std::unordered_map<std::string_view, const ColumnBins*> bins_of;
  for (const ColumnBins& b : s.binned_columns) bins_of.emplace(b.column, &b);
  std::unordered_map<std::string_view, const ColumnNumbers*> numbers_of;
  for (const ColumnNumbers& n : s.column_numbers) numbers_of.emplace(n.column, &n);
  for (const ColumnSummary& c : s.column_summaries) {
    auto bins = bins_of.find(c.name);
    const ColumnBins* binned = bins == bins_of.end() ? nullptr : bins->second;
    const std::string type = binned ? binned->type : c.type;
    const bool numeric = type == "numeric" || type == "integer" || type == "float";
    out += "<article class=\"col\">\n<header><h3>" + html_text(c.name) + "</h3>";
    out += std::string("<span class=\"type") + (numeric ? " numeric" : "") + "\">" + html_text(type) + "</span></header>\n";
    out += fmt::format("<div class=\"facts\"><span><b>{}</b> {}</span><span><b>{}</b> NULL</span></div>\n",
                       with_thousands(c.distinct), binned ? (c.distinct == 1 ? "bin" : "bins") : "distinct",
                       pct(100.0 * static_cast<double>(c.nulls) / rows));
    auto numbers = numbers_of.find(c.name);
    if (numbers != numbers_of.end()) out += numbers_html(*numbers->second);
    if (binned) {
      out += "<p class=\"bins\">" +
             html_text(binned->unit == "range" ? "binned into ranges" : "binned by " + binned->unit) + "</p>\n";
      out += bins_svg(*binned) + "\n";
    }
    if (!c.top_values.empty()) {
      out += "<table class=\"tops\" aria-label=\"most frequent values\"><tbody>\n";
      for (const ValueCount& v : c.top_values) {
        double share = 100.0 * static_cast<double>(v.rows) / rows;
        out += "<tr><td class=\"tv\">" + value_html(v.value) + "</td>";
        out += fmt::format("<td class=\"tb\"><div class=\"meter\"><span style=\"width:{}\"></span></div></td>"
                           "<td class=\"tn\">{} &middot; {}</td></tr>\n",
                           css_width(share), with_thousands(v.rows), pct(share));
      }
      out += "</tbody></table>\n";
      if (c.distinct > c.top_values.size()) {
        out += fmt::format("<p class=\"note\">and {} other {}</p>\n", with_thousands(c.distinct - c.top_values.size()),
                           binned ? (c.distinct - c.top_values.size() == 1 ? "bin" : "bins")
                                  : (c.distinct - c.top_values.size() == 1 ? "value" : "values"));
      }
    }
    out += "</article>\n";
  }
  if (!s.column_summaries.empty()) out += "</div>\n";
  if (!s.excluded_columns.empty()) {
    out += "<p class=\"note\">Left out of the summary:</p>\n<ul class=\"plain excluded\">";
    for (const ExcludedColumn& e : s.excluded_columns) {
      out += "<li><b>" + html_text(e.column) + "</b>, " + html_text(e.reason) +
             (e.by_user() ? "</li>" : " (<code>--keep-id-columns</code> keeps it)</li>");
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html(const Summary& s, const ReportOptions& o) {
  auto [name, source] = title_parts(o.input);
  std::string out;
  out.reserve(16384 + 600 * s.patterns.size());
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may load or run: the page is data, shown.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:; base-uri 'none'; form-action 'none'\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<meta name=\"generator\" content=\"tsum " TSUM_VERSION "\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<title>" + html_text(name) + " &middot; tsum summary</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  header_section(out, s, o);
  out += "<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#findings\">In plain words</a>";
  if (!s.patterns.empty()) out += "<a href=\"#patterns\">Patterns</a>";
  if (!s.pattern_samples.empty()) out += "<a href=\"#samples\">Sample rows</a>";
  if (!s.columns.empty() || !s.excluded_columns.empty()) out += "<a href=\"#columns\">Columns</a>";
  out += "</nav>\n";
  stats_section(out, s);
  findings_section(out, s, o);
  patterns_section(out, s);
  samples_section(out, s);
  columns_section(out, s);
  out += "<footer>\n";
  out += fmt::format(
      "<p>Made by tsum {} with the <b>{}</b> cost model. TSum (Chen, Pan, Papadimitriou and Faloutsos, <i>TSum: Fast, "
      "Principled Table Summarization</i>, 2013) chooses each pattern by the bits it saves when it is used to encode the "
      "rows it covers (minimum description length).</p>\n",
      TSUM_VERSION, cost_model_name(s.cost_model));
  out += "<p>This page is self-contained: no script, nothing fetched.</p>\n</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace tsum
