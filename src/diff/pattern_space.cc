#include "diff/pattern_space.h"

#include <cmath>
#include <limits>

namespace tsum {
namespace {

// ln(e^a + e^b), with -inf for "zero".
double log_add(double a, double b) {
  if (a == -std::numeric_limits<double>::infinity()) return b;
  if (b == -std::numeric_limits<double>::infinity()) return a;
  double hi = std::max(a, b), lo = std::min(a, b);
  return hi + std::log1p(std::exp(lo - hi));
}

}  // namespace

PatternSpace::PatternSpace(const Table& table) {
  const size_t d = table.num_columns();
  // S_L is the L-th elementary symmetric polynomial of the cardinalities (one value from
  // each of L distinct columns), computed in log space: it overflows doubles for wide
  // tables with large dictionaries.
  std::vector<double> log_s(d + 1, -std::numeric_limits<double>::infinity());
  log_s[0] = 0;
  for (size_t c = 0; c < d; ++c) {
    uint32_t cardinality = table.column(c).cardinality();
    if (cardinality == 0) continue;
    const double log_card = std::log(static_cast<double>(cardinality));
    for (size_t l = c + 1; l >= 1; --l) log_s[l] = log_add(log_s[l], log_s[l - 1] + log_card);
  }
  log_factor_.assign(d + 1, 0.0);
  for (size_t l = 1; l <= d; ++l) log_factor_[l] = std::log(static_cast<double>(d)) + log_s[l];
}

bool PatternSpace::significant(double log_p, size_t length, double alpha) const {
  return log_p + log_factor_[length] <= std::log(alpha);
}

double PatternSpace::adjusted(double log_p, size_t length) const {
  double log_adjusted = log_p + log_factor_[length];
  return log_adjusted >= 0 ? 1.0 : std::exp(log_adjusted);
}

}  // namespace tsum
