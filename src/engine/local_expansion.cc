#include "engine/local_expansion.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstring>

#include "engine/candidate.h"
#include "engine/kernels.h"

namespace tsum {
namespace {

class Expander {
 public:
  Expander(const WorkTable& table, const CostModel& model) : table_(table), model_(model), root_(table.num_columns()),
        scratch_(table.num_columns()) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      root_[c] = table.column(c).code_counts();
      scratch_[c].assign(table.column(c).cardinality() + 1, 0);
    }
  }

  std::vector<CodedPattern> run() {
    std::vector<CodedPattern> found;
    RowSet residue{true, table_.rows(), {}};
    uint64_t residue_weight = table_.table_rows();
    std::vector<RowId> residue_ids;
    while (residue.size() > 0) {
      std::vector<RowId> matched;
      CodedPattern p = expand(residue, residue_weight, matched);
      if (p.items.empty()) break;
      found.push_back(std::move(p));
      remove_from_root(matched);
      residue_weight -= total_weight(table_, matched);
      residue_ids = subtract_rows(residue, matched);
      residue = RowSet{false, table_.rows(), residue_ids};
    }
    return found;
  }

 private:
  // expand(R, {}) of the spec; `matched` receives the rows of R matching the result.
  CodedPattern expand(const RowSet& residue, uint64_t residue_weight, std::vector<RowId>& matched) {
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
      const WorkColumn& column = table_.column(best.column);
      matched = at_root ? filter_equal(column, residue, best.code)
                        : filter_equal(column, RowSet{false, table_.rows(), matched}, best.code);
      at_root = false;
      if (p.items.size() == table_.num_columns()) break;
    }
    return p;
  }

  Candidate best_at_root(const std::vector<bool>& used) {
    std::vector<Candidate> per_column(table_.num_columns());
    for (size_t c = 0; c < table_.num_columns(); ++c) {
      if (used[c]) continue;
      per_column[c] = best_value(model_, static_cast<uint32_t>(c), model_.bits(c), 0.0, root_[c].data(),
                                 table_.column(c).cardinality());
    }
    return best_of(per_column);
  }

  Candidate best_in_selection(std::span<const RowId> rows, double base, const std::vector<bool>& used) {
    size_t d = table_.num_columns();
    std::vector<Candidate> per_column(d);
    tbb::parallel_for(size_t{0}, d, [&](size_t c) {
      if (!used[c]) per_column[c] = best_in_column(c, rows, base);
    });
    return best_of(per_column);
  }

  // Counts the column's codes over `rows` in its zeroed scratch histogram, finds the
  // best value, and leaves the scratch zeroed again. When the dictionary is much larger
  // than the selection, only the codes that occur are visited.
  Candidate best_in_column(size_t c, std::span<const RowId> rows, double base) {
    const WorkColumn& column = table_.column(c);
    std::vector<uint64_t>& hist = scratch_[c];
    count_codes(table_, c, rows, hist.data());
    const std::vector<double>& bits = model_.bits(c);
    uint32_t card = column.cardinality();
    Candidate best;
    if (card <= 4 * rows.size() + 64) {
      best = best_value(model_, static_cast<uint32_t>(c), bits, base, hist.data(), card);
      std::memset(hist.data(), 0, hist.size() * sizeof(uint64_t));
      return best;
    }
    column.visit_codes([&](const auto* codes) {
      for (RowId r : rows) {
        uint32_t code = codes[r];
        uint64_t n = hist[code];
        if (n == 0) continue;  // already visited
        hist[code] = 0;
        if (code == 0 || n < 2) continue;
        double s = model_.saving(base + bits[code], n);
        if (s > best.saving || (s == best.saving && best.found && code < best.code)) {
          best = Candidate{s, static_cast<uint32_t>(c), code, n, true};
        }
      }
    });
    return best;
  }

  void remove_from_root(std::span<const RowId> rows) {
    tbb::parallel_for(size_t{0}, table_.num_columns(),
                      [&](size_t c) { uncount_codes(table_, c, rows, root_[c].data()); });
  }

  const WorkTable& table_;
  const CostModel& model_;
  std::vector<std::vector<uint64_t>> root_;
  std::vector<std::vector<uint64_t>> scratch_;
};

}  // namespace

std::vector<CodedPattern> local_expansion(const WorkTable& table, const CostModel& model) {
  return Expander(table, model).run();
}

}  // namespace tsum
