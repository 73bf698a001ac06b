// Renderers for `tsum explain` / `--explain N` (tsum/explain.h): text, JSON, Markdown.
#include <fmt/format.h>

#include <algorithm>

#include "report/format.h"
#include "tsum/explain.h"

namespace tsum {
namespace {

std::string items_text(const std::vector<PatternItem>& items) {
  std::string out;
  for (size_t k = 0; k < items.size(); ++k) {
    out += (k ? ", " : "") + display_value(items[k].column) + " = " + display_value(items[k].value);
  }
  return out;
}

std::string cell_text(const std::optional<std::string>& v) { return v ? display_value(*v) : "(null)"; }

std::string share_line(const ValueShare& v) {
  return fmt::format("{} {} % (table {} %)", cell_text(v.value), percent1(v.share), percent1(v.table_share));
}

std::string headline(const PatternExplanation& e) {
  return fmt::format("{} of {} rows ({} %), {} not matched by a higher-ranked pattern", with_thousands(e.rows),
                     with_thousands(e.table_rows), percent1(e.table_rows ? 100.0 * static_cast<double>(e.rows) / static_cast<double>(e.table_rows) : 0.0),
                     with_thousands(e.new_rows));
}

}  // namespace

std::string render_explain_text(const PatternExplanation& e, const ReportOptions& report) {
  std::string out = fmt::format("{}: pattern {}: {}\n", report.input, e.rank, items_text(e.pattern.items));
  out += fmt::format("  {}; saving {} bits\n", headline(e), fmt::format("{:.1f}", e.pattern.saving));
  out += "  WHERE " + display_value(e.where) + "\n";
  if (!e.sample_rows.empty()) {
    out += fmt::format("\nfirst {} of its rows (numbered from 1, as read):\n", e.sample_rows.size());
    std::vector<std::vector<std::string>> grid;
    grid.push_back({"row"});
    for (const std::string& c : e.columns) grid[0].push_back(display_value(c));
    for (size_t i = 0; i < e.samples.size(); ++i) {
      grid.push_back({std::to_string(e.sample_rows[i])});
      for (const auto& v : e.samples[i]) grid.back().push_back(cell_text(v));
    }
    std::vector<size_t> width(grid[0].size(), 0);
    for (const auto& line : grid) {
      for (size_t k = 0; k < line.size(); ++k) width[k] = std::max(width[k], display_width(line[k]));
    }
    for (const auto& line : grid) {
      std::string text = "  ";
      for (size_t k = 0; k < line.size(); ++k) {
        const size_t pad = width[k] - display_width(line[k]);
        text += k == 0 ? std::string(pad, ' ') + line[k] : "  " + line[k] + std::string(pad, ' ');
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out += text + "\n";
    }
  }
  if (!e.context.empty()) {
    out += "\nwhat else these rows hold (share among them, and in the whole table):\n";
    for (const ColumnContext& c : e.context) {
      std::string values;
      for (size_t k = 0; k < c.top.size(); ++k) values += (k ? ", " : "") + share_line(c.top[k]);
      out += "  " + display_value(c.column) + ": " + values + "\n";
    }
  }
  return out;
}

std::string render_explain_json(const PatternExplanation& e, const ReportOptions& report) {
  auto nullable = [](const std::optional<std::string>& v) { return v ? json_quote(*v) : std::string("null"); };
  std::string out = "{\"input\":" + json_quote(report.input) + fmt::format(",\"rank\":{},\"pattern\":", e.rank);
  append_json_items(out, e.pattern.items);
  out += ",\"saving\":" + format_double(e.pattern.saving) + ",\"where\":" + json_quote(e.where);
  out += fmt::format(",\"rows\":{},\"new_rows\":{},\"table_rows\":{},\"columns\":[", e.rows, e.new_rows, e.table_rows);
  for (size_t k = 0; k < e.columns.size(); ++k) {
    if (k) out += ',';
    out += json_quote(e.columns[k]);
  }
  out += "],\"sample_rows\":[";
  for (size_t i = 0; i < e.samples.size(); ++i) {
    out += (i ? ",\n" : "\n") + fmt::format("{{\"row\":{},\"values\":[", e.sample_rows[i]);
    for (size_t k = 0; k < e.samples[i].size(); ++k) {
      if (k) out += ',';
      out += nullable(e.samples[i][k]);
    }
    out += "]}";
  }
  out += e.samples.empty() ? "]" : "\n]";
  out += ",\"context\":[";
  for (size_t i = 0; i < e.context.size(); ++i) {
    out += (i ? ",\n" : "\n") + std::string("{\"column\":") + json_quote(e.context[i].column) + ",\"top\":[";
    for (size_t k = 0; k < e.context[i].top.size(); ++k) {
      const ValueShare& v = e.context[i].top[k];
      if (k) out += ',';
      out += fmt::format("{{\"value\":{},\"rows\":{},\"share\":{},\"table_share\":{}}}", nullable(v.value), v.rows,
                         format_double(v.share), format_double(v.table_share));
    }
    out += "]}";
  }
  out += e.context.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string render_explain_markdown(const PatternExplanation& e, const ReportOptions& report) {
  std::string out = fmt::format("## Pattern {} of {}: {}\n\n", e.rank, markdown_text(report.input), markdown_text(items_text(e.pattern.items)));
  out += headline(e) + fmt::format("; saving {:.1f} bits.\n\n", e.pattern.saving);
  out += "```sql\nWHERE " + display_value(e.where) + "\n```\n";
  if (!e.sample_rows.empty()) {
    out += fmt::format("\n### First {} of its rows\n\n| row |", e.sample_rows.size());
    for (const std::string& c : e.columns) out += fmt::format(" {} |", markdown_text(c));
    out += "\n|---:|";
    for (size_t k = 0; k < e.columns.size(); ++k) out += "---|";
    out += "\n";
    for (size_t i = 0; i < e.samples.size(); ++i) {
      out += fmt::format("| {} |", e.sample_rows[i]);
      for (const auto& v : e.samples[i]) out += fmt::format(" {} |", v ? markdown_text(*v) : std::string("*null*"));
      out += "\n";
    }
  }
  if (!e.context.empty()) {
    out += "\n### What else these rows hold\n\n| column | values (share among them; in the whole table) |\n|---|---|\n";
    for (const ColumnContext& c : e.context) {
      std::string values;
      for (size_t k = 0; k < c.top.size(); ++k) values += (k ? ", " : "") + markdown_text(share_line(c.top[k]));
      out += "| " + markdown_text(c.column) + " | " + values + " |\n";
    }
  }
  return out;
}

}  // namespace tsum
