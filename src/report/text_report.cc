#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "report/format.h"
#include "tsum/report.h"

namespace tsum {
namespace {

std::string pattern_text(const SummaryPattern& p) {
  std::string out;
  for (size_t k = 0; k < p.items.size(); ++k) {
    if (k) out += ", ";
    out += display_value(p.items[k].column) + " = " + display_value(tidy_number(p.items[k].value));
  }
  return out;
}

std::string saving_text(double saving, CostModelKind model) {
  if (model == CostModelKind::kTsumDask) return with_thousands(static_cast<unsigned long long>(saving));
  return fmt::format("{:.1f}", saving);
}

std::string pad_left(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}
std::string pad_right(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// One line per binned column and per left-out column (src/prepare), under the title.
std::string preparation_lines(const Summary& s) {
  std::string out;
  for (const ColumnBins& b : s.binned_columns) {
    std::string labels;
    const size_t n = b.labels.size();
    for (size_t k = 0; k < n; ++k) {
      if (n > 14 && k == 6) {
        labels += ", \u2026";
        k = n - 4;
        continue;
      }
      labels += (k ? ", " : "") + display_value(b.labels[k]);
    }
    const std::string range =
        b.lowest.empty() ? "" : fmt::format(" (values {} to {})", display_value(b.lowest), display_value(b.highest));
    out += fmt::format("  {} ({}) in {} {}: {}{}\n", display_value(b.column), b.type, n,
                       b.unit == "range" ? "ranges" : "bins by " + b.unit, labels, range);
  }
  for (const ExcludedColumn& e : s.excluded_columns) {
    if (e.by_user()) continue;  // the header names it, and there is nothing to add
    out += fmt::format("  {} left out, {}; --keep-id-columns keeps it\n", display_value(e.column), e.reason);
  }
  return out;
}

// Text shortened to `width` columns with a final ellipsis (whole UTF-8 characters).
std::string shorten(const std::string& s, size_t width) {
  if (display_width(s) <= width) return s;
  if (width == 0) return "";
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && ++w == width) break;
    out += s[i];
  }
  return out + "\u2026";
}

// Every line of `text` fitted to `width` columns (0: unchanged).
std::string fit_lines(const std::string& text, size_t width) {
  if (width == 0) return text;
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += shorten(text.substr(start, end - start), width);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string render_text(const Summary& s, const ReportOptions& options) {
  std::string out = fmt::format("{}: {} \u00d7 {}, cost model {}, search {}, {}, saving {} of {} bits ({} %)\n",
                                display_value(options.input), count_of(s.rows, "row"),
                                columns_text(s), cost_model_name(s.cost_model),
                                search_name(s.search), count_of(s.total_patterns, "pattern"),
                                saving_text(s.total_saving, s.cost_model), saving_text(s.table_bits, s.cost_model),
                                percent1(100.0 * saving_ratio(s)));
  out += preparation_lines(s);
  out = fit_lines(out, options.width);
  // --limit governs every format: a limited summary shows all it kept.
  size_t shown = s.limited ? s.patterns.size() : std::min(options.text_top, s.patterns.size());
  if (shown == 0) {
    out += "No pattern saves any bits: the table has no repeated structure to summarize.\n";
    return out;
  }
  std::vector<std::string> headers = {"rank", "coverage", "rows", "cumulative", "pattern", "saving"};
  std::vector<std::vector<std::string>> cells;
  for (size_t i = 0; i < shown; ++i) {
    const SummaryPattern& p = s.patterns[i];
    cells.push_back({std::to_string(i + 1), percent1(p.coverage) + " %", with_thousands(p.rows),
                     percent1(p.cumulative_coverage) + " %", pattern_text(p), saving_text(p.saving, s.cost_model)});
  }
  std::vector<size_t> width(headers.size());
  for (size_t k = 0; k < headers.size(); ++k) {
    width[k] = display_width(headers[k]);
    for (const auto& row : cells) width[k] = std::max(width[k], display_width(row[k]));
  }
  // Too wide for options.width: the pattern column gives up the room (never below its
  // header), its long cells shortened with an ellipsis.
  size_t total = 2 * (headers.size() - 1);
  for (size_t w : width) total += w;
  if (options.width > 0 && total > options.width) {
    const size_t others = total - width[4];
    width[4] = std::max(display_width(headers[4]), options.width > others ? options.width - others : 0);
    for (auto& row : cells) row[4] = shorten(row[4], width[4]);
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (size_t k = 0; k < row.size(); ++k) {
      if (k) l += "  ";
      l += k == 4 ? pad_right(row[k], width[k]) : pad_left(row[k], width[k]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line(headers);
  for (const auto& row : cells) out += line(row);
  size_t more = s.total_patterns - shown;
  if (more > 0) {
    out += fit_lines(fmt::format("... and {} more pattern{} (--limit or --format json shows them)\n", more,
                                 more == 1 ? "" : "s"),
                     options.width);
  }
  return out;
}

}  // namespace tsum
