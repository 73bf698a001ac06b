// Column profiles for reports: type, distinct values, NULLs, most frequent values.
#pragma once

#include <cstddef>
#include <vector>

#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// One profile per column of `table`, in column order. Costs O(cardinality) per column
// (from the dictionary's counts; no pass over the rows). The `top` most frequent values
// come most frequent first, ties in first-appearance (code) order.
std::vector<ColumnSummary> summarize_columns(const Table& table, size_t top = 5);

}  // namespace tsum
