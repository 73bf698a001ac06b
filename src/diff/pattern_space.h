// The layered Bonferroni correction (docs/diff.md): a pattern of L items is significant
// when its p-value is at most alpha / (D * S_L), with D the number of compared columns
// (the lengths a pattern can have) and S_L the number of distinct patterns of L items
// the table's dictionaries allow. The bound holds over the whole space of patterns, so it
// holds whichever patterns a search chooses to test.
#pragma once

#include <cstdint>
#include <vector>

#include "tsum/table.h"

namespace tsum {

class PatternSpace {
 public:
  // Over the table's columns; each column contributes its non-NULL values.
  explicit PatternSpace(const Table& table);

  // ln(D * S_L): the log of the factor p-values of L-item patterns are multiplied by.
  double log_factor(size_t length) const { return log_factor_[length]; }
  // Whether ln p (chi2_1_log_survival) is significant at alpha for an L-item pattern.
  bool significant(double log_p, size_t length, double alpha) const;
  // min(1, p * D * S_L) from ln p.
  double adjusted(double log_p, size_t length) const;

 private:
  std::vector<double> log_factor_;  // index L = 0..D (0 unused)
};

}  // namespace tsum
