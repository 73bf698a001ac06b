// Row subsets of a Table that keep its dictionaries, so a code means the same value in
// the subset as in the whole (the two sides of a diff share the union's codes).
#pragma once

#include <cstdint>
#include <vector>

#include "tsum/table.h"

namespace tsum {

// The rows of `table` whose `side[row]` equals `which`, in table order; every column keeps
// its dictionary (values absent from the subset get count 0). Columns are copied in
// parallel in the caller's TBB arena.
Table rows_where(const Table& table, const std::vector<uint8_t>& side, uint8_t which);

}  // namespace tsum
