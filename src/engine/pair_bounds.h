// PairBounds: within one root step under entropy, bounds on the savings of two-item
// patterns {(c1, v1), (c2, v2)}, so that the step scores only the pairs that could be kept.
//
// A pair of exactly n rows is bounded by the terms of Residue::pair_bound at n itself,
// tightened by the fewest cells its column has left to a value (docs/engine.md, "Pair
// bounds"), whatever v2: the first value's gain at n plus its column's terms at n, each
// computed once for the step and kept (n up to kTabled), so that a pair costs two reads
// where its saving costs a dozen. A run (c1 = v1, c2) whose counts are at most `most`
// passes if Residue::pair_bound at `most` does and, when the run holds at least `most`
// pairs (so that reading n = 2 ... most costs no more than its pairs), if the largest of
// its pairs' bounds over n <= most does; only such runs have their pairs bounded one by
// one (a run of a few pairs of many rows is cheaper to score). On tables of uniform labels the counts of a run are alike
// and no pair saves: the runs fail the second test, at `most` reads each instead of a
// saving per pair.
//
// Contract: entropy only; R must not change while the object lives. start() names the
// first item; pair(c2, n) is then at least the saving of every pair of that item with a
// value of c2 covering exactly n >= 2 rows of R, rounding included, and a run that does
// not pass holds no pair whose saving is above `threshold`.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/residue.h"

namespace tsum {

class PairBounds {
 public:
  // Pairs of more rows are scored without a bound of their own (tables stay small).
  static constexpr uint64_t kTabled = 256;

  explicit PairBounds(const Residue& residue);

  void start(const Item& item);
  // Whether a run of `pairs` pairs of at most `most` rows each may hold a pair saving
  // more than `threshold` (kSkip: it cannot), and whether its pairs are worth bounding
  // one by one first (kBoundEach: many pairs of few rows) or only worth scoring (kScore).
  enum class Run { kSkip, kScore, kBoundEach };
  Run check_run(size_t c2, uint64_t most, uint64_t pairs, double threshold);
  // The bound of a pair of exactly n >= 2 rows; +infinity past kTabled.
  double pair(size_t c2, uint64_t n) {
    if (n > kTabled) return kInfinity;
    return first(n) + second(c2, n) - fixed_;
  }

 private:
  static constexpr double kInfinity = __builtin_huge_val();
  // The terms at n, computed when first asked for.
  double first(uint64_t n) {
    if (first_item_[n] != items_) {  // (computed for an earlier item, or never)
      first_item_[n] = items_;
      first_[n] = coder_.pair_first(item_, n);
    }
    return first_[n];
  }
  double second(size_t c2, uint64_t n) {
    std::vector<double>& terms = second_[c2];
    if (n >= terms.size()) terms.resize(kTabled + 1, kUnknown);
    if (std::isnan(terms[n])) terms[n] = coder_.pair_second(c2, n, residue_.weight(), least_left_[c2]);
    return terms[n];
  }
  static constexpr double kUnknown = __builtin_nan("");  // (a column's terms not yet computed)

  const Residue& residue_;
  const EntropyCoder& coder_;
  std::vector<uint64_t> least_left_;         // per column, EntropyCoder::least_left
  std::vector<std::vector<double>> second_;  // per column, its terms at each n
  std::vector<double> first_;                // the first item's gain at each n...
  std::vector<uint64_t> first_item_;         // ...when this is items_ (start() counts items)
  uint64_t items_ = 0;
  Item item_{0, 0};
  double fixed_ = 0;  // description(2, R) + bits(item) - slack
  double slack_ = 0;
};

}  // namespace tsum
