// Strata: each side's rows split by which of the reported patterns they match, for the
// "explained" test (docs/diff.md): a candidate is explained by the patterns reported
// before it when, within every stratum, its share is the same in OLD and NEW.
#pragma once

#include <cstdint>
#include <vector>

#include "diff/pattern_counts.h"

namespace tsum {

class Strata {
 public:
  // One stratum holding every row.
  explicit Strata(SideCounter& counter);

  // Splits every stratum into its rows matching `reported` and the others.
  void split(const CodePattern& reported);

  // The stratified G-test of x: the sum over strata of the 2x2 G statistic of x's rows
  // in OLD and NEW within the stratum, and its degrees of freedom: the strata where x's
  // share is defined and not forced (both sides have rows, x matches some but not all).
  struct Test {
    double g = 0;
    unsigned df = 0;
  };
  Test test(const CodePattern& x);

 private:
  SideCounter& counter_;
  std::vector<uint32_t> cell_[2];  // stratum of each work-table row, per side
  std::vector<uint64_t> size_[2];  // weighted rows of each stratum, per side
  uint32_t strata_ = 1;
};

}  // namespace tsum
