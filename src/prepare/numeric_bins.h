// Numeric bins (docs/binning.md): cut points are quantiles moved to the most readable
// number nearby; which of them to use, and how many bins, is decided by minimum
// description length.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prepare/nice_number.h"
#include "prepare/numeric_distribution.h"

namespace tsum {

// The cut points of k bins of about equal row counts, ascending; every bin they make
// holds rows. Cut j starts from the boundary between distinct values nearest to the j/k
// quantile and may move anywhere that keeps the rows below it within a quarter of a bin
// of j/k of the rows; within that window it is the nicest number (nice_number.h).
std::vector<NiceNumber> quantile_cuts(const NumericDistribution& d, unsigned k);

// Where cut j of k (0 < j < k) may go, as boundaries between distinct values (boundary i
// separates values[i - 1] and values[i], 1 <= i < d.size(), which must be >= 2): `best`
// is the one nearest to the j/k quantile, [first, last] the boundaries around it whose
// rows below stay within a quarter of a bin of the quantile, up to the first on each side
// that does not.
struct QuantileWindow {
  size_t first, best, last;
};
QuantileWindow quantile_window(const NumericDistribution& d, unsigned k, unsigned j);

// The candidate cut points: quantile_cuts(d, q) for q = 2..max(10, k_max), ascending and
// distinct, keeping only the readable ones (NiceNumber::readable, the spread being the
// 1st to 99th percentile) unless none is.
std::vector<NiceNumber> candidate_cuts(const NumericDistribution& d, unsigned k_max);

// Bits to describe the column's values with these cut points (a two-part MDL code for a
// histogram): which candidates are the cut points, the bin counts, then each row's bin
// (entropy code) and its value within the bin (uniform over the bin's width in quanta,
// NumericDistribution::quantum).
double description_length(const NumericDistribution& d, const std::vector<NiceNumber>& cuts,
                          size_t candidates);

// The k - 1 candidates that minimize the description length of k bins (dynamic
// programming); empty when no k bins hold rows.
std::vector<NiceNumber> best_cuts(const NumericDistribution& d, const std::vector<NiceNumber>& candidates,
                                  unsigned k);

// --bins auto: among k = 2..k_max, the k minimizing description_length + (k - 1) x
// bits_per_bin_row x rows, its best_cuts (fewer bins on a tie). An extra bin must make
// the column's description shorter by bits_per_bin_row bits per row to be worth a label.
std::vector<NiceNumber> mdl_cuts(const NumericDistribution& d, unsigned k_max, double bits_per_bin_row);

// "< 15", "[15, 60)", "≥ 60": one label per bin (cuts.size() + 1), ascending. For an
// integer column a bin holding a single integer is labelled with it: "[0, 1)" is "0".
std::vector<std::string> range_labels(const std::vector<NiceNumber>& cuts, bool integer = false);

}  // namespace tsum
