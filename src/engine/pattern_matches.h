// Pattern matches: which rows of the table each pattern matches, for marshalling.
//
// AnchorIndex files each pattern under its rarest (column, value) pair, so that a row meets
// only the patterns filed under one of its own values. Matches holds every (pattern, row)
// match as pattern -> rows (ascending) and, when asked, row -> patterns (CSR), gathered
// through the index from the table's rows (gather_matches) or taken from rows the caller
// already holds (known_matches).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "engine/kernels.h"
#include "engine/pattern.h"
#include "engine/work_table.h"

namespace tsum {

// Rows of the whole table matching each pattern, ascending.
using PatternRows = std::vector<std::span<const RowId>>;

// Patterns filed by (column, code) of their anchor pair, in CSR form per column. Beside
// each filed pattern sit its other items, laid out in filing order: the patterns met at
// one code and the items to test for them are contiguous, where the patterns' own item
// lists, scattered over the heap, cost two cache misses per candidate.
class AnchorIndex {
 public:
  // Files every pattern under its anchor pair (in parallel: the anchors in blocks of
  // patterns, then each column's patterns in its own task).
  AnchorIndex(const WorkTable& table, const std::vector<CodedPattern>& patterns);

  // Calls f(pattern) for every pattern that matches the row.
  template <class F>
  void for_each_match(RowId row, F&& f) const {
    for (uint32_t c : active_) {
      const PerColumn& col = columns_[c];
      const uint32_t code = table_.column(c).code_at(row);
      for (uint32_t i = col.start[code]; i < col.start[code + 1]; ++i) {
        if (others_match(col, i, row)) f(col.filed[i]);
      }
    }
  }

  // Calls f(pattern, row) for every row in [begin, end) and pattern that matches it; scans
  // column by column, which keeps the inner loop on one code array.
  template <class F>
  void for_each_match_in(uint64_t begin, uint64_t end, F&& f) const {
    for (uint32_t c : active_) {
      const PerColumn& col = columns_[c];
      table_.column(c).visit_codes([&](const auto* codes) {
        for (uint64_t r = begin; r < end; ++r) {
          const uint32_t code = codes[r];
          for (uint32_t i = col.start[code]; i < col.start[code + 1]; ++i) {
            if (others_match(col, i, static_cast<RowId>(r))) f(col.filed[i], static_cast<RowId>(r));
          }
        }
      });
    }
  }

 private:
  struct PerColumn {
    std::vector<uint32_t> start;         // cardinality + 2 offsets into `filed`
    std::vector<uint32_t> filed;         // pattern ids, by anchor code
    std::vector<uint32_t> others_start;  // filed.size() + 1 offsets into `others`
    std::vector<Item> others;            // each filed pattern's items but its anchor
  };
  // Files the patterns anchored in column c (`mine`, ascending) by their anchor's code, in
  // pattern order within a code (a stable counting sort), each with its other items
  // beside it.
  void file_column(uint32_t c, const std::vector<CodedPattern>& patterns, const std::vector<uint32_t>& mine,
                   const std::vector<const Item*>& anchor);

  bool others_match(const PerColumn& col, uint32_t i, RowId row) const {
    for (uint32_t k = col.others_start[i]; k < col.others_start[i + 1]; ++k) {
      if (table_.column(col.others[k].column).code_at(row) != col.others[k].code) return false;
    }
    return true;
  }

  const WorkTable& table_;
  std::vector<PerColumn> columns_;
  std::vector<uint32_t> active_;
};

// Every (pattern, row) match in two forms: pattern -> rows (ascending) and, when
// `by_row`, row -> patterns (CSR; so that a row leaving the residue updates only the
// patterns it matches instead of every pattern filed under one of its values). A ranking
// that counts lazily needs only the first form: row -> patterns is then built only if it
// falls back to counting eagerly (index_by_row).
//
// Buffers written whole right after they are sized are not zeroed first: that was a
// serial pass over each, and it took all their page faults on the calling thread. (A
// vector whose resize() leaves new elements uninitialised, rather than the project's
// usual make_unique_for_overwrite: known_matches() builds the same buffers with
// assign(), insert() and erase().)
template <class T>
struct LeftUninitialised : std::allocator<T> {
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  }
};
template <class T>
using FilledVector = std::vector<T, LeftUninitialised<T>>;

struct Matches {
  FilledVector<RowId> owned;  // the rows `lists` point into, when gathered here
  PatternRows lists;          // pattern p's rows (into `owned`, or the caller's)
  bool by_row = false;
  FilledVector<uint32_t> row_start, row_patterns;  // a row's patterns in the order met
};

// Whether row -> patterns fits its 32-bit offsets (and its 4 bytes a row are worth
// spending): otherwise the anchor index stands in for it.
bool can_index_by_row(uint64_t rows, uint64_t matches);

// Builds row -> patterns from the lists, serially, when it fits (sets m.by_row).
void index_by_row(Matches& m, uint64_t rows);

// Gathers the matches through the anchor index, per block of rows in parallel; row ->
// patterns only when `by_row` is asked for (and fits).
Matches gather_matches(const WorkTable& table, const std::vector<CodedPattern>& patterns, const AnchorIndex& index,
                       bool by_row);

// The same two forms from rows the caller already has (not copied: `lists` points to them).
// The ranking relies on strictly ascending lists (a batch takes each row once; parallel
// blocks must not share a word of `gone`): should a caller's list be out of order or
// repeat a row, every list is copied sorted and without repeats, which ranks the same.
Matches known_matches(const WorkTable& table, const PatternRows& rows_of, bool by_row);

}  // namespace tsum
