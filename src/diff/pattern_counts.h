// Candidate patterns as codes of the union table, and their rows on each side.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// A pattern over the union table: (column index, code) pairs, ascending column index.
struct CodePattern {
  std::vector<std::pair<uint32_t, uint32_t>> items;
  auto operator<=>(const CodePattern&) const = default;
};

// The summary's pattern as codes of `table` (values looked up by text). Items whose
// column or value the table lacks make it return an empty pattern.
CodePattern to_codes(const Table& table, const std::vector<PatternItem>& items);

struct SideCounts {
  uint64_t old_rows = 0;  // rows with side 0 matching the pattern
  uint64_t new_rows = 0;  // rows with side 1
};

// Rows of each side matching each pattern. One pass per column that leads some pattern
// (its rarest item) files the rows of the leading codes; each pattern then checks only
// its leading code's rows. Integer counts: the same for any thread count.
std::vector<SideCounts> count_patterns(const Table& table, const std::vector<uint8_t>& side,
                                       const std::vector<CodePattern>& patterns);

}  // namespace tsum
