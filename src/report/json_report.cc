#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <string>
#include <vector>

#include "report/format.h"
#include "table/arena_threads.h"
#include "table/parallel_for.h"
#include "tsum/report.h"

namespace tsum {

namespace {

// Summaries of this many patterns or more are formatted in blocks on several threads
// (about 0.04 s per 10^5 patterns on one; from a few thousand, a few milliseconds that a
// second thread halves), each block into its own string, joined in order.
constexpr size_t kParallelPatterns = size_t{1} << 12;
constexpr size_t kPatternBlock = 2048;

void append_pattern(std::string& out, const Summary& s, size_t i) {
  const SummaryPattern& p = s.patterns[i];
  out += i ? ",\n" : "\n";
  out += "{\"pattern\":";
  append_json_items(out, p.items);
  out += ",\"saving\":" + format_saving(p.saving, s.cost_model);
  out += fmt::format(",\"rows\":{}", p.rows);
  out += ",\"coverage\":" + format_double(p.coverage);
  out += ",\"cumulative_coverage\":" + format_double(p.cumulative_coverage) + "}";
}

void append_patterns(std::string& out, const Summary& s, unsigned threads) {
  const size_t n = s.patterns.size();
  if (n < kParallelPatterns || arena_threads(threads) == 1) {
    for (size_t i = 0; i < n; ++i) append_pattern(out, s, i);
    return;
  }
  std::vector<std::string> blocks((n + kPatternBlock - 1) / kPatternBlock);
  tbb::task_arena arena(arena_threads(threads));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, blocks.size(), [&](size_t b) {
      const size_t end = std::min(n, (b + 1) * kPatternBlock);
      for (size_t i = b * kPatternBlock; i < end; ++i) append_pattern(blocks[b], s, i);
    });
  });
  size_t bytes = out.size();
  for (const std::string& block : blocks) bytes += block.size();
  out.reserve(bytes + 256);
  for (const std::string& block : blocks) out += block;
}

}  // namespace

// One object, keys in a fixed order, no whitespace variation: byte-identical output for
// identical summaries.
std::string render_json(const Summary& s, const ReportOptions& options) {
  std::string out = "{\"input\":" + json_quote(options.input);
  out += fmt::format(",\"rows\":{},\"columns\":[", s.rows);
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (i) out += ',';
    out += json_quote(s.columns[i]);
  }
  out += "],\"cost_model\":" + json_quote(cost_model_name(s.cost_model));
  out += ",\"search\":" + json_quote(search_name(s.search));
  // Preprocessing (src/prepare), only when it binned or left out a column.
  if (!s.binned_columns.empty()) {
    out += ",\"bins\":[";
    for (size_t i = 0; i < s.binned_columns.size(); ++i) {
      const ColumnBins& b = s.binned_columns[i];
      out += i ? ",\n" : "\n";
      out += "{\"column\":" + json_quote(b.column) + ",\"type\":" + json_quote(b.type) + ",\"unit\":" + json_quote(b.unit);
      out += ",\"edges\":[";
      // Appended piece by piece: GCC 12 misreports "," + std::string as an overlapping copy.
      for (size_t k = 0; k < b.edges.size(); ++k) {
        if (k) out += ',';
        out += b.numeric_edges ? b.edges[k] : json_quote(b.edges[k]);
      }
      out += "],\"labels\":[";
      for (size_t k = 0; k < b.labels.size(); ++k) {
        if (k) out += ',';
        out += json_quote(b.labels[k]);
      }
      out += "],\"rows\":[";
      for (size_t k = 0; k < b.rows.size(); ++k) out += fmt::format("{}{}", k ? "," : "", b.rows[k]);
      out += "]}";
    }
    out += "\n]";
  }
  if (!s.excluded_columns.empty()) {
    out += ",\"excluded_columns\":[";
    for (size_t i = 0; i < s.excluded_columns.size(); ++i) {
      out += i ? ",\n" : "\n";
      out += "{\"column\":" + json_quote(s.excluded_columns[i].column) + ",\"reason\":" + json_quote(s.excluded_columns[i].reason) + "}";
    }
    out += "\n]";
  }
  out += ",\"patterns\":[";
  append_patterns(out, s, options.threads);
  out += s.patterns.empty() ? "]" : "\n]";
  double covered = s.rows ? 100.0 * static_cast<double>(s.covered_rows) / static_cast<double>(s.rows) : 0.0;
  out += fmt::format(",\"totals\":{{\"patterns\":{},\"saving\":{},\"table_bits\":{},\"saving_ratio\":{},\"covered_rows\":{},\"coverage\":{}}}",
                     s.total_patterns, format_saving(s.total_saving, s.cost_model), format_double(s.table_bits),
                     format_double(saving_ratio(s)),
                     s.covered_rows, format_double(covered));
  out += "}\n";
  return out;
}

}  // namespace tsum
