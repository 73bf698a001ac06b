// The G-test (log-likelihood ratio test) of a 2x2 contingency table: does a pattern's
// share differ between OLD and NEW? docs/diff.md derives it and its reading in bits.
#pragma once

#include <cstdint>

namespace tsum {

// G = 2 * sum O ln(O / E) for the table
//     [ a      old_rows - a ]
//     [ b      new_rows - b ]
// with E from the margins; 0 when a margin is 0. Equals 2 ln 2 times the bits saved by
// coding each row's side with the pattern's own side frequencies rather than the pooled
// ones (the mutual information of "matches" and "side", times the row count).
double g_statistic(uint64_t a, uint64_t old_rows, uint64_t b, uint64_t new_rows);

// P(X >= g) for X chi-squared with one degree of freedom: erfc(sqrt(g / 2)).
double chi2_1_survival(double g);

}  // namespace tsum

namespace tsum {

// ln P(X >= g) for X chi-squared with one degree of freedom, finite where the survival
// itself underflows (erfc's asymptotic expansion beyond g = 1400).
double chi2_1_log_survival(double g);

}  // namespace tsum

namespace tsum {

// ln P(X >= g) for X chi-squared with `df` >= 1 degrees of freedom, from the closed forms
// for integer df (even: e^{-g/2} sum_{k<df/2} (g/2)^k / k!; odd: the df = 1 term plus
// e^{-g/2} sum_{k=1}^{(df-1)/2} (g/2)^{k-1/2} / Gamma(k+1/2)), summed in log space.
double chi2_log_survival(double g, unsigned df);

}  // namespace tsum
