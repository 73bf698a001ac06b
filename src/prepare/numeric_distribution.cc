#include "prepare/numeric_distribution.h"

#include <algorithm>
#include <cmath>

#include "table/parallel_for.h"

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

NumericDistribution make_distribution(std::vector<std::pair<double, uint64_t>> value_rows, bool integer) {
  // A total order on the pairs, -0 before 0 (which compare equal but print apart), so that
  // the parallel sort's order, and so which of the two a merged entry keeps, is the same
  // on any number of threads.
  tsum::parallel_sort(value_rows.begin(), value_rows.end(),
                      [](const std::pair<double, uint64_t>& a, const std::pair<double, uint64_t>& b) {
                        if (a.first != b.first) return a.first < b.first;
                        if (std::signbit(a.first) != std::signbit(b.first)) return std::signbit(a.first);
                        return a.second < b.second;
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
