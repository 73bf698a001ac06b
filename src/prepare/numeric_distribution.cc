#include "prepare/numeric_distribution.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "prepare/radix_sort.h"

namespace tsum {

uint64_t NumericDistribution::rows_below(double c) const {
  size_t i = static_cast<size_t>(std::lower_bound(values.begin(), values.end(), c) - values.begin());
  return i == 0 ? 0 : rows_upto[i - 1];
}

double NumericDistribution::value_at_share(double share) const {
  if (values.empty()) return 0;
  double target = share * static_cast<double>(total());
  size_t i = static_cast<size_t>(std::upper_bound(rows_upto.begin(), rows_upto.end(), target,
                                                  [](double t, uint64_t r) { return t < static_cast<double>(r); }) -
                                 rows_upto.begin());
  return values[std::min(i, values.size() - 1)];
}

NumericDistribution make_distribution(std::span<ValueRows> value_rows, bool integer) {
  // Ordered by value, -0 before 0 (they compare equal but print apart: the merged entry
  // keeps -0 whichever comes first in the column). A radix sort on the bits of the value
  // flipped so that their order as unsigned integers is the numbers' order; equal values
  // keep their order, and are merged below, so it does not matter.
  radix_sort_by_key(value_rows, [](const ValueRows& vr) {
    const uint64_t bits = std::bit_cast<uint64_t>(vr.value);
    return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
  });
  NumericDistribution d;
  d.integer = integer;
  d.values.reserve(value_rows.size());
  d.rows_upto.reserve(value_rows.size());
  uint64_t sum = 0;
  for (const auto& [value, rows] : value_rows) {
    sum += rows;
    if (!d.values.empty() && d.values.back() == value) {
      d.rows_upto.back() = sum;
    } else {
      d.values.push_back(value);
      d.rows_upto.push_back(sum);
    }
  }
  double q = INFINITY;
  for (size_t i = 1; i < d.values.size(); ++i) q = std::min(q, d.values[i] - d.values[i - 1]);
  d.quantum = std::isfinite(q) && q > 0 ? q : 1.0;
  return d;
}

}  // namespace tsum
