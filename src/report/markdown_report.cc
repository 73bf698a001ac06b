#include <fmt/format.h>

#include <algorithm>

#include "report/format.h"
#include "tsum/report.h"

namespace tsum {
namespace {

// Escapes what Markdown tables and inline text would interpret.
std::string md(std::string_view text) {
  std::string out;
  for (char c : display_value(text)) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string render_markdown(const Summary& s, const ReportOptions& options) {
  std::string out = fmt::format("## Summary of `{}`\n\n", display_value(options.input));
  out += fmt::format("{} rows \u00d7 {} columns, cost model `{}`. {} pattern{} cover {} % of the rows.\n\n",
                     with_thousands(s.rows), s.columns.size(), cost_model_name(s.cost_model), s.total_patterns,
                     s.total_patterns == 1 ? "" : "s",
                     percent1(s.rows ? 100.0 * static_cast<double>(s.covered_rows) / static_cast<double>(s.rows) : 0.0));
  size_t shown = std::min(options.text_top, s.patterns.size());
  if (shown == 0) return out + "No pattern saves any bits.\n";
  out += "| rank | coverage | rows | cumulative | pattern | saving |\n|---:|---:|---:|---:|---|---:|\n";
  for (size_t i = 0; i < shown; ++i) {
    const SummaryPattern& p = s.patterns[i];
    std::string pattern;
    for (size_t k = 0; k < p.items.size(); ++k) {
      if (k) pattern += ", ";
      pattern += md(p.items[k].column);
      pattern += " = ";
      pattern += md(p.items[k].value);
    }
    out += fmt::format("| {} | {} % | {} | {} % | {} | {} |\n", i + 1, percent1(p.coverage), with_thousands(p.rows),
                       percent1(p.cumulative_coverage), pattern, format_saving(p.saving, s.cost_model));
  }
  if (s.total_patterns > shown) out += fmt::format("\n{} more pattern(s) not shown.\n", s.total_patterns - shown);
  return out;
}

}  // namespace tsum
