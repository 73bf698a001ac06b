// The summary as CSV (RFC 4180): one row per pattern, one field per table column.
#include <fmt/format.h>

#include <algorithm>

#include "report/format.h"
#include "tsum/report.h"

namespace tsum {
std::string render_csv(const Summary& s, const ReportOptions&) {
  std::string out = "rank,coverage,rows,cumulative,saving";
  for (const std::string& column : s.columns) {
    out += ',';
    append_csv_field(out, column);
  }
  out += "\r\n";
  for (size_t i = 0; i < s.patterns.size(); ++i) {
    const SummaryPattern& p = s.patterns[i];
    out += fmt::format("{},{},{},{},{}", i + 1, format_double(p.coverage), p.rows, format_double(p.cumulative_coverage),
                       format_saving(p.saving, s.cost_model));
    for (const std::string& column : s.columns) {
      out += ',';
      auto item = std::find_if(p.items.begin(), p.items.end(), [&](const PatternItem& it) { return it.column == column; });
      if (item == p.items.end()) continue;
      // An empty text value (possible from JSON "") is written "" so that it differs from
      // a column the pattern leaves out.
      if (item->value.empty()) out += "\"\"";
      else append_csv_field(out, item->value);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace tsum
