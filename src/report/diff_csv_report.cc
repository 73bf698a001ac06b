// A diff as CSV (RFC 4180, CRLF): one row per reported pattern: the --by value (empty
// otherwise), rank, status, rows and shares on each side, change, G, adjusted p, then one
// field per compared column (the pattern's value, or empty).
#include <fmt/format.h>

#include <algorithm>

#include "report/diff_format.h"
#include "report/format.h"
#include "tsum/diff.h"
#include "tsum/report.h"

namespace tsum {

std::string render_diff_csv(const std::vector<Diff>& diffs) {
  std::vector<std::string> columns = diff_columns(diffs);
  std::string out = "by_value,rank,status,old_rows,old_share,new_rows,new_share,change,g,p_value";
  for (const std::string& column : columns) {
    out += ',';
    append_csv_field(out, column);
  }
  out += "\r\n";
  for (const Diff& d : diffs) {
    for (size_t i = 0; i < d.patterns.size(); ++i) {
      const DiffPattern& p = d.patterns[i];
      append_csv_field(out, d.by_value);
      out += fmt::format(",{},{},{},{},{},{},{},{},{}", i + 1, p.status, p.old_rows, format_double(p.old_share), p.new_rows,
                         format_double(p.new_share), format_double(p.change), format_double(p.g), format_double(p.p_value));
      for (const std::string& column : columns) {
        out += ',';
        auto item = std::find_if(p.items.begin(), p.items.end(), [&](const PatternItem& it) { return it.column == column; });
        if (item == p.items.end()) continue;
        if (item->value.empty()) out += "\"\"";  // differs from a column the pattern leaves out
        else append_csv_field(out, item->value);
      }
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace tsum
