// Summary: the result of summarizing a table, independent of the Table it came from.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tsum {

enum class CostModelKind { kPaper, kTsumDask, kTsumJs };

// "paper", "tsum-dask", "tsum-js".
const char* cost_model_name(CostModelKind kind);
// Parses a cost model name; throws UsageError listing the valid names.
CostModelKind parse_cost_model(const std::string& name);

struct PatternItem {
  std::string column;
  std::string value;
  bool operator==(const PatternItem&) const = default;
};

struct SummaryPattern {
  // (column, value) pairs in table column order.
  std::vector<PatternItem> items;
  // Bits saved on the rows that the patterns ranked above left over. Integral under
  // tsum-dask.
  double saving = 0;
  uint64_t rows = 0;                // rows of the whole table matching the pattern
  double coverage = 0;              // 100 * rows / table rows
  double cumulative_coverage = 0;   // 100 * rows covered by this and higher-ranked patterns / table rows
};

struct Summary {
  CostModelKind cost_model = CostModelKind::kPaper;
  uint64_t rows = 0;
  std::vector<std::string> columns;  // the columns summarized, in table order
  std::vector<SummaryPattern> patterns;  // rank order (after limit)
  size_t total_patterns = 0;         // patterns before limit was applied
  double total_saving = 0;           // sum of the savings of all patterns (before limit)
  double table_bits = 0;             // sum over non-NULL cells of bits(c, v) under the model
  uint64_t covered_rows = 0;         // rows matching at least one pattern (before limit)

  // Where the engine's time went (diagnostics only; never rendered into reports).
  double expand_seconds = 0;
  double marshal_seconds = 0;
};

}  // namespace tsum
