// RunCountBounds: for each run (c1 = v1, c2) a pair grid has counted (engine/pair_grid.h),
// an upper bound of the run's largest count and of its number of pairs of two rows or
// more, kept from the last time it was counted.
//
// Why: under entropy a wide table's pairs have no kept counts (engine/pair_counts.h), so
// each root step counted every value pair of R again (10^5 x 500: 1.25 * 10^10 pair
// occurrences, several seconds a step), although after the first step most runs can no
// longer hold a winning pair. Rows only leave R, so a run's counts only fall and what the
// last count found stays above them at every later step; PairBounds::check_run on these
// numbers passes over a run only when it may: its bounds rise with the largest count, and
// the number of pairs only chooses whether the bound per count is tried (each bound holds
// for any run of counts at most the largest). A root step counts a block of c1's values
// only from a value one of whose runs these numbers cannot pass over: the same seeds, from
// fewer counts.
//
// Contract: a column c1's runs are held when all of them fit what is left of the budget
// (columns in the order first asked; 4 bytes a run, (card(c1) + 1) x (D - c1 - 1) runs);
// `TSUM_RUN_BOUND_BYTES=N` sets the budget (default 64 MiB; 0 holds none: the tests'
// reference). A run never recorded, or whose largest count passed 65,534, is unknown.
// Recorded numbers must be a run's counts on some R of the residue (each R contains the
// later ones). One thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/work_table.h"

namespace tsum {

class RunCountBounds {
 public:
  explicit RunCountBounds(const WorkTable& table);

  // Whether c1's runs are held (space is taken on the first call that finds it).
  bool holds(size_t c1);

  struct Bound {
    uint32_t most, pairs;
  };
  // The bound of run (c1 = v1, c2), nullopt when unknown; holds(c1) only.
  std::optional<Bound> bound(size_t c1, uint32_t v1, size_t c2) const {
    const Entry e = runs_[c1][index(c1, v1, c2)];
    if (e.most == kUnknown) return std::nullopt;
    return Bound{e.most, e.pairs};
  }
  // The run's largest count and its pairs of two rows or more, as just counted.
  void record(size_t c1, uint32_t v1, size_t c2, uint32_t most, uint32_t pairs) {
    Entry& e = runs_[c1][index(c1, v1, c2)];
    e.most = most < kUnknown ? static_cast<uint16_t>(most) : kUnknown;
    e.pairs = static_cast<uint16_t>(pairs < 0xFFFF ? pairs : 0xFFFF);  // (fewer pairs: never a skip more)
  }

  // Values of c1 whose runs these bounds passed over without a count (for the tests).
  uint64_t passed() const { return passed_; }
  void count_passed(uint64_t values) { passed_ += values; }

 private:
  static constexpr uint16_t kUnknown = 0xFFFF;
  struct Entry {
    uint16_t most = kUnknown, pairs = 0;
  };
  size_t index(size_t c1, uint32_t v1, size_t c2) const { return size_t{v1} * (d_ - c1 - 1) + (c2 - c1 - 1); }

  const WorkTable& table_;
  size_t d_;
  uint64_t left_;                          // bytes of the budget not yet taken
  std::vector<uint8_t> asked_;             // per column: holds() has decided
  std::vector<std::vector<Entry>> runs_;   // per column c1, empty unless held
  uint64_t passed_ = 0;
};

}  // namespace tsum
