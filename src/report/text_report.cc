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
    out += display_value(p.items[k].column) + " = " + display_value(p.items[k].value);
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
    out += fmt::format("  {} ({}) in {} {}: {}\n", display_value(b.column), b.type, n,
                       b.unit == "range" ? "ranges" : "bins by " + b.unit, labels);
  }
  for (const ExcludedColumn& e : s.excluded_columns) {
    out += fmt::format("  {} left out, {}; --keep-id-columns keeps it\n", display_value(e.column), e.reason);
  }
  return out;
}

}  // namespace

std::string render_text(const Summary& s, const ReportOptions& options) {
  std::string out = fmt::format("{}: {} \u00d7 {}, cost model {}, search {}, {}, saving {} of {} bits ({} %)\n",
                                display_value(options.input), count_of(s.rows, "row"),
                                count_of(s.columns.size(), "column"), cost_model_name(s.cost_model),
                                search_name(s.search), count_of(s.total_patterns, "pattern"),
                                saving_text(s.total_saving, s.cost_model), saving_text(s.table_bits, s.cost_model),
                                percent1(100.0 * saving_ratio(s)));
  out += preparation_lines(s);
  size_t shown = std::min(options.text_top, s.patterns.size());
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
  if (more > 0) out += fmt::format("... and {} more pattern{} (--limit or --format json shows them)\n", more, more == 1 ? "" : "s");
  return out;
}

}  // namespace tsum
