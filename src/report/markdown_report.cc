#include <fmt/format.h>

#include <algorithm>

#include "report/format.h"
#include "report/sentences.h"
#include "tsum/report.h"

namespace tsum {
namespace {

// `text` as an inline code span, fenced by more backticks than it holds.
std::string code_span(std::string_view text) {
  std::string shown = display_value(text);
  size_t longest = 0, run = 0;
  for (char c : shown) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !shown.empty() && (shown.front() == '`' || shown.back() == '`');
  return fence + (pad ? " " : "") + shown + (pad ? " " : "") + fence;
}

std::string md_value(std::string_view value) { return value.empty() ? "*(empty text)*" : "**" + markdown_text(value) + "**"; }

}  // namespace

std::string render_markdown(const Summary& s, const ReportOptions& options) {
  // For a data catalog's documentation field or a README: one level-2 heading, plain
  // sentences first, then the tables. Deterministic: no date, no timing.
  std::string out = "## Summary of " + code_span(options.input) + "\n\n";
  out += fmt::format("{} \u00d7 {}, cost model `{}`, search `{}`. {} cover{} {} % of the rows and save {} % of the "
                     "table's {} bits ({} bits).\n\n",
                     count_of(s.rows, "row"), count_of(s.columns.size(), "column"), cost_model_name(s.cost_model),
                     search_name(s.search), count_of(s.total_patterns, "pattern"), s.total_patterns == 1 ? "s" : "",
                     percent1(s.rows ? 100.0 * static_cast<double>(s.covered_rows) / static_cast<double>(s.rows) : 0.0),
                     percent1(100.0 * saving_ratio(s)), fmt::format("{:.1f}", s.table_bits),
                     fmt::format("{:.1f}", s.total_saving));
  size_t shown = std::min(options.text_top, s.patterns.size());
  if (shown == 0) {
    out += "No pattern saves any bits.\n";
  } else {
    size_t sentences = std::min(options.sentences, s.patterns.size());
    for (size_t i = 0; i < sentences; ++i) {
      out += "- " + pattern_sentence(s.patterns[i], s.rows, markdown_text, md_value, s.binned_columns) + "\n";
    }
    if (sentences > 0) out += "\n";
    out += "| rank | coverage | rows | cumulative | pattern | saving |\n|---:|---:|---:|---:|---|---:|\n";
    for (size_t i = 0; i < shown; ++i) {
      const SummaryPattern& p = s.patterns[i];
      std::string pattern;
      for (size_t k = 0; k < p.items.size(); ++k) {
        if (k) pattern += ", ";
        pattern += markdown_text(p.items[k].column);
        pattern += " = ";
        pattern += p.items[k].value.empty() ? "*(empty text)*" : markdown_text(p.items[k].value);
      }
      out += fmt::format("| {} | {} % | {} | {} % | {} | {} |\n", i + 1, percent1(p.coverage), with_thousands(p.rows),
                         percent1(p.cumulative_coverage), pattern, format_saving(p.saving, s.cost_model));
    }
    if (s.total_patterns > shown) out += fmt::format("\n{} more pattern(s) not shown.\n", s.total_patterns - shown);
  }
  if (!s.column_summaries.empty()) {
    out += "\n### Columns\n\n| column | type | distinct | NULL | most frequent values |\n|---|---|---:|---:|---|\n";
    const double rows = static_cast<double>(std::max<uint64_t>(s.rows, 1));
    for (const ColumnSummary& c : s.column_summaries) {
      std::string top;
      for (const ValueCount& v : c.top_values) {
        if (!top.empty()) top += ", ";
        top += (v.value.empty() ? std::string("*(empty text)*") : markdown_text(v.value)) + " (" + with_thousands(v.rows) + ")";
      }
      if (c.distinct > c.top_values.size()) top += top.empty() ? "" : ", \u2026";
      auto bins = std::find_if(s.binned_columns.begin(), s.binned_columns.end(),
                               [&](const ColumnBins& b) { return b.column == c.name; });
      std::string type = markdown_text(c.type);
      if (bins != s.binned_columns.end()) {
        type = markdown_text(bins->type) + (bins->unit == "range" ? ", binned into ranges" : ", binned by " + markdown_text(bins->unit));
      }
      out += fmt::format("| {} | {} | {} | {} % | {} |\n", markdown_text(c.name), type, with_thousands(c.distinct),
                         percent1(100.0 * static_cast<double>(c.nulls) / rows), top);
    }
  }
  for (const ExcludedColumn& e : s.excluded_columns) {
    out += (&e == &s.excluded_columns.front() ? "\nLeft out: " : "; ") + markdown_text(e.column) + " (" + markdown_text(e.reason) + ")";
    if (&e == &s.excluded_columns.back()) out += ".\n";
  }
  out += "\n*Summarized by tsum with TSum (Chen et al., 2013): each pattern is chosen by the bits it saves when used to "
         "encode the rows it covers; coverage counts every row that matches it.*\n";
  return out;
}

}  // namespace tsum
