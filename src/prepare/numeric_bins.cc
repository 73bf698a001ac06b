#include "prepare/numeric_bins.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tsum {

namespace {

// The first index in [begin, end) where `pred` is false, `pred` being true up to some
// index and false from there on. (std::ranges::partition_point over views::iota does not
// compile with clang 14 and GCC 12's standard library, which the fuzz builds use.)
template <class Pred>
size_t partition_point(size_t begin, size_t end, const Pred& pred) {
  while (begin < end) {
    const size_t middle = begin + (end - begin) / 2;
    if (pred(middle)) {
      begin = middle + 1;
    } else {
      end = middle;
    }
  }
  return begin;
}

}  // namespace

QuantileWindow quantile_window(const NumericDistribution& d, unsigned k, unsigned j) {
  const size_t m = d.size();
  const double n = static_cast<double>(d.total());
  const double half_window = n / (4.0 * k);
  const double target = n * j / k;
  // Boundary i (1..m-1) separates values[i-1] and values[i]; rows below it: rows_upto[i-1].
  auto below = [&](size_t i) { return static_cast<double>(d.rows_upto[i - 1]); };
  // First boundary with at least target rows below, and its left neighbour.
  size_t hi_i = static_cast<size_t>(
      std::lower_bound(d.rows_upto.begin(), d.rows_upto.end() - 1, static_cast<uint64_t>(std::ceil(target))) -
      d.rows_upto.begin()) + 1;
  size_t best = hi_i;
  if (best > m - 1) best = m - 1;
  if (best > 1 && std::fabs(below(best - 1) - target) <= std::fabs(below(best) - target)) --best;
  // The window: the boundaries next to `best` whose rows below stay within half a window
  // of the target, on each side up to the first that does not. Rows below only grow from
  // boundary to boundary, and so does their (rounded) difference to the target: past
  // best's first neighbour that is in, every boundary further out is in up to one point
  // and out after it, which a binary search finds (a walk boundary by boundary took
  // ~4·10^6 steps on a column of 10^6 distinct values).
  auto in_window = [&](size_t i) { return std::fabs(below(i) - target) <= half_window; };
  QuantileWindow w{best, best, best};
  if (w.first > 1 && in_window(w.first - 1)) {
    w.first = partition_point(1, w.first, [&](size_t i) { return !in_window(i); });
  }
  if (w.last < m - 1 && in_window(w.last + 1)) {
    w.last = partition_point(w.last + 1, m, in_window) - 1;
  }
  return w;
}

std::vector<NiceNumber> quantile_cuts(const NumericDistribution& d, unsigned k) {
  std::vector<NiceNumber> cuts;
  if (d.size() < 2 || k < 2) return cuts;
  for (unsigned j = 1; j < k; ++j) {
    const QuantileWindow w = quantile_window(d, k, j);
    cuts.push_back(nicest_between(d.values[w.first - 1], d.values[w.last], d.values[w.best], d.integer));
  }
  // Ascending, distinct, every bin non-empty.
  std::vector<NiceNumber> kept;
  uint64_t previous = 0;
  for (const NiceNumber& c : cuts) {
    uint64_t b = d.rows_below(c.value);
    if (b > previous && b < d.total() && (kept.empty() || c.value > kept.back().value)) {
      kept.push_back(c);
      previous = b;
    }
  }
  return kept;
}

std::vector<NiceNumber> candidate_cuts(const NumericDistribution& d, unsigned k_max) {
  std::vector<NiceNumber> all, readable;
  for (unsigned q = 2; q <= std::max(10u, k_max); ++q) {
    for (NiceNumber& c : quantile_cuts(d, q)) all.push_back(std::move(c));
  }
  // The spread: from the 1st to the 99th percentile.
  const double spread = d.value_at_share(0.99) - d.value_at_share(0.01);
  for (const NiceNumber& c : all) {
    if (c.readable(spread)) readable.push_back(c);
  }
  if (!readable.empty()) all = std::move(readable);
  std::sort(all.begin(), all.end(), [](const NiceNumber& a, const NiceNumber& b) { return a.value < b.value; });
  all.erase(std::unique(all.begin(), all.end(), [](const NiceNumber& a, const NiceNumber& b) { return a.value == b.value; }),
            all.end());
  return all;
}

namespace {

double log2_binomial(double n, double k) { return (std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1)) / std::log(2.0); }

// Bits for k bins' model: which candidates are cuts, and the bin counts (compositions of
// n into k parts).
double model_bits(double n, double k, double candidates) {
  return log2_binomial(candidates, k - 1) + log2_binomial(n + k - 1, k - 1);
}

// Bits for the rows of one bin: their bin, and their value within it.
double bin_bits(double n, double rows, double width_quanta) {
  return rows > 0 ? rows * (std::log2(n / rows) + std::log2(std::max(1.0, width_quanta))) : 0.0;
}

}  // namespace

double description_length(const NumericDistribution& d, const std::vector<NiceNumber>& cuts, size_t candidates) {
  const double n = static_cast<double>(d.total());
  const double q = d.quantum;
  double bits = model_bits(n, static_cast<double>(cuts.size() + 1), static_cast<double>(std::max(candidates, cuts.size())));
  uint64_t lower_rows = 0;
  for (size_t b = 0; b <= cuts.size(); ++b) {
    uint64_t upper_rows = b < cuts.size() ? d.rows_below(cuts[b].value) : d.total();
    double from = b == 0 ? d.values.front() : cuts[b - 1].value;
    double width = b < cuts.size() ? (cuts[b].value - from) / q : (d.values.back() - from) / q + 1;
    bits += bin_bits(n, static_cast<double>(upper_rows - lower_rows), width);
    lower_rows = upper_rows;
  }
  return bits;
}

std::vector<NiceNumber> best_cuts(const NumericDistribution& d, const std::vector<NiceNumber>& candidates, unsigned k) {
  // Boundaries: 0 = the smallest value, 1..m = candidates, m + 1 = past the largest value.
  const size_t m = candidates.size();
  if (k < 2 || m + 1 < k) return {};
  const double n = static_cast<double>(d.total());
  const double q = d.quantum;
  std::vector<double> below(m + 2), at(m + 2);
  below[0] = 0, at[0] = d.values.front();
  for (size_t i = 0; i < m; ++i) below[i + 1] = static_cast<double>(d.rows_below(candidates[i].value)), at[i + 1] = candidates[i].value;
  below[m + 1] = n, at[m + 1] = d.values.back();
  auto cost = [&](size_t a, size_t b) {
    double rows = below[b] - below[a];
    if (rows <= 0) return static_cast<double>(INFINITY);
    double width = b == m + 1 ? (at[b] - at[a]) / q + 1 : (at[b] - at[a]) / q;
    return bin_bits(n, rows, width);
  };
  // best[t][j]: cheapest t bins covering boundaries 0..j; from[t][j]: the previous boundary.
  std::vector<std::vector<double>> best(k + 1, std::vector<double>(m + 2, INFINITY));
  std::vector<std::vector<size_t>> from(k + 1, std::vector<size_t>(m + 2, 0));
  best[0][0] = 0;
  for (unsigned t = 1; t <= k; ++t) {
    for (size_t j = 1; j <= m + 1; ++j) {
      if ((t < k) == (j == m + 1)) continue;  // only the last bin reaches past the largest value
      for (size_t i = t - 1; i < j; ++i) {
        if (!std::isfinite(best[t - 1][i])) continue;
        double c = best[t - 1][i] + cost(i, j);
        if (c < best[t][j]) best[t][j] = c, from[t][j] = i;
      }
    }
  }
  if (!std::isfinite(best[k][m + 1])) return {};
  std::vector<NiceNumber> cuts;
  for (size_t t = k, j = m + 1; t > 1; --t) {
    j = from[t][j];
    cuts.push_back(candidates[j - 1]);
  }
  std::reverse(cuts.begin(), cuts.end());
  return cuts;
}

std::vector<NiceNumber> mdl_cuts(const NumericDistribution& d, unsigned k_max, double bits_per_bin_row) {
  std::vector<NiceNumber> candidates = candidate_cuts(d, k_max);
  std::vector<NiceNumber> best;
  double best_bits = INFINITY;
  const double n = static_cast<double>(d.total());
  for (unsigned k = 2; k <= k_max; ++k) {
    std::vector<NiceNumber> cuts = best_cuts(d, candidates, k);
    if (cuts.empty()) continue;
    double bits = description_length(d, cuts, candidates.size()) + (k - 1) * bits_per_bin_row * n;
    if (best.empty() || bits < best_bits - 1e-9 * std::fabs(best_bits)) best_bits = bits, best = std::move(cuts);
  }
  return best;
}

std::vector<std::string> range_labels(const std::vector<NiceNumber>& cuts, bool integer) {
  std::vector<std::string> labels;
  if (cuts.empty()) return labels;
  labels.push_back(fmt::format("< {}", readable_number(cuts.front().text)));
  for (size_t i = 1; i < cuts.size(); ++i) {
    if (integer && cuts[i].value - cuts[i - 1].value == 1) {
      labels.push_back(readable_number(cuts[i - 1].text));
      continue;
    }
    labels.push_back(fmt::format("[{}, {})", readable_number(cuts[i - 1].text), readable_number(cuts[i].text)));
  }
  labels.push_back(fmt::format("\u2265 {}", readable_number(cuts.back().text)));
  return labels;
}

}  // namespace tsum
