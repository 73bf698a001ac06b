#include "engine/local_expansion.h"

#include <algorithm>
#include <cstring>

#include "engine/candidate.h"
#include "engine/kernels.h"
#include "engine/posting_index.h"
#include "engine/root_candidates.h"
#include "report/progress.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// Below this many (row, column) cells a selection's columns are counted on the calling
// thread: most expansions of a table with many small groups select a handful of rows.
constexpr uint64_t kParallelCells = 1 << 11;

class Expander {
 public:
  Expander(const WorkTable& table, const CostModel& model, const SearchOptions& options)
      : table_(table), model_(model), root_(table, model, options.path), scratch_(table.num_columns()),
        evaluations_(table.num_columns(), 0), postings_(table), alive_(table.rows(), 1) {
    for (size_t c = 0; c < table.num_columns(); ++c) scratch_[c].assign(table.column(c).cardinality() + 1, 0);
  }

  uint64_t evaluations() const {
    uint64_t total = root_.evaluations();
    for (uint64_t e : evaluations_) total += e;
    return total;
  }

  std::vector<CodedPattern> run(ProgressMeter* progress) {
    std::vector<CodedPattern> found;
    uint64_t residue_rows = table_.rows();
    uint64_t residue_weight = table_.table_rows();
    while (residue_rows > 0) {
      std::vector<RowId> matched;
      CodedPattern p = expand(residue_weight, matched);
      if (p.items.empty()) break;
      found.push_back(std::move(p));
      root_.remove(matched);
      for (RowId r : matched) alive_[r] = 0;
      residue_rows -= matched.size();
      residue_weight -= total_weight(table_, matched);
      if (progress) progress->search(found.size(), residue_weight);
    }
    return found;
  }

 private:
  // expand(R, {}) of the spec, R being the rows still alive; `matched` receives the rows
  // of R matching the result.
  CodedPattern expand(uint64_t residue_weight, std::vector<RowId>& matched) {
    CodedPattern p;
    std::vector<bool> used(table_.num_columns(), false);
    double current = model_.empty_saving(residue_weight);
    bool at_root = true;
    for (;;) {
      Candidate best = at_root ? best_at_root(used) : best_in_selection(matched, p.sum_bits, used);
      if (!best.found || !(best.saving > current)) break;
      p.items.push_back(Item{best.column, best.code});
      p.sum_bits = p.sum_bits + model_.bits(best.column, best.code);
      used[best.column] = true;
      current = best.saving;
      matched = at_root ? postings_.live_rows(best.column, best.code, alive_)
                        : filter_equal(table_.column(best.column), RowSet{false, table_.rows(), matched}, best.code);
      at_root = false;
      if (p.items.size() == table_.num_columns()) break;
    }
    return p;
  }

  Candidate best_at_root(const std::vector<bool>& used) {
    std::vector<Candidate> per_column(table_.num_columns());
    for (size_t c = 0; c < table_.num_columns(); ++c) {
      if (!used[c]) per_column[c] = root_.best(c);
    }
    return best_of(per_column);
  }

  Candidate best_in_selection(std::span<const RowId> rows, double base, const std::vector<bool>& used) {
    size_t d = table_.num_columns();
    std::vector<Candidate> per_column(d);
    auto count_column = [&](size_t c) {
      if (!used[c]) per_column[c] = best_in_column(c, rows, base);
    };
    if (rows.size() * d < kParallelCells) {
      if (rows.size() <= kFewCodesMaxRows) prefetch_codes(rows, used);
      for (size_t c = 0; c < d; ++c) count_column(c);
    } else {
      tsum::parallel_for(size_t{0}, d, count_column);
    }
    return best_of(per_column);
  }

  // A handful of rows far apart (most selections on tables of many small groups): every
  // column's code of every row is a cache miss; asking for all of them before counting
  // the first column lets them overlap instead of arriving a column at a time.
  void prefetch_codes(std::span<const RowId> rows, const std::vector<bool>& used) const {
    for (size_t c = 0; c < table_.num_columns(); ++c) {
      if (used[c]) continue;
      table_.column(c).visit_codes([&](const auto* codes) {
        for (RowId r : rows) __builtin_prefetch(&codes[r]);
      });
    }
  }

  // Counts the column's codes over `rows` in its zeroed scratch histogram, finds the
  // best value, and leaves the scratch zeroed again. When the dictionary is much larger
  // than the selection, only the codes that occur are visited.
  Candidate best_in_column(size_t c, std::span<const RowId> rows, double base) {
    const WorkColumn& column = table_.column(c);
    const uint32_t card = column.cardinality();
    if (counts_few_codes(rows.size(), card)) return best_in_few_rows(c, rows, base);
    std::vector<uint64_t>& hist = scratch_[c];
    count_codes(table_, c, rows, hist.data());
    const std::vector<double>& bits = model_.bits(c);
    Candidate best;
    if (card <= rows.size() + 64) {
      best = best_value(model_, static_cast<uint32_t>(c), bits, base, hist.data(), card, &evaluations_[c]);
      std::memset(hist.data(), 0, hist.size() * sizeof(uint64_t));
      return best;
    }
    column.visit_codes([&](const auto* codes) {
      for (RowId r : rows) {
        uint32_t code = codes[r];
        uint64_t n = hist[code];
        if (n == 0) continue;  // already visited
        hist[code] = 0;
        offer(best, c, code, n, base, bits);
      }
    });
    return best;
  }

  // Evaluates (c, code) held by n rows of the selection and keeps it in `best` under the
  // spec's rule, whatever order the codes come in: the greater saving, the lower code on
  // a tie (as a scan in dictionary order would keep the first strict maximum).
  void offer(Candidate& best, size_t c, uint32_t code, uint64_t n, double base, const std::vector<double>& bits) {
    if (code == 0 || n < 2) return;
    ++evaluations_[c];
    double s = model_.saving(base + bits[code], n);
    if (s > best.saving || (s == best.saving && best.found && code < best.code)) {
      best = Candidate{s, static_cast<uint32_t>(c), code, n, true};
    }
  }

  // best_in_column for a handful of rows in a large dictionary (most expansions on tables
  // of many small groups), counted by count_few_codes: the same counts and savings, visited
  // in another order under the same rule, so the same candidate.
  Candidate best_in_few_rows(size_t c, std::span<const RowId> rows, double base) {
    uint32_t codes_seen[kFewCodesMaxRows];
    uint64_t counts[kFewCodesMaxRows];
    const size_t distinct = count_few_codes(table_, c, rows, codes_seen, counts);
    const std::vector<double>& bits = model_.bits(c);
    Candidate best;
    for (size_t j = 0; j < distinct; ++j) offer(best, c, codes_seen[j], counts[j], base, bits);
    return best;
  }

  const WorkTable& table_;
  const CostModel& model_;
  RootCandidates root_;
  std::vector<std::vector<uint64_t>> scratch_;
  std::vector<uint64_t> evaluations_;  // per column, below the root
  PostingIndex postings_;
  std::vector<uint8_t> alive_;  // 1 while the row is in the residue R
};

}  // namespace

std::vector<CodedPattern> local_expansion(const WorkTable& table, const CostModel& model, ProgressMeter* progress,
                                          const SearchOptions& options, SearchCounters* counters) {
  Expander expander(table, model, options);
  std::vector<CodedPattern> found = expander.run(progress);
  if (counters) counters->expand_evaluations += expander.evaluations();
  return found;
}

}  // namespace tsum
