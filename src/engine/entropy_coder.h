// EntropyCoder: the savings of the `entropy` cost model (docs/spec.md, "Cost model
// `entropy`"), a two-part MDL code in the manner of Krimp and SLIM.
//
// The table is sent row by row. Each row first says which pattern covers it (the first
// accepted pattern it matches, or none): coded sequentially, "in P or not" among the
// rows R that earlier patterns left, i.e. |R| H(N / |R|) bits for a pattern covering N
// of them. The cells a pattern covers are not sent; every other cell (NULLs included) is
// sent with its column's code, optimal for the cells that column still has to send:
// u_c(v) cells of value v among U_c, so the column costs g(U_c) - sum_v g(u_c(v)) bits,
// g(x) = x log2 x. A pattern is described once: a continuation bit, its size, its
// columns, its count and its values in the standard code (CostModel::bits).
//
// Saving(P, R) for P = {(c_i, v_i)} matching N rows of R is the drop in total length:
//   sum_i [ g(U_ci) - g(U_ci - N) - g(u_ci(v_i)) + g(u_ci(v_i) - N) ]
//   - |R| H(N / |R|) - [ description(k, |R|) + sum_i bits(c_i, v_i) ].
// On the whole table a one-item pattern's first and second terms cancel exactly, so it
// saves minus its description: items save only together, as far as they co-occur more
// often than their separate shares predict.
//
// State: u_c(v) and U_c, i.e. the cells not covered by a pattern accepted so far;
// cover() accepts one. Arithmetic is in a fixed order (items in the pattern's order,
// then the naming and description terms), so every engine gets the same doubles.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"

namespace tsum {

class EntropyCoder {
 public:
  // counts[c][code]: rows holding each code (index 0: NULL) in the whole table.
  EntropyCoder(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts);

  // Saving of the pattern `items` (plus `extra`, when given, as its last item) matching
  // n of the `residue` rows of R.
  double saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue) const;
  // The same with the description term given: CostModel::entropy_description(size,
  // residue), size counting `extra` (a caller scoring many candidates on one R computes
  // it once; the same double).
  double saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue,
                double description) const;
  double saving(std::span<const Item> items, uint64_t n, uint64_t residue) const {
    return saving(items, nullptr, n, residue);
  }
  // The saving on two residues at once, the cells and values summed once: `now` on
  // (residue, description), `on` on (residue_on, description_on); each the same double
  // saving() gives (engine/lazy_root_seeds.h scores a candidate now and keys it on a floor).
  struct TwoSavings {
    double now, on;
  };
  TwoSavings savings(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue,
                     double description, uint64_t residue_on, double description_on) const;
  // What a key kept across steps adds for rounding (engine/lazy_root_seeds.h,
  // engine/entropy_marshal_scorer.h): every term of a saving is a difference of g's of
  // at most g(|T|), each rounded to about 1e-16 of it.
  static double key_slack(const CostModel& model, uint64_t table_rows) {
    return 1e-9 * (1.0 + 4.0 * model.g(table_rows));
  }
  // A little above saving({item, (c2, v2)}, n, residue) for every value v2 of column c2
  // and every n <= n_max (-infinity when no such pair can cover 2 rows); `description`
  // is CostModel::entropy_description(2, residue). Why it bounds them: docs/engine.md,
  // "Pair bounds".
  double pair_bound(const Item& item, size_t c2, uint64_t n_max, uint64_t residue, double description) const;
  // pair_bound's terms at a count of exactly n, for a caller that bounds each pair of many
  // runs (engine/pair_bounds.h): the first item's gain, and the rest but the description,
  // the first value's bits and the slack: A(n) + H(n) - least bits(c2), H tightened by
  // `least_left`, at most least_left(c2) now (entropy_coder.cc).
  double pair_first(const Item& item, uint64_t n) const { return gain(item, n); }
  double pair_second(size_t c2, uint64_t n, uint64_t residue, uint64_t least_left) const;
  // The fewest cells left to a value of column c (NULL aside) among those with at least 2
  // (0 when none): every second value of a pair of N_R >= 2 has at least as many.
  uint64_t least_left(size_t c) const;
  // A pattern is accepted covering n rows: their cells in its columns are no longer sent.
  void cover(std::span<const Item> items, uint64_t n);

 private:
  struct Terms {
    double cells = 0, values = 0;
  };
  double gain(const Item& item, uint64_t n) const;
  Terms terms(std::span<const Item> items, const Item* extra, uint64_t n) const;

  const CostModel& model_;
  std::vector<std::vector<uint64_t>> uncovered_;  // u_c(v)
  std::vector<uint64_t> total_;                   // U_c
  std::vector<double> least_bits_;                // per column: its least bits(c, v) over v != NULL
};

}  // namespace tsum
