// Residue: the rows R not yet covered by a pattern, and the scoring of one-item
// extensions of a pattern on R, for the searches other than the spec's own local
// expansion (engine/local_expansion.cc keeps its own, tuned copy of this state).
//
// Contract: every count is a weighted count of rows of R (WorkTable weights); every
// saving is CostModel::saving(sum_bits, N, |R|, size), with sum_bits the pattern's
// left-to-right sum in the order its items were added. extensions() lists candidates
// in table column order, then dictionary (code) order: the order in which the spec's
// loops meet them, so "first strict maximum" over its result is the spec's tie-break.
// Counting is parallel over columns with integer results: thread count never matters.
// (On a wide table, sparse selections are counted row by row: engine/row_major_codes.h.)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/candidate.h"
#include "engine/cost_model.h"
#include "engine/entropy_coder.h"
#include "engine/kernels.h"
#include "engine/pair_counts.h"
#include "engine/pattern.h"
#include "engine/posting_index.h"
#include "engine/row_bits.h"
#include "engine/run_count_bounds.h"
#include "engine/value_bitmaps.h"
#include "engine/work_table.h"

namespace tsum {

class Residue {
 public:
  Residue(const WorkTable& table, const CostModel& model);

  const WorkTable& table() const { return table_; }
  const CostModel& model() const { return model_; }
  uint64_t weight() const { return weight_; }    // |R|, weighted
  uint64_t rows() const { return rows_; }        // work rows still in R
  bool alive(RowId row) const { return alive_.contains(row); }
  // Weighted count of R's rows holding each code of column c (index 0: NULL).
  const std::vector<uint64_t>& histogram(size_t c) const { return root_[c]; }

  // The rows of R matching every item, ascending.
  std::vector<RowId> rows_matching(const std::vector<Item>& items);
  // Pattern p is accepted: `rows` (its rows in R) leave R, and under entropy the cells
  // it covers leave their columns' codes.
  void accept(const CodedPattern& p, std::span<const RowId> rows);
  // Whether no pattern has been accepted: R is the whole table, every cell still sent.
  bool untouched() const { return !accepted_; }

  // Every one-item extension (c, v) of pattern p matching the rows `rows` of R, over
  // the columns not in `used`, with N_R >= 2, scored on R. `rows` = nullptr means p is
  // empty (P = {}).
  std::vector<Candidate> extensions(const CodedPattern& p, const std::vector<RowId>* rows,
                                    const std::vector<bool>& used);
  // The first strict maximum of extensions() with a saving > 0 (found == false if none).
  Candidate best_extension(const CodedPattern& p, const std::vector<RowId>* rows, const std::vector<bool>& used);

  // Saving of pattern p (plus `extra` as its last item, when given) matching n rows of R.
  double saving(const CodedPattern& p, const Item* extra, uint64_t n) const;

  // Pair counts (engine/pair_counts.h): for column pairs c1 < c2 within a memory budget,
  // the weighted count of R's rows holding each (v1, v2), kept up to date like the root
  // histograms (built on first use; then updated for each row leaving R). They let
  // two-item seeds be scored without scanning R. has_pair_counts(c1): every pair
  // (c1, c2 > c1) has them.
  bool has_pair_counts(size_t c1);
  PairCounts& pair_counts() { return *pairs_; }
  // Bounds of the value-pair runs pair grids have counted, kept from step to step (rows
  // only leave R): engine/run_count_bounds.h. Built on first use.
  RunCountBounds& run_count_bounds() {
    if (!run_bounds_) run_bounds_.emplace(table_);
    return *run_bounds_;
  }
  // Bitmaps of R's rows for the values of few-label columns (engine/value_bitmaps.h),
  // for the pair grids of a root step: prepare_value_bitmaps() builds them for R as it is
  // (if not yet built since R last changed); value_bitmaps() gives them, null when not
  // prepared or none fit. Grids counting at once only read them.
  void prepare_value_bitmaps() {
    if (!bitmaps_) bitmaps_.emplace(table_, alive_, rows_, root_, ValueBitmaps::setting());
  }
  const ValueBitmaps* value_bitmaps() const { return bitmaps_ ? &*bitmaps_ : nullptr; }
  // Under entropy, a little above the saving of every pattern {item, (c2, v2)} with
  // N_R <= n_max, whatever v2 (EntropyCoder::pair_bound); +infinity under other models.
  double pair_bound(const Item& item, size_t c2, uint64_t n_max) const;
  // Entropy: EntropyCoder::least_left(c) (0 under other models).
  uint64_t least_left(size_t c) const { return coder_ ? coder_->least_left(c) : 0; }
  // Entropy only: the coder of the cells left, and the description of a pattern of
  // `size` items on R now.
  const EntropyCoder& coder() const { return *coder_; }
  double description(size_t size) const { return descriptions_[size]; }

  // Entropy only: saving() and pair_bound() as they would be on a residue of `residue`
  // rows, `description` being CostModel::entropy_description(size, residue), with the
  // cells left now (engine/lazy_root_seeds.h keeps keys valid for the R to come).
  double saving_on(const CodedPattern& p, const Item* extra, uint64_t n, uint64_t residue, double description) const {
    return coder_->saving(p.items, extra, n, residue, description);
  }
  // saving() on R now (.now, the same double) and saving_on() (.on) at once.
  EntropyCoder::TwoSavings saving_now_and_on(const CodedPattern& p, const Item* extra, uint64_t n, uint64_t residue,
                                             double description) const {
    return coder_->savings(p.items, extra, n, weight_, descriptions_[p.items.size() + (extra ? 1 : 0)], residue,
                           description);
  }
  double pair_bound_on(const Item& item, size_t c2, uint64_t n_max, uint64_t residue, double description) const {
    return coder_->pair_bound(item, c2, n_max, residue, description);
  }
  // The rows of R holding `code` in column c, ascending.
  std::vector<RowId> live_rows(size_t c, uint32_t code) { return postings_.live_rows(c, code, alive_); }

  // Savings computed on this residue (SearchCounters::expand_evaluations): extensions()
  // counts its candidates; callers that score through saving(), pair_bound() and their
  // floor forms count theirs with count_evaluations(). One thread.
  uint64_t evaluations() const { return evaluations_; }
  void count_evaluations(uint64_t n) { evaluations_ += n; }

 private:
  const WorkTable& table_;
  const CostModel& model_;
  std::vector<std::vector<uint64_t>> root_;
  std::vector<std::vector<uint64_t>> scratch_;  // zeroed between uses
  PostingIndex postings_;
  std::optional<EntropyCoder> coder_;  // entropy model only
  std::optional<PairCounts> pairs_;  // built by has_pair_counts()
  std::optional<RunCountBounds> run_bounds_;  // built by run_count_bounds()
  std::optional<ValueBitmaps> bitmaps_;       // built by prepare_value_bitmaps(), dropped by remove()
  std::vector<double> descriptions_;  // entropy: the description of a pattern of each size on R
  void describe();                    // fills descriptions_ for the R of now
  // value(c, v, N) for every candidate extension (c, v) of extensions() (N >= 2 rows of
  // `rows`, or of R when null), a column's in code order, from column c's task only (the
  // columns may run on several threads).
  template <class Value>
  void each_extension(const std::vector<RowId>* rows, const std::vector<bool>& used, const Value& value);
  // Rows leave R (each at most once), every one holding the items `held` (their columns
  // lose the rows' weight from one code, not row by row).
  void remove(std::span<const RowId> rows, std::span<const Item> held);

  RowBits alive_;  // R
  uint64_t weight_ = 0;
  uint64_t rows_ = 0;
  uint64_t evaluations_ = 0;
  bool accepted_ = false;
};

// Appends an item to a pattern, keeping the left-to-right sum of bits.
inline void add_item(CodedPattern& p, const CostModel& model, uint32_t column, uint32_t code) {
  p.items.push_back(Item{column, code});
  p.sum_bits = p.sum_bits + model.bits(column, code);
}

}  // namespace tsum
