// A diff as JSON: one object per diff, keys in a fixed order (field names in
// docs/diff.md); under --by an object {"by": column, "diffs": [...]}. Byte-identical for
// identical diffs.
#include <fmt/format.h>

#include "report/format.h"
#include "tsum/diff.h"
#include "tsum/report.h"

namespace tsum {
namespace {

std::string side(const std::string& name, uint64_t rows) {
  return "{\"input\":" + json_quote(name) + fmt::format(",\"rows\":{}}}", rows);
}

std::string nullable(const std::string& text) { return text.empty() ? "null" : json_quote(text); }

std::string render_one(const Diff& d) {
  std::string out = "{";
  if (!d.by_column.empty()) out += "\"by\":{\"column\":" + json_quote(d.by_column) + ",\"value\":" + json_quote(d.by_value) + "},";
  out += "\"old\":" + side(d.old_name, d.old_rows) + ",\"new\":" + side(d.new_name, d.new_rows);
  out += ",\"cost_model\":" + json_quote(cost_model_name(d.cost_model)) + ",\"columns\":[";
  for (size_t i = 0; i < d.columns.size(); ++i) {
    if (i) out += ',';
    out += json_quote(d.columns[i]);
  }
  out += "],\"column_changes\":[";
  for (size_t i = 0; i < d.column_changes.size(); ++i) {
    const ColumnChange& c = d.column_changes[i];
    if (i) out += ',';
    out += "{\"column\":" + json_quote(c.column) + ",\"change\":" + json_quote(c.change);
    out += ",\"old_type\":" + nullable(c.old_type) + ",\"new_type\":" + nullable(c.new_type) + "}";
  }
  out += "],\"bins\":[";
  for (size_t i = 0; i < d.binned_columns.size(); ++i) {
    const ColumnBins& b = d.binned_columns[i];
    if (i) out += ',';
    out += "{\"column\":" + json_quote(b.column) + ",\"type\":" + json_quote(b.type) + ",\"labels\":[";
    for (size_t k = 0; k < b.labels.size(); ++k) {
      if (k) out += ',';
      out += json_quote(b.labels[k]);
    }
    out += "]}";
  }
  out += "],\"excluded_columns\":[";
  for (size_t i = 0; i < d.excluded_columns.size(); ++i) {
    if (i) out += ',';
    out += "{\"column\":" + json_quote(d.excluded_columns[i].column) + ",\"reason\":" + json_quote(d.excluded_columns[i].reason) + "}";
  }
  out += fmt::format("],\"test\":{{\"statistic\":\"G\",\"alpha\":{},\"correction\":\"layered-bonferroni\",\"candidates\":{},"
                     "\"significant\":{},\"explained\":{}}}",
                     format_double(d.alpha), d.candidates, d.significant, d.explained);
  out += ",\"note\":" + nullable(d.note);
  out += ",\"patterns\":[";
  for (size_t i = 0; i < d.patterns.size(); ++i) {
    const DiffPattern& p = d.patterns[i];
    out += i ? ",\n" : "\n";
    out += "{\"pattern\":";
    append_json_items(out, p.items);
    out += ",\"status\":" + json_quote(p.status);
    out += fmt::format(",\"old_rows\":{},\"old_share\":{},\"new_rows\":{},\"new_share\":{},\"change\":{},\"g\":{},\"p_value\":{}}}",
                       p.old_rows, format_double(p.old_share), p.new_rows, format_double(p.new_share), format_double(p.change),
                       format_double(p.g), format_double(p.p_value));
  }
  out += fmt::format("{}],\"totals\":{{\"patterns\":{}}}}}", d.patterns.empty() ? "" : "\n", d.total_patterns);
  return out;
}

}  // namespace

std::string render_diff_json(const std::vector<Diff>& diffs) {
  if (diffs.size() == 1 && diffs[0].by_column.empty()) return render_one(diffs[0]) + "\n";
  std::string out = "{\"by\":" + json_quote(diffs.empty() ? "" : diffs[0].by_column) + ",\"diffs\":[";
  for (size_t i = 0; i < diffs.size(); ++i) out += (i ? ",\n" : "\n") + render_one(diffs[i]);
  return out + "\n]}\n";
}

}  // namespace tsum
