// Which rows of a table a pattern matches: every item's column holds the item's value.
// The table is the one the summary saw (prepared: bin labels are values), so rows are
// found exactly as the summary counted them. A value the column does not hold matches
// no row; NULL never matches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// rows[r] = 1 where row r matches. Throws UsageError for a column the table lacks.
std::vector<uint8_t> rows_of_pattern(const Table& table, const std::vector<PatternItem>& items);

// The first `limit` matching rows (0-based, ascending); stops reading there.
std::vector<uint64_t> first_rows_of_pattern(const Table& table, const std::vector<PatternItem>& items, size_t limit);

// One row's cells, in column order (nullopt: NULL).
std::vector<std::optional<std::string>> row_values(const Table& table, uint64_t row);

// Fills summary.sample_columns (the columns of `table`) and summary.pattern_samples: the
// first `rows` rows of each of the top `patterns` patterns, as `table` holds them, found
// in `prepared` (the same rows, as summarized). For the HTML report.
void describe_samples(const Table& table, const Table& prepared, Summary& summary, size_t patterns = 10, size_t rows = 3);

}  // namespace tsum
