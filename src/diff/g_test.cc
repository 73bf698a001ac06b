#include "diff/g_test.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tsum {
namespace {

// x ln x, with 0 ln 0 = 0.
double xlogx(double x) { return x > 0 ? x * std::log(x) : 0.0; }

}  // namespace

double g_statistic(uint64_t a, uint64_t old_rows, uint64_t b, uint64_t new_rows) {
  const double n1 = static_cast<double>(old_rows), n2 = static_cast<double>(new_rows);
  const double m = static_cast<double>(a + b), n = n1 + n2;
  if (n1 == 0 || n2 == 0 || m == 0 || m == n) return 0.0;
  // sum O ln O - sum rows ln rows - sum cols ln cols + N ln N, summed in a fixed order.
  const double cells = xlogx(static_cast<double>(a)) + xlogx(n1 - static_cast<double>(a)) +
                       xlogx(static_cast<double>(b)) + xlogx(n2 - static_cast<double>(b));
  const double margins = xlogx(n1) + xlogx(n2) + xlogx(m) + xlogx(n - m);
  const double g = 2.0 * (cells - margins + xlogx(n));
  return g > 0 ? g : 0.0;  // rounding can leave -1e-12 for identical shares
}

double chi2_1_survival(double g) { return g <= 0 ? 1.0 : std::erfc(std::sqrt(g / 2.0)); }

}  // namespace tsum

namespace tsum {

double chi2_1_log_survival(double g) {
  if (g <= 0) return 0.0;
  if (g < 1400) return std::log(chi2_1_survival(g));
  // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) (1 - 1/(2x^2)), x = sqrt(g/2): relative error < 1e-6 here.
  const double x = std::sqrt(g / 2.0);
  return -x * x - std::log(x * std::sqrt(M_PI)) + std::log1p(-1.0 / (2.0 * x * x));
}

}  // namespace tsum

namespace tsum {

double chi2_log_survival(double g, unsigned df) {
  if (df == 1) return chi2_1_log_survival(g);
  if (g <= 0) return 0.0;
  const double half = g / 2.0, log_half = std::log(half);
  std::vector<double> terms;  // logs of the terms
  if (df % 2 == 0) {
    for (unsigned k = 0; k < df / 2; ++k) terms.push_back(-half + k * log_half - std::lgamma(k + 1.0));
  } else {
    terms.push_back(chi2_1_log_survival(g));
    for (unsigned k = 1; k <= (df - 1) / 2; ++k) terms.push_back(-half + (k - 0.5) * log_half - std::lgamma(k + 0.5));
  }
  const double top = *std::max_element(terms.begin(), terms.end());
  double sum = 0;
  for (double t : terms) sum += std::exp(t - top);
  return std::min(0.0, top + std::log(sum));
}

}  // namespace tsum
