#include "prepare/numeric_distribution.h"

#include <algorithm>
#include <cmath>

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

double NumericDistribution::quantum() const {
  double q = INFINITY;
  for (size_t i = 1; i < values.size(); ++i) q = std::min(q, values[i] - values[i - 1]);
  return std::isfinite(q) && q > 0 ? q : 1.0;
}

NumericDistribution make_distribution(std::vector<std::pair<double, uint64_t>> value_rows, bool integer) {
  std::sort(value_rows.begin(), value_rows.end());
  NumericDistribution d;
  d.integer = integer;
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
  return d;
}

}  // namespace tsum
