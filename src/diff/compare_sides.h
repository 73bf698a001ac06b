// The core of a diff: one prepared union table and a side per row (0 OLD, 1 NEW); mines
// each side, searches, counts, tests and selects (docs/diff.md).
#pragma once

#include <cstdint>
#include <vector>

#include "tsum/diff.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// Fills old_rows, new_rows, columns, alpha, candidates, significant, explained,
// total_patterns, patterns and (for an empty side) note.
void compare_sides(const Table& table, const std::vector<uint8_t>& side, const DiffOptions& options, Diff& diff);

}  // namespace tsum
