#include "engine/local_expansion.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>

#include "engine/candidate.h"
#include "engine/kernels.h"
#include "engine/histogram_slots.h"
#include "engine/posting_index.h"
#include "engine/root_candidates.h"
#include "engine/row_bits.h"
#include "engine/row_major_codes.h"
#include "report/progress.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// Below this many (row, column) cells a selection's columns are counted on the calling
// thread: most expansions of a table with many small groups select a handful of rows.
constexpr uint64_t kParallelCells = 1 << 11;

// Batches of expansions (see Expander::run): only for root pairs of at most
// kBatchMaxCount (weighted) rows, whose expansions are short; at most kBatchMax
// expansions ahead. A batch is shared out between threads when it holds at least
// kParallelBatchCells (row, column) cells to count (less is not worth a hand-off; under
// SearchPath::kIncremental always, so that tests meet threads on small tables), each
// thread taking kChunksPerThread chunks, so that a late thread delays it little.
constexpr uint64_t kBatchMaxCount = 256;
constexpr uint64_t kParallelBatchCells = 1 << 12;
constexpr size_t kBatchMax = 4096;
constexpr size_t kChunksPerThread = 4;
// In a batch, a column of more codes than this counts a selection by sorting its codes
// (a histogram per code costs each thread one the size of the dictionary).
constexpr uint32_t kBatchHistogramCodes = 1 << 16;

// One pattern's expansion: the pattern, the rows of the residue it matches, and the
// savings computed below its root pair.
struct Expansion {
  CodedPattern pattern;
  std::vector<RowId> matched;
  uint64_t evaluations = 0;
};

class Expander {
 public:
  Expander(const WorkTable& table, const CostModel& model, const SearchOptions& options)
      : table_(table),
        model_(model),
        root_(table, model, options.path),
        column_hist_(table.num_columns()),
        postings_(table),
        alive_(table.rows()),
        threads_(static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()))),
        parallel_batch_cells_(options.path == SearchPath::kIncremental ? 0 : kParallelBatchCells),
        slots_(threads_) {}

  uint64_t evaluations() const { return root_.evaluations() + below_root_evaluations_; }
  uint64_t expansions_in_batches() const { return expansions_in_batches_; }

  // The spec's loop: expand from the root on the residue R until R is empty or the best
  // root pair saves nothing.
  //
  // Batches: say the root's pick is (c, v) held by n rows, in a column whose codes sit in
  // count buckets (its pair saving rises strictly with the count alone), in a table where
  // no column's saving can grow as its counts fall (RootCandidates::savings_only_fall).
  // Every row the resulting pattern removes holds v in c, so the removal changes no other
  // code's count in c, and other columns' counts, hence their best savings, only fall. So
  // the next picks are the codes of c above v held by exactly n rows, in code order, until
  // they run out: each still has the highest saving, and beats every other column's best
  // as v did. (Where another column's saving can rise, a removal may lift it above them:
  // local_expansion_test has such a table.) Their rows are disjoint
  // from the rows the earlier ones remove, so each one's expansion below the root (its
  // live rows, then the spec's loop on them) is the same computed now or in its turn.
  // They are computed as one batch, side by side on several threads, taken in order while
  // the root pair still saves more than the empty pattern on the shrinking residue, and
  // their rows leave the root histograms in one removal. The root is asked again only
  // after the batch. The batches do not depend on the threads, so neither do the counts.
  std::vector<CodedPattern> run(ProgressMeter* progress) {
    std::vector<CodedPattern> found;
    while (residue_rows_ > 0) {
      const Candidate root = best_at_root();
      if (!saves(root)) break;
      std::vector<uint32_t> codes = batch_after(root);
      if (codes.empty()) {
        Expansion e = expand_below(root, nullptr);
        take(e, found, progress);
        remove_rows(e.matched, residue_rows_ > 0);
        continue;
      }
      codes.insert(codes.begin(), root.code);
      if (!take_batch(root, expand_batch(root, codes), found, progress)) break;
    }
    return found;
  }

 private:
  Candidate best_at_root() {
    std::vector<Candidate> per_column = std::move(picks_);
    picks_.clear();
    if (per_column.empty()) {
      per_column.resize(table_.num_columns());
      for (size_t c = 0; c < table_.num_columns(); ++c) per_column[c] = root_.best(c);
    }
    return best_of(per_column);
  }

  // Takes rows out of the residue: out of the root histograms and the row flags. When the
  // search goes on (`next`), each column's best is found in the same task as its removal,
  // and the root's next pick reads them (between batches, the picks were the calling
  // thread's alone, and the flags were cleared after the removal, not beside it).
  void remove_rows(std::span<const RowId> rows, bool next) {
    auto clear_flags = [this, rows] {
      for (RowId r : rows) alive_.erase(r);
    };
    if (next) {
      picks_ = root_.remove_then_best(rows, clear_flags);
    } else {
      root_.remove(rows);
      clear_flags();
    }
  }

  // The spec's test that ends the search: the root's best pair saves more than the empty
  // pattern on the residue.
  bool saves(const Candidate& root) const {
    return root.found && root.saving > model_.empty_saving(residue_weight_);
  }

  // The picks after `root` when they make a batch (see run()), else none.
  std::vector<uint32_t> batch_after(const Candidate& root) const {
    if (root.count > kBatchMaxCount || !root_.uses_buckets(root.column) || !root_.savings_only_fall()) return {};
    return root_.codes_at_count_after(root.column, root.code, root.count, kBatchMax - 1);
  }

  // Books an expansion's pattern, its rows and its evaluations (the root histograms and
  // row flags are the caller's to update).
  void take(Expansion& e, std::vector<CodedPattern>& found, ProgressMeter* progress) {
    below_root_evaluations_ += e.evaluations;
    residue_rows_ -= e.matched.size();
    residue_weight_ -= total_weight(table_, e.matched);
    found.push_back(std::move(e.pattern));
    if (progress) progress->search(found.size(), residue_weight_);
  }

  // Takes a batch's expansions in order while the root pair saves, then removes their
  // rows; false when the search ends within the batch. (It cannot today: batches form
  // under paper, tsum-dask and tsum-js only, where a root candidate saves more than 0 and
  // the empty pattern less, its saving being -overhead(n) and overhead(n) > 0 for every
  // n, which cost_model_test checks. The spec's test stays, should either change.)
  bool take_batch(const Candidate& root, std::vector<Expansion> batch, std::vector<CodedPattern>& found,
                  ProgressMeter* progress) {
    size_t taken = 0, rows = 0;
    for (Expansion& e : batch) {
      if (taken > 0 && !saves(root)) break;
      rows += e.matched.size();
      take(e, found, progress);
      ++taken;
    }
    expansions_in_batches_ += taken;
    std::vector<RowId> gone;
    gone.reserve(rows);
    for (size_t i = 0; i < taken; ++i) gone.insert(gone.end(), batch[i].matched.begin(), batch[i].matched.end());
    remove_rows(gone, taken == batch.size() && residue_rows_ > 0);
    return taken == batch.size();
  }

  // The expansions from (root.column, code) for every code of `codes`, side by side when
  // they are worth it.
  std::vector<Expansion> expand_batch(const Candidate& root, const std::vector<uint32_t>& codes) {
    const size_t m = codes.size();
    std::vector<Expansion> out(m);
    Candidate pick = root;
    if (threads_ == 1 || m * root.count * table_.num_columns() < parallel_batch_cells_) {
      for (size_t i = 0; i < m; ++i) {
        pick.code = codes[i];
        out[i] = expand_below(pick, nullptr);
      }
      return out;
    }
    const size_t chunks = std::min(m, kChunksPerThread * threads_);
    postings_.prepare(root.column);
    tsum::parallel_for(size_t{0}, chunks, [&](size_t k) {
      const size_t slot = slots_.claim();
      std::vector<uint64_t> own;
      std::vector<uint64_t>* hist = slot == HistogramSlots::kNoSlot ? &own : &slots_.at(slot);
      for (size_t i = k * m / chunks; i < (k + 1) * m / chunks; ++i) {
        Candidate pick = root;
        pick.code = codes[i];
        out[i] = expand_below(pick, hist);
      }
      if (slot != HistogramSlots::kNoSlot) slots_.release(slot);
    });
    return out;
  }

  // The spec's expand(R, {}) once the root pair is chosen: the rows of R holding it, then
  // the best pair of the other columns on the selection while it saves more. Touches only
  // the result and `hist`, and reads alive_: safe side by side with other calls on
  // distinct root pairs of one column, each with its own `hist`, and starts no parallel
  // work. Without `hist` (the calling thread) the columns' histograms, and threads for a
  // long posting list and for the columns of a large selection.
  Expansion expand_below(const Candidate& root, std::vector<uint64_t>* hist) {
    Expansion e;
    CodedPattern& p = e.pattern;
    const size_t d = table_.num_columns();
    std::vector<bool> used(d, false);
    p.items.push_back(Item{root.column, root.code});
    p.sum_bits = p.sum_bits + model_.bits(root.column, root.code);
    used[root.column] = true;
    double current = root.saving;
    e.matched = postings_.live_rows(root.column, root.code, alive_, hist == nullptr);
    while (p.items.size() < d) {
      const Candidate best = best_in_selection(e.matched, p.sum_bits, used, hist, e.evaluations);
      if (!best.found || !(best.saving > current)) break;
      p.items.push_back(Item{best.column, best.code});
      p.sum_bits = p.sum_bits + model_.bits(best.column, best.code);
      used[best.column] = true;
      current = best.saving;
      e.matched = filter_equal(table_.column(best.column), RowSet{false, table_.rows(), e.matched}, best.code);
    }
    return e;
  }

  Candidate best_in_selection(std::span<const RowId> rows, double base, const std::vector<bool>& used,
                              std::vector<uint64_t>* hist, uint64_t& evaluations) {
    const size_t d = table_.num_columns();
    std::vector<Candidate> per_column(d);
    std::vector<uint64_t> column_evaluations(d, 0);
    // On the calling thread, a wide table's small-dictionary columns are counted row by
    // row, all at once, when that pays (engine/row_major_codes.h), then scored from their
    // histograms; a batch's expansions (`hist`) count column by column.
    const RowMajorCodes* row_major = hist ? nullptr : table_.row_major(rows.size());
    uint64_t cells = 0;
    if (row_major) {
      std::vector<RowMajorCodes::Target> targets;
      for (size_t c = 0; c < d; ++c) {
        if (used[c] || !row_major->holds(c)) continue;
        std::vector<uint64_t>& counts = column_hist_[c];
        if (counts.size() < table_.column(c).cardinality() + size_t{1})
          counts.resize(table_.column(c).cardinality() + size_t{1}, 0);
        targets.push_back({row_major->place(c), counts.data()});
        cells += table_.column(c).cardinality();
      }
      row_major->add(rows, targets, table_.weights_or_null(), rows.size() * targets.size() >= kParallelCells);
    }
    auto counted = [&](size_t c) { return row_major && row_major->holds(c); };
    for (size_t c = 0; c < d; ++c)
      if (!used[c] && !counted(c)) cells += rows.size();
    auto count_column = [&](size_t c) {
      if (used[c]) return;
      per_column[c] = counted(c) ? best_in_counted(c, rows, base, *row_major, column_evaluations[c])
                                 : best_in_column(c, rows, base, hist, column_evaluations[c]);
    };
    if (hist || cells < kParallelCells) {
      if (rows.size() <= kFewCodesMaxRows) prefetch_codes(rows, used, row_major);
      for (size_t c = 0; c < d; ++c) count_column(c);
    } else {
      tsum::parallel_for(size_t{0}, d, count_column);
    }
    for (uint64_t n : column_evaluations) evaluations += n;
    return best_of(per_column);
  }

  // best_in_column for a column whose histogram of the selection `row_major` has counted
  // (column_hist_[c]): the same candidate; leaves the histogram zeroed.
  Candidate best_in_counted(size_t c, std::span<const RowId> rows, double base, const RowMajorCodes& row_major,
                            uint64_t& evaluations) {
    const uint32_t place = row_major.place(c);
    return best_in_counts(c, rows, base, column_hist_[c].data(),
                          [&](RowId r) { return row_major.code(r, place); }, evaluations);
  }

  // The best value of column c from `hist`, its counts over `rows`, leaving it zeroed:
  // every code when the dictionary is not much larger than the selection, else only the
  // codes the rows hold (code_of(r): row r's), ties to the lowest code as a scan would.
  template <class CodeOf>
  Candidate best_in_counts(size_t c, std::span<const RowId> rows, double base, uint64_t* hist,
                           const CodeOf& code_of, uint64_t& evaluations) const {
    const uint32_t card = table_.column(c).cardinality();
    const std::vector<double>& bits = model_.bits(c);
    Candidate best;
    if (card <= rows.size() + 64) {
      best = best_value(model_, static_cast<uint32_t>(c), bits, base, hist, card, &evaluations);
      std::memset(hist, 0, (card + 1) * sizeof(uint64_t));
      return best;
    }
    for (RowId r : rows) {
      const uint32_t code = code_of(r);
      const uint64_t n = hist[code];
      if (n == 0) continue;  // already visited
      hist[code] = 0;
      offer(best, c, code, n, base, bits, evaluations);
    }
    return best;
  }

  // A handful of rows far apart (most selections on tables of many small groups): every
  // column's code of every row is a cache miss; asking for all of them before counting
  // the first column lets them overlap instead of arriving a column at a time. (Columns
  // counted row by row are done already.)
  void prefetch_codes(std::span<const RowId> rows, const std::vector<bool>& used,
                      const RowMajorCodes* row_major) const {
    for (size_t c = 0; c < table_.num_columns(); ++c) {
      if (used[c] || (row_major && row_major->holds(c))) continue;
      table_.column(c).visit_codes([&](const auto* codes) {
        for (RowId r : rows) __builtin_prefetch(&codes[r]);
      });
    }
  }

  // Counts the column's codes over `rows` in its zeroed histogram, finds the best value,
  // and leaves the histogram zeroed again. When the dictionary is much larger than the
  // selection, only the codes that occur are visited.
  Candidate best_in_column(size_t c, std::span<const RowId> rows, double base, std::vector<uint64_t>* slot_hist,
                           uint64_t& evaluations) {
    const WorkColumn& column = table_.column(c);
    const uint32_t card = column.cardinality();
    if (counts_few_codes(rows.size(), card)) return best_in_few_rows(c, rows, base, evaluations);
    if (slot_hist && card > kBatchHistogramCodes) return best_in_sorted_rows(c, rows, base, evaluations);
    std::vector<uint64_t>& hist = slot_hist ? *slot_hist : column_hist_[c];
    if (hist.size() < card + 1) hist.resize(card + 1, 0);
    count_codes(table_, c, rows, hist.data());
    return column.visit_codes([&](const auto* codes) {
      return best_in_counts(c, rows, base, hist.data(), [codes](RowId r) { return static_cast<uint32_t>(codes[r]); },
                            evaluations);
    });
  }

  // best_in_column for a batch's selection (at most kBatchMaxCount rows) in a large
  // dictionary: the rows' codes sorted, each run one value with its weighted count.
  Candidate best_in_sorted_rows(size_t c, std::span<const RowId> rows, double base, uint64_t& evaluations) const {
    std::pair<uint32_t, uint64_t> coded[kBatchMaxCount];  // (code, weight); filled before read
    const size_t n = rows.size();
    table_.column(c).visit_codes([&](const auto* codes) {
      for (size_t i = 0; i < n; ++i) coded[i] = {codes[rows[i]], table_.weight(rows[i])};
    });
    std::sort(coded, coded + n, [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::vector<double>& bits = model_.bits(c);
    Candidate best;
    for (size_t i = 0; i < n;) {
      const uint32_t code = coded[i].first;
      uint64_t count = 0;
      for (; i < n && coded[i].first == code; ++i) count += coded[i].second;
      offer(best, c, code, count, base, bits, evaluations);
    }
    return best;
  }

  // Evaluates (c, code) held by n rows of the selection and keeps it in `best` under the
  // spec's rule, whatever order the codes come in: the greater saving, the lower code on
  // a tie (as a scan in dictionary order would keep the first strict maximum).
  void offer(Candidate& best, size_t c, uint32_t code, uint64_t n, double base, const std::vector<double>& bits,
             uint64_t& evaluations) const {
    if (code == 0 || n < 2) return;
    ++evaluations;
    double s = model_.saving(base + bits[code], n);
    if (s > best.saving || (s == best.saving && best.found && code < best.code)) {
      best = Candidate{s, static_cast<uint32_t>(c), code, n, true};
    }
  }

  // best_in_column for a handful of rows in a large dictionary (most expansions on tables
  // of many small groups), counted by count_few_codes: the same counts and savings, visited
  // in another order under the same rule, so the same candidate.
  Candidate best_in_few_rows(size_t c, std::span<const RowId> rows, double base, uint64_t& evaluations) const {
    uint32_t codes_seen[kFewCodesMaxRows];
    uint64_t counts[kFewCodesMaxRows];
    const size_t distinct = count_few_codes(table_, c, rows, codes_seen, counts);
    const std::vector<double>& bits = model_.bits(c);
    Candidate best;
    for (size_t j = 0; j < distinct; ++j) offer(best, c, codes_seen[j], counts[j], base, bits, evaluations);
    return best;
  }

  const WorkTable& table_;
  const CostModel& model_;
  RootCandidates root_;
  // Zeroed histograms indexed by code, reused and left zeroed: per column for the calling
  // thread, whose selections may count their columns in parallel.
  std::vector<std::vector<uint64_t>> column_hist_;
  PostingIndex postings_;
  RowBits alive_;  // the residue R
  const size_t threads_;
  const uint64_t parallel_batch_cells_;
  uint64_t residue_rows_ = table_.rows();
  uint64_t residue_weight_ = table_.table_rows();
  uint64_t below_root_evaluations_ = 0;
  // The batches' chunks' histograms (each counts its columns one after the other), one
  // slot per thread of the arena. A chunk starts no parallel work, so a thread runs one
  // chunk at a time and a slot is always free; should that ever change, a chunk that
  // finds none counts into a histogram of its own.
  HistogramSlots slots_;
  std::vector<Candidate> picks_;  // each column's best on the residue, when remove_rows found them
  uint64_t expansions_in_batches_ = 0;
};

}  // namespace

std::vector<CodedPattern> local_expansion(const WorkTable& table, const CostModel& model, ProgressMeter* progress,
                                          const SearchOptions& options, SearchCounters* counters) {
  Expander expander(table, model, options);
  std::vector<CodedPattern> found = expander.run(progress);
  if (counters) {
    counters->expand_evaluations += expander.evaluations();
    counters->expansions_in_batches += expander.expansions_in_batches();
  }
  return found;
}

}  // namespace tsum
