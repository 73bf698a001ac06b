// WholeTableSeeds: the root step on the whole table — root_seeds(residue, pairs, keep)
// on a Residue that has accepted nothing — computed once for the searches that start
// there. `--search beam` starts from the whole table up to four times (the greedy list,
// beam generation, the other starting points, and filling when nothing is ranked);
// under `entropy` on a wide table each of those root steps counts every value pair of
// every column pair (10^5 rows x 500 columns: ~6 s each, engine/pair_grid.h).
//
// Contract: the seeds depend only on the WorkTable and the CostModel, so every Residue
// of the same two that has accepted nothing gets the same ones, and the `keep` best are
// the first `keep` of the `most` best (one order: greater saving first, equal savings in
// enumeration order). best(residue, keep) returns exactly root_seeds(residue, pairs,
// keep) for keep <= most (larger keeps are computed afresh). The residue must not have
// accepted a pattern. One thread.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/residue.h"
#include "engine/seed_expansion.h"

namespace tsum {

class WholeTableSeeds {
 public:
  explicit WholeTableSeeds(size_t most) : most_(most) {}

  std::vector<Seed> best(Residue& residue, size_t keep);
  // Whether the root step has been computed (for the tests).
  bool computed() const { return seeds_.has_value(); }

 private:
  size_t most_;
  std::optional<std::vector<Seed>> seeds_;  // the `most` best, once computed
};

}  // namespace tsum
