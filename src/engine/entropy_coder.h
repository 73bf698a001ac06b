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
#include "engine/marshalling.h"
#include "engine/pattern.h"

namespace tsum {

class EntropyCoder {
 public:
  // counts[c][code]: rows holding each code (index 0: NULL) in the whole table.
  EntropyCoder(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts);

  // Saving of the pattern `items` (plus `extra`, when given, as its last item) matching
  // n of the `residue` rows of R.
  double saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue) const;
  double saving(std::span<const Item> items, uint64_t n, uint64_t residue) const {
    return saving(items, nullptr, n, residue);
  }
  // A pattern is accepted covering n rows: their cells in its columns are no longer sent.
  void cover(std::span<const Item> items, uint64_t n);

 private:
  double gain(const Item& item, uint64_t n) const;

  const CostModel& model_;
  std::vector<std::vector<uint64_t>> uncovered_;  // u_c(v)
  std::vector<uint64_t> total_;                   // U_c
};

// Marshalling under entropy: each round scores with the cells the patterns ranked so
// far left uncovered.
class EntropyMarshalScorer : public MarshalScorer {
 public:
  EntropyMarshalScorer(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts,
                       const std::vector<CodedPattern>& patterns)
      : coder_(model, counts), patterns_(patterns) {}
  double saving(size_t p, uint64_t n, uint64_t residue) const override {
    return coder_.saving(patterns_[p].items, n, residue);
  }
  void ranked(size_t p, uint64_t n) override { coder_.cover(patterns_[p].items, n); }

 private:
  EntropyCoder coder_;
  const std::vector<CodedPattern>& patterns_;
};

}  // namespace tsum
