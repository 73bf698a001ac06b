// RootCandidates: the residue's histogram of every column ("root histograms": N_R of each
// single (column, value) pair) and each column's best single pair, the spec's candidates
// at the root of an expansion.
//
// Counts only decrease, and only for the values of rows leaving the residue. In
// incremental mode each column keeps a FirstMaxTree over its codes whose key is the
// pair's saving (CostModel::saving(0.0 + bits, N), kept only when N >= 2 and the saving
// is > 0, as the spec's loop keeps it); remove() re-evaluates exactly the codes whose
// counts changed, once each, and best() reads the tree's winner: the first strict maximum
// in dictionary order, found without visiting the column's other values.
//
// Stale keys: a pair's saving (N - 1) * bits - overhead(N) never grows as N falls when its
// bits are at least twice the largest step of overhead (CostModel::max_overhead_step;
// every paper column of non-empty values). In such a column a removal only lowers the
// counts and leaves the keys stale, each then an upper bound of the true saving; best()
// recomputes the winner's key and, while it was stale, corrects it and asks again. A
// winner whose stored key is its true saving is the true first strict maximum (every other
// code's true saving is at most its stored key, and a lower code with the same true
// saving would have won the tree). So a removal costs its decrements, and only codes that
// come to the top are re-evaluated, instead of one tree path per changed code (most of the
// search's time on tables of many small groups, each path a few cache misses). Other
// columns update every changed code's key at once, as below.
//
// The tree is built lazily, at the first removal of few rows relative to the column's
// dictionary; after a removal of many rows (more than 1/16 of the codes) the column falls
// back to scanning until the next small removal rebuilds it. So a column pays at most
// O(codes) per large removal (O(rows removed)) and O(log codes) per changed code
// otherwise: never asymptotically more than the plain scan, and on tables of many small
// groups one evaluation per code plus at most one per (removed row, column) over the whole
// search, instead of one per (pattern, code). A column in which no value is held by two
// rows when its tree would be built (an identifier) gets none: it never has a candidate
// again, and removals only lower its counts.
//
// Count buckets: in a column with stale keys whose values all have the same bits (every
// column under paper), a pair's saving depends on its count alone. When that saving rises
// strictly with the count over the counts the column holds (checked on the doubles) and
// those span at most kMaxBuckets values, the column files its codes by count instead of
// in a tree (engine/count_buckets.h). A removal only lowers the counts, as with stale
// keys: a code stays filed at a count at least its own. best() takes the lowest code of
// the highest nonempty bucket; if its count is lower than its bucket's, it is refiled
// (O(1), where the tree's correction was a path of cache misses) and best() asks again.
// A code whose count is its bucket's is the first strict maximum: a code of a higher
// count would sit in a higher bucket, and a lower code of the same count in the same one.
// On tables of many small groups (counts of a few dozen at most) this replaces most of
// the search's tree paths.
//
// SearchPath::kIncremental keeps every tree up to date whatever the removal (so that tests
// exercise the trees on small tables). In plain mode best() always scans every code (candidate.h's best_value), the spec's
// loop literally: the reference the trees are tested against.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/candidate.h"
#include "engine/cost_model.h"
#include "engine/count_buckets.h"
#include "engine/first_max_tree.h"
#include "engine/kernels.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {
class RowMajorCodes;
}

namespace tsum {

class RootCandidates {
 public:
  // Every row of `table` starts in the residue. Runs in the caller's TBB arena.
  RootCandidates(const WorkTable& table, const CostModel& model, SearchPath path);

  // The best single pair of `column` on the residue (not found when no value saves > 0).
  Candidate best(size_t column);
  // Weighted rows of the residue holding each code of `column` (index 0: NULL).
  const std::vector<uint64_t>& counts(size_t column) const { return columns_[column].counts; }
  // Subtracts `rows` (rows of the residue, each once) from every column's counts.
  void remove(std::span<const RowId> rows);
  // remove(rows), then every column's best(), returned by column: each column's two steps
  // are one task, and `beside` (work of the caller's that touches no column) one more, run
  // side by side when the removal is large enough to share. The same counts, candidates
  // and evaluations as remove() and then best() column by column.
  std::vector<Candidate> remove_then_best(std::span<const RowId> rows, const std::function<void()>& beside);
  // Savings computed so far (build, updates and scans).
  uint64_t evaluations() const;
  // Whether `column` files its codes in count buckets.
  bool uses_buckets(size_t column) const { return columns_[column].bucketed; }
  // Whether no column's pair saving can grow as its counts fall (every column keeps stale
  // keys, or holds no value of two rows): removals then never raise a column's best.
  bool savings_only_fall() const;
  // Under count buckets: up to `limit` codes of `column` above `code` held by exactly
  // `count` rows of the residue, ascending. Reads only.
  std::vector<uint32_t> codes_at_count_after(size_t column, uint32_t code, uint64_t count, size_t limit) const;

 private:
  struct PerColumn {
    std::vector<uint64_t> counts;
    FirstMaxTree tree;               // incremental mode: keys indexed by code
    bool tree_valid = false;         // else best() scans the counts
    bool stale_keys = false;         // keys may be upper bounds (see the header)
    bool exhausted = false;          // no value held by two rows: never a candidate again
    bool bucketed = false;           // `buckets` holds the codes by count (see the header)
    CountBuckets buckets;
    std::vector<uint8_t> dirty;      // per code, while remove() collects changed codes
    std::vector<uint32_t> changed;
    uint64_t evaluations = 0;
  };
  double key(size_t column, uint32_t code) const;
  // A uniform column's pair saving at count n (key() of any of its codes held n times).
  double key_of_count(size_t column, uint64_t n) const;
  bool savings_never_grow_as_counts_fall(size_t column) const;
  void build_tree(size_t column);
  bool build_buckets(size_t column);
  // Takes rows out of one column; a column `row_major` holds was counted down already
  // (subtract_row_major), and its removed codes are read there.
  void remove_from_column(size_t column, std::span<const RowId> rows, const RowMajorCodes* row_major);
  // The rows out of the counts of every column the table's row-major codes hold, at once,
  // when they suit the removal (engine/row_major_codes.h); returns them, or null.
  const RowMajorCodes* subtract_row_major(std::span<const RowId> rows);

  const WorkTable& table_;
  const CostModel& model_;
  bool incremental_;  // not kPlain
  bool adaptive_;     // kAdaptive: large removals switch a column to scans
  std::vector<PerColumn> columns_;
};

}  // namespace tsum
