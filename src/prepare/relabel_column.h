// Relabelling a column: each dictionary value is mapped once to a bin (or kept as it
// is), then the codes are remapped in one pass; no cell is parsed again.
//
// The new column's dictionary follows first appearance in the data, like any column:
// the original dictionary is in first-appearance order, so a bin first appears where its
// earliest original value does. The spec's tie rules then apply unchanged. A kept value
// whose text equals a bin label is that bin (values are compared by text). NULL stays
// NULL.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum {

inline constexpr int32_t kKeepValue = -1;

// `bin_of[code]` for codes 1..cardinality (index 0 unused): a bin index into `labels`, or
// kKeepValue. `bin_rows`, when given, receives the rows of each bin.
std::shared_ptr<const Column> relabel_column(const Column& column, const std::vector<int32_t>& bin_of,
                                             const std::vector<std::string>& labels,
                                             std::vector<uint64_t>* bin_rows = nullptr);

}  // namespace tsum
