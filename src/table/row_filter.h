// The rows of a Table that a mask keeps, as a Table of their own.
//
// Unlike a subset that shares the whole table's dictionaries (src/diff/row_subset.h), the
// result is encoded as if the kept rows had been read on their own: each column's
// dictionary holds only the values those rows hold, in order of first appearance among
// them, and a column's type is decided over those values. Since dictionary order is the
// tie-break order, this is what makes `--where` summarize exactly like a file holding
// only the matching rows.
#pragma once

#include <cstdint>
#include <vector>

#include "tsum/table.h"

namespace tsum {

// keep[row] != 0 keeps the row; rows keep their order. keep.size() must equal
// table.rows(). Columns are re-encoded in parallel in the caller's TBB arena.
//
// Type of a column: numeric when the original was numeric (and a value is left), or
// when every remaining value is a number by the CSV rule (is_spec_number), as a CSV of
// the kept rows would read; for JSON strings that look like numbers this differs from
// re-reading the JSON, which knew they were strings.
Table filter_rows(const Table& table, const std::vector<uint8_t>& keep);

}  // namespace tsum
