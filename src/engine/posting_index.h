// PostingIndex: for a column, the rows holding each code (inverted lists), built lazily
// the first time the column is asked for, by a counting sort (on a column of 2^20 rows or
// more and a modest dictionary, block by block on the caller's TBB arena; a dictionary of
// 2^15 codes or more in two cache-friendly scatters, by buckets of codes and then within
// each bucket, also on the arena; the lists are the same either way).
//
// Local expansion asks for "rows of the residue where column c holds v" once per
// pattern; with the lists that costs the size of one list instead of a scan of the
// residue. Rows that left the residue are dropped from a list the next time it is read,
// so every row is skipped at most once per list; a long list (a pattern of many rows) is
// filtered block by block on the caller's arena, giving the same list.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/kernels.h"
#include "engine/row_bits.h"
#include "engine/work_table.h"

namespace tsum {

class PostingIndex {
 public:
  explicit PostingIndex(const WorkTable& table) : table_(table), columns_(table.num_columns()) {}

  // The rows of `alive` whose code in `column` is `code`, ascending. A long list is
  // filtered on the caller's threads unless `on_threads` is false.
  std::vector<RowId> live_rows(size_t column, uint32_t code, const RowBits& alive, bool on_threads = true);
  // Builds `column`'s lists now (live_rows builds them on first use). After it, live_rows
  // calls for distinct codes of `column` may run at the same time, while nothing writes
  // `alive`: each touches only its own code's list.
  void prepare(size_t column) { lists(column); }
  // The rows `code`'s list of `column` holds now: its rows of the table less the dead
  // rows dropped so far (an upper bound on live_rows' answer).
  uint64_t listed(size_t column, uint32_t code) {
    const Lists& l = lists(column);
    return l.end[code] - l.begin[code];
  }

 private:
  struct Lists {
    std::vector<uint64_t> begin;  // cardinality + 1 entries
    std::vector<uint64_t> end;    // shrinks as dead rows are dropped
    std::unique_ptr<RowId[]> rows;  // the table's rows, by code
  };
  Lists& lists(size_t column);

  const WorkTable& table_;
  std::vector<std::unique_ptr<Lists>> columns_;
};

}  // namespace tsum
