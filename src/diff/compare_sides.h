// The core of a diff: one prepared union table, a side per row (0 OLD, 1 NEW), the
// patterns mined on the union; mines each side, counts, tests and selects (docs/diff.md).
#pragma once

#include <cstdint>
#include <vector>

#include "tsum/diff.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// Fills old_rows, new_rows, columns, alpha, candidates, significant, explained,
// total_patterns, patterns and (for an empty side) note. `union_patterns` are the
// patterns of the summary of `table` (mined once by callers comparing several splits).
void compare_sides(const Table& table, const std::vector<uint8_t>& side, const std::vector<SummaryPattern>& union_patterns,
                   const DiffOptions& options, Diff& diff);

// The summary of `table` under the options' cost model (no limit), for union_patterns.
Summary mine(const Table& table, const DiffOptions& options);

}  // namespace tsum
