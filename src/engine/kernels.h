// Counting and filtering kernels over dictionary codes.
//
// A row set is either every row of the work table or a sorted vector of row ids (a
// selection vector). Counts are weighted by the work table's row weights (1 when the
// table is not collapsed). Kernels never allocate per row; parallel kernels split
// their input into fixed blocks and combine results in block order, so results never
// depend on the number of threads. They run inside the caller's TBB arena.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/work_table.h"

namespace tsum {

using RowId = uint32_t;

struct RowSet {
  bool all = true;                 // every row 0..table_rows-1
  uint64_t table_rows = 0;
  std::span<const RowId> ids;      // when !all: sorted row ids

  uint64_t size() const { return all ? table_rows : ids.size(); }
};

// Rows of `rows` whose code in `column` equals `code`, in ascending order.
std::vector<RowId> filter_equal(const WorkColumn& column, const RowSet& rows, uint32_t code);

// Adds, for every row of `ids`, its weight to hist[code of the row in column].
void count_codes(const WorkTable& table, size_t column, std::span<const RowId> ids, uint64_t* hist);

// Selections of at most this many rows can be counted by count_few_codes.
constexpr size_t kFewCodesMaxRows = 32;

// Whether the search counts `rows` rows of a column of `cardinality` values with
// count_few_codes: few rows in a dictionary much larger than them (below that size the
// histogram, scanned whole, costs little and its kernels are vectorised).
inline bool counts_few_codes(size_t rows, uint32_t cardinality) {
  return rows <= kFewCodesMaxRows && cardinality > rows + 64;
}

// The codes of at most kFewCodesMaxRows rows in `column`, told apart in a short list
// instead of a histogram indexed by code (whose increment and reset are two cache misses
// per row on a large dictionary): sets codes[j] and its weighted count counts[j] for j
// below the returned number of distinct codes, in order of first appearance. NULL (0)
// included.
size_t count_few_codes(const WorkTable& table, size_t column, std::span<const RowId> rows, uint32_t* codes,
                       uint64_t* counts);

// Subtracts, for every row of `ids`, its weight from hist[code of the row in column].
void uncount_codes(const WorkTable& table, size_t column, std::span<const RowId> ids, uint64_t* hist);

// Total weight of the rows.
uint64_t total_weight(const WorkTable& table, std::span<const RowId> ids);

// The sorted rows of `rows` that are not in the sorted subset `removed`.
std::vector<RowId> subtract_rows(const RowSet& rows, std::span<const RowId> removed);

// The offsets step of a counting sort done block by block: counts[b * keys + k] holds
// block b's items of key k. Each becomes the slot where block b writes its first item
// of key k, keys in order and, within a key, blocks in order (so the sorted output is
// the serial sort's); begin[k] (keys + 1 entries, resized here) gets key k's first slot.
void block_offsets(std::span<uint64_t> counts, uint64_t blocks, size_t keys, std::vector<uint64_t>& begin);

}  // namespace tsum
