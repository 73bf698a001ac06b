#include "engine/root_candidates.h"

#include <algorithm>

#include "engine/row_major_codes.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// Below this many (row, column) updates a removal runs on the calling thread: handing
// a few dozen decrements to another thread costs more than doing them.
constexpr uint64_t kParallelCells = 1 << 11;
// Removals of at most this many rows find repeated codes by scanning the changed list.
constexpr size_t kFewRows = 32;
// A removal of more than (codes of the column) / kLargeRemoval rows leaves the column to
// plain scans until the next smaller removal (a tree path costs a few comparisons per
// level, a scan one evaluation per code).
constexpr size_t kLargeRemoval = 16;
// Count buckets for at most this many distinct counts: (counts) x codes / 8 bytes, at most
// the tree's 32 bytes per code.
constexpr uint64_t kMaxBuckets = 256;

}  // namespace

RootCandidates::RootCandidates(const WorkTable& table, const CostModel& model, SearchPath path)
    : table_(table),
      model_(model),
      incremental_(path != SearchPath::kPlain),
      adaptive_(path == SearchPath::kAdaptive),
      columns_(table.num_columns()) {
  tsum::parallel_for(size_t{0}, table.num_columns(), [&](size_t c) {
    PerColumn& col = columns_[c];
    col.counts = table.column(c).code_counts();
    col.stale_keys = incremental_ && savings_never_grow_as_counts_fall(c);
    if (incremental_ && !col.stale_keys) col.dirty.assign(col.counts.size(), 0);
    if (path == SearchPath::kIncremental) build_tree(c);  // else built at the first small removal
  });
}

// Whether every value of the column has bits >= 2 x the largest step of overhead(N): then
// (N - 1) * bits - overhead(N) falls with N by at least bits / 2 per step, far more than
// the rounding of the product, and rounding is monotonic, so the computed doubles never
// grow as N falls.
bool RootCandidates::savings_never_grow_as_counts_fall(size_t column) const {
  const double floor = 2.0 * model_.max_overhead_step();
  const std::vector<double>& bits = model_.bits(column);
  for (size_t code = 1; code < bits.size(); ++code) {
    if (!(bits[code] >= floor)) return false;
    if (model_.uniform(column)) break;
  }
  return true;
}

// The spec's loop keeps a pair only when its saving beats the running best, which starts
// at 0; values held by fewer than two rows are skipped before any saving is computed.
double RootCandidates::key(size_t column, uint32_t code) const {
  uint64_t n = columns_[column].counts[code];
  if (code == 0 || n < 2) return FirstMaxTree::kNone;
  // Uniform columns (every value has the same bits) read bits[1]: the same double, and
  // one random access fewer on a large dictionary.
  double bits = model_.bits(column, model_.uniform(column) ? 1 : code);
  double s = model_.saving(0.0 + bits, n);
  return s > 0 ? s : FirstMaxTree::kNone;
}

double RootCandidates::key_of_count(size_t column, uint64_t n) const {
  return model_.saving(0.0 + model_.bits(column, 1), n);
}

void RootCandidates::build_tree(size_t column) {
  PerColumn& col = columns_[column];
  // No value held by two rows (an identifier): counts only fall, so none ever will be,
  // and the column needs no tree (32 bytes per code) and no more updates.
  if (std::none_of(col.counts.begin() + 1, col.counts.end(), [](uint64_t n) { return n >= 2; })) {
    col.exhausted = true;
    col.tree = FirstMaxTree();
    col.dirty = {};
    return;
  }
  if (build_buckets(column)) return;
  std::vector<double> keys(col.counts.size());
  for (uint32_t code = 0; code < keys.size(); ++code) {
    keys[code] = key(column, code);
    if (code != 0 && col.counts[code] >= 2) ++col.evaluations;
  }
  col.tree.reset(keys.size());
  col.tree.assign(keys);
  col.tree_valid = true;
}

// Whether the column's pair saving is a strictly rising function of its count over the
// counts it holds (then one key per count), and if so files its codes in buckets.
bool RootCandidates::build_buckets(size_t column) {
  PerColumn& col = columns_[column];
  if (!col.stale_keys || !model_.uniform(column) || col.counts.size() < 2) return false;
  const uint64_t most = *std::max_element(col.counts.begin() + 1, col.counts.end());
  // The least count >= 2 whose saving is > 0 (key() keeps no other); savings rise with N.
  // Strictness follows from the stale-key premise (root_candidates_test checks it on the
  // doubles); it is checked here on the counts at hand too, each saving computed once.
  uint64_t least = 2;
  double saving = key_of_count(column, least);
  ++col.evaluations;
  while (least <= most && !(saving > 0)) {
    if (++least - 2 > kMaxBuckets) return false;
    saving = key_of_count(column, least);
    ++col.evaluations;
  }
  if (least <= most && most - least + 1 > kMaxBuckets) return false;
  for (uint64_t n = least; n < most; ++n) {
    const double next = key_of_count(column, n + 1);
    ++col.evaluations;
    if (!(saving < next)) return false;
    saving = next;
  }
  col.buckets.build(col.counts, least, most);
  col.bucketed = true;
  col.tree = FirstMaxTree();
  col.tree_valid = false;
  return true;
}

Candidate RootCandidates::best(size_t column) {
  PerColumn& col = columns_[column];
  const uint32_t c = static_cast<uint32_t>(column);
  if (col.exhausted) return Candidate{};
  if (col.bucketed) {
    const auto [code, n] = col.buckets.top_refiling(col.counts);  // refiles codes filed too high
    if (code == CountBuckets::kNoCode) return Candidate{};
    ++col.evaluations;
    return Candidate{key_of_count(column, n), c, code, n, true};
  }
  if (!col.tree_valid) {
    return best_value(model_, c, model_.bits(column), 0.0, col.counts.data(), table_.column(column).cardinality(),
                      &col.evaluations);
  }
  for (;;) {
    const uint32_t code = col.tree.top();
    if (code == FirstMaxTree::kNoIndex) return Candidate{};
    if (!col.stale_keys) return Candidate{col.tree.key(code), c, code, col.counts[code], true};
    const double now = key(column, code);
    if (col.counts[code] >= 2) ++col.evaluations;
    if (now == col.tree.key(code)) return Candidate{now, c, code, col.counts[code], true};
    col.tree.set(code, now);  // was stale: an upper bound; ask again
  }
}

bool RootCandidates::savings_only_fall() const {
  return std::all_of(columns_.begin(), columns_.end(), [](const PerColumn& col) { return col.stale_keys || col.exhausted; });
}

std::vector<uint32_t> RootCandidates::codes_at_count_after(size_t column, uint32_t code, uint64_t count,
                                                           size_t limit) const {
  const PerColumn& col = columns_[column];
  std::vector<uint32_t> out;
  if (!col.bucketed) return out;
  // Codes filed at `count` whose count has since fallen are skipped (best() refiles them).
  for (uint32_t at = col.buckets.next_filed(count, code); at != CountBuckets::kNoCode && out.size() < limit;
       at = col.buckets.next_filed(count, at)) {
    if (col.counts[at] == count) out.push_back(at);
  }
  return out;
}

const RowMajorCodes* RootCandidates::subtract_row_major(std::span<const RowId> rows) {
  const RowMajorCodes* row_major = table_.row_major(rows.size());
  if (!row_major) return nullptr;
  std::vector<RowMajorCodes::Target> targets;
  for (size_t c = 0; c < table_.num_columns(); ++c)
    if (row_major->holds(c)) targets.push_back({row_major->place(c), columns_[c].counts.data()});
  row_major->subtract(rows, targets, table_.weights_or_null(), rows.size() * targets.size() >= kParallelCells);
  return row_major;
}

void RootCandidates::remove(std::span<const RowId> rows) {
  const size_t d = table_.num_columns();
  const RowMajorCodes* row_major = subtract_row_major(rows);
  if (rows.size() * d < kParallelCells) {
    for (size_t c = 0; c < d; ++c) remove_from_column(c, rows, row_major);
  } else {
    tsum::parallel_for(size_t{0}, d, [&](size_t c) { remove_from_column(c, rows, row_major); });
  }
}

std::vector<Candidate> RootCandidates::remove_then_best(std::span<const RowId> rows,
                                                        const std::function<void()>& beside) {
  const size_t d = table_.num_columns();
  std::vector<Candidate> best_of_column(d);
  const RowMajorCodes* row_major = subtract_row_major(rows);
  auto task = [&](size_t c) {
    if (c == d) {
      beside();
      return;
    }
    remove_from_column(c, rows, row_major);
    best_of_column[c] = best(c);
  };
  if (rows.size() * d < kParallelCells) {
    for (size_t c = 0; c <= d; ++c) task(c);
  } else {
    tsum::parallel_for(size_t{0}, d + 1, task);
  }
  return best_of_column;
}

void RootCandidates::remove_from_column(size_t column, std::span<const RowId> rows, const RowMajorCodes* row_major) {
  PerColumn& col = columns_[column];
  uint64_t* counts = col.counts.data();
  // A large removal may change a good share of the column's codes: updating them one
  // path at a time would cost more than the plain scan, so the column scans (best() uses
  // best_value) until a small removal rebuilds its tree. Either way the work per removal
  // is O(rows removed x kLargeRemoval).
  const bool large = adaptive_ && rows.size() * kLargeRemoval > col.counts.size();
  const bool update = incremental_ && col.tree_valid && !large;
  // A few rows (the common case on tables of many small groups): their codes are told
  // apart by a scan of the short list, which spares a random access to `dirty` per row.
  const bool few = rows.size() <= kFewRows;
  // The counting kernel's decrement (batched for small dictionaries); the changed codes
  // are gathered in a second pass, only when the tree is to be updated.
  // (Columns row_major holds were counted down already, all at once.)
  const bool counted = row_major && row_major->holds(column);
  if (!counted) uncount_codes(table_, column, rows, counts);
  if (col.exhausted || col.bucketed) return;  // buckets: codes stay filed too high (see the header)
  if (col.stale_keys) {
    // The keys become upper bounds (see the header): nothing to update. Large removals
    // and the tree's first build as below.
    if (large) col.tree_valid = false;
    else if (!col.tree_valid) build_tree(column);
    return;
  }
  if (update) {
    auto note = [&](uint32_t code) {
      if (few) {
        if (std::find(col.changed.begin(), col.changed.end(), code) == col.changed.end()) col.changed.push_back(code);
      } else if (!col.dirty[code]) {
        col.dirty[code] = 1;
        col.changed.push_back(code);
      }
    };
    if (counted) {
      const uint32_t place = row_major->place(column);
      for (RowId r : rows) note(row_major->code(r, place));
    } else {
      table_.column(column).visit_codes([&](const auto* codes) {
        for (RowId r : rows) note(codes[r]);
      });
    }
  }
  if (!incremental_) return;
  if (large) {
    col.tree_valid = false;
    return;
  }
  if (!col.tree_valid) {
    build_tree(column);
    return;
  }
  if (!few)
    for (uint32_t code : col.changed) col.dirty[code] = 0;
  for (uint32_t code : col.changed) {
    // A value whose count was already below 2 stays below 2: its key stays kNone.
    if (col.tree.key(code) == FirstMaxTree::kNone && counts[code] < 2) continue;
    if (code != 0 && counts[code] >= 2) ++col.evaluations;
    col.tree.set(code, key(column, code));
  }
  col.changed.clear();
}

uint64_t RootCandidates::evaluations() const {
  uint64_t total = 0;
  for (const PerColumn& col : columns_) total += col.evaluations;
  return total;
}

}  // namespace tsum
