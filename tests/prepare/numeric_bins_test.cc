#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "prepare/column_bins.h"
#include "prepare/nice_number.h"
#include "prepare/numeric_bins.h"
#include "prepare/relabel_column.h"
#include "prepare_test_util.h"

namespace tsum {
namespace {

std::string nicest(double lo, double hi, double target, bool integer = false) {
  return nicest_between(lo, hi, target, integer).text;
}

TEST(NiceNumber, LargestStepThatFitsThenNearestToTarget) {
  EXPECT_EQ(nicest(12, 18, 15), "15");
  EXPECT_EQ(nicest(-14, -9, -12), "-10");
  EXPECT_EQ(nicest(-3, 2, 1), "0");
  EXPECT_EQ(nicest(0.12, 0.18, 0.16), "0.15");
  EXPECT_EQ(nicest(1000.1, 1000.3, 1000.2), "1000.2");
  EXPECT_EQ(nicest(1e6, 3e6, 1.5e6), "2000000");
  EXPECT_EQ(nicest(301, 367, 340, true), "350");
  EXPECT_EQ(nicest(1, 2, 2, true), "2");
  EXPECT_EQ(nicest(230, 270, 240), "250");
  EXPECT_EQ(nicest(0.000012, 0.000013, 0.0000125), "0.000013");
  NiceNumber n = nicest_between(0.1, 0.35, 0.3, false);
  EXPECT_EQ(n.text, "0.2");
  EXPECT_EQ(n.value, 0.2);
}

TEST(NiceNumber, ReadableText) {
  EXPECT_EQ(readable_number("15"), "15");
  EXPECT_EQ(readable_number("2000"), "2000");
  EXPECT_EQ(readable_number("15000"), "15k");
  EXPECT_EQ(readable_number("-20000"), "-20k");
  EXPECT_EQ(readable_number("2500000"), "2.5M");
  EXPECT_EQ(readable_number("3000000000"), "3B");
  EXPECT_EQ(readable_number("123456"), "123456");
  EXPECT_EQ(readable_number("12345000"), "12345000");
  EXPECT_EQ(readable_number("0.25"), "0.25");
}

NumericDistribution distribution(const std::vector<std::pair<double, uint64_t>>& v, bool integer = true) {
  std::vector<ValueRows> value_rows;
  for (const auto& [value, rows] : v) value_rows.push_back(ValueRows{value, rows});
  return make_distribution(value_rows, integer);
}

// -0 and 0 are one value; the entry keeps -0 whichever order they come in (the sort is
// parallel, so an order of its own would depend on the threads).
TEST(NumericDistribution, NegativeZeroFirstInEitherOrder) {
  for (bool zero_first : {true, false}) {
    SCOPED_TRACE(zero_first);
    std::vector<std::pair<double, uint64_t>> v = {{1, 1}, {0.0, 2}, {-0.0, 2}};
    if (!zero_first) std::swap(v[1], v[2]);
    NumericDistribution d = distribution(v, false);
    ASSERT_EQ(d.values.size(), 2u);
    EXPECT_TRUE(std::signbit(d.values[0]));
    EXPECT_EQ(d.rows_upto, (std::vector<uint64_t>{4, 5}));
  }
}

TEST(NumericDistribution, MergesSortsAndCounts) {
  NumericDistribution d = distribution({{5, 1}, {1, 2}, {5, 3}, {3, 1}});
  EXPECT_EQ(d.values, (std::vector<double>{1, 3, 5}));
  EXPECT_EQ(d.rows_upto, (std::vector<uint64_t>{2, 3, 7}));
  EXPECT_EQ(d.rows_below(3), 2u);
  EXPECT_EQ(d.rows_below(3.5), 3u);
  EXPECT_EQ(d.quantum, 2);
  EXPECT_EQ(d.value_at_share(0), 1);
  EXPECT_EQ(d.value_at_share(0.3), 3);  // 2.1 rows: more than that at or below 3
  EXPECT_EQ(d.value_at_share(0.99), 5);
}

TEST(NiceNumber, ReadableAtTheDataScale) {
  EXPECT_TRUE(nicest_between(340, 351, 351, true).readable(400));   // 350
  EXPECT_FALSE(nicest_between(350, 351, 351, true).readable(400));  // 351
  EXPECT_FALSE(nicest_between(14.5, 14.6, 14.6, false).readable(17));
  EXPECT_TRUE(nicest_between(14.4, 14.6, 14.5, false).readable(17));
  // Years from 1995 to 2010: 2005 is readable; 500000 among millions is.
  EXPECT_TRUE(nicest_between(2004, 2006, 2005, true).readable(15));
  EXPECT_TRUE(nicest_between(450000, 520000, 500000, true).readable(5e8));
  EXPECT_TRUE((NiceNumber{0, "0", 0}.readable(1)));
}

int significant_digits(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  bool fraction = text.find('.') != std::string::npos;
  text.erase(std::remove(text.begin(), text.end(), '.'), text.end());
  text.erase(0, text.find_first_not_of('0'));
  if (!fraction) text.erase(text.find_last_not_of('0') + 1);
  return static_cast<int>(text.size());
}

std::vector<std::string> texts(const std::vector<NiceNumber>& cuts) {
  std::vector<std::string> out;
  for (const NiceNumber& c : cuts) out.push_back(c.text);
  return out;
}

TEST(NumericBins, QuantileCutsAreNearQuantilesAndReadable) {
  std::vector<std::pair<double, uint64_t>> v;
  for (int i = 0; i < 100; ++i) v.emplace_back(i, 1);
  NumericDistribution d = distribution(v);
  std::vector<NiceNumber> cuts = quantile_cuts(d, 4);
  EXPECT_EQ(texts(cuts), (std::vector<std::string>{"20", "50", "80"}));
  for (size_t j = 0; j < cuts.size(); ++j) {
    // Within a quarter of a bin of the quantile.
    EXPECT_LE(std::fabs(static_cast<double>(d.rows_below(cuts[j].value)) - 25.0 * (j + 1)), 6.25 + 1);
  }
  EXPECT_EQ(range_labels(cuts), (std::vector<std::string>{"< 20", "[20, 50)", "[50, 80)", "\u2265 80"}));
}

TEST(NumericBins, HeavyValuesNeverMakeEmptyBins) {
  // 90 % of the rows hold 0: several quantiles fall on it.
  NumericDistribution d = distribution({{0, 900}, {1, 20}, {2, 20}, {3, 20}, {4, 20}, {5, 20}});
  for (unsigned k = 2; k <= 10; ++k) {
    std::vector<NiceNumber> cuts = quantile_cuts(d, k);
    uint64_t previous = 0;
    for (const NiceNumber& c : cuts) {
      uint64_t below = d.rows_below(c.value);
      EXPECT_GT(below, previous) << k;
      EXPECT_LT(below, d.total()) << k;
      previous = below;
    }
  }
}

// Each cut's window as quantile_cuts first found it: from `best`, a walk boundary by
// boundary on each side while the rows below stay within half a window of the target.
// The binary search must stop where the walk stops.
QuantileWindow window_by_walking(const NumericDistribution& d, unsigned k, unsigned j, size_t best) {
  const double n = static_cast<double>(d.total());
  const double half_window = n / (4.0 * k), target = n * j / k;
  auto in_window = [&](size_t i) { return std::fabs(static_cast<double>(d.rows_upto[i - 1]) - target) <= half_window; };
  QuantileWindow w{best, best, best};
  while (w.first > 1 && in_window(w.first - 1)) --w.first;
  while (w.last < d.size() - 1 && in_window(w.last + 1)) ++w.last;
  return w;
}

// Distributions of 2 to 3,000 values, even or lumpy (a few values holding most rows, so
// that windows stop short on one side), integers or not, and 2 to 12 bins: the windows of
// every cut are the walk's, and each lies around its best boundary.
TEST(NumericBins, QuantileWindowsFoundByBinarySearchAsByWalking) {
  std::mt19937_64 rng(21);
  size_t widened = 0;
  for (int round = 0; round < 400; ++round) {
    const size_t m = 2 + rng() % (round % 4 == 0 ? 3000 : 60);
    std::vector<std::pair<double, uint64_t>> v;
    for (size_t i = 0; i < m; ++i) {
      const uint64_t rows = round % 3 == 0 ? 1 : (rng() % 10 == 0 ? 1 + rng() % 5000 : 1 + rng() % 4);
      const double value = round % 2 ? static_cast<double>(rng() % 100000) : static_cast<double>(rng() % 1000000) / 1000.0;
      v.emplace_back(value, rows);
    }
    const NumericDistribution d = distribution(v, round % 2 == 1);
    if (d.size() < 2) continue;
    for (unsigned k = 2; k <= 12; ++k) {
      for (unsigned j = 1; j < k; ++j) {
        SCOPED_TRACE(testing::Message() << "round " << round << ", " << d.size() << " values, cut " << j << " of " << k);
        const QuantileWindow w = quantile_window(d, k, j);
        ASSERT_LE(1u, w.first);
        ASSERT_LE(w.first, w.best);
        ASSERT_LE(w.best, w.last);
        ASSERT_LT(w.last, d.size());
        const QuantileWindow walked = window_by_walking(d, k, j, w.best);
        ASSERT_EQ(w.first, walked.first);
        ASSERT_EQ(w.last, walked.last);
        widened += w.last - w.first > 1;
      }
    }
  }
  EXPECT_GT(widened, 1000u);  // windows wider than a boundary's neighbours, often
}

std::vector<std::pair<double, uint64_t>> lognormal_sample(int n) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> lognormal(3, 1.2);
  std::vector<std::pair<double, uint64_t>> v;
  for (int i = 0; i < n; ++i) v.emplace_back(std::round(lognormal(rng)), 1);
  return v;
}

TEST(NumericBins, BestCutsIsTheMinimumOverAllChoices) {
  NumericDistribution d = distribution(lognormal_sample(20000));
  std::vector<NiceNumber> candidates = candidate_cuts(d, 7);
  ASSERT_GE(candidates.size(), 8u);
  candidates.resize(12);
  for (unsigned k = 2; k <= 4; ++k) {
    std::vector<NiceNumber> best = best_cuts(d, candidates, k);
    ASSERT_EQ(best.size(), k - 1);
    double best_bits = description_length(d, best, candidates.size());
    // Every choice of k - 1 candidates (bitmasks).
    for (unsigned mask = 0; mask < (1u << candidates.size()); ++mask) {
      if (static_cast<unsigned>(__builtin_popcount(mask)) != k - 1) continue;
      std::vector<NiceNumber> cuts;
      for (size_t i = 0; i < candidates.size(); ++i) {
        if (mask & (1u << i)) cuts.push_back(candidates[i]);
      }
      EXPECT_LE(best_bits, description_length(d, cuts, candidates.size()) + 1e-6) << k << " " << mask;
    }
  }
}

TEST(NumericBins, CandidatesAreReadableQuantiles) {
  NumericDistribution d = distribution(lognormal_sample(20000));
  std::vector<NiceNumber> candidates = candidate_cuts(d, 7);
  for (size_t i = 0; i < candidates.size(); ++i) {
    EXPECT_LE(significant_digits(candidates[i].text), 2) << candidates[i].text;
    if (i) {
      EXPECT_LT(candidates[i - 1].value, candidates[i].value);
    }
  }
}

TEST(NumericBins, MdlBinCount) {
  // Uniform data has no shape to describe: two bins.
  std::vector<std::pair<double, uint64_t>> uniform;
  for (int i = 0; i < 1000; ++i) uniform.emplace_back(i, 10);
  EXPECT_EQ(mdl_cuts(distribution(uniform), 7, 0.125).size(), 1u);
  // A skewed sample: plain MDL (no cost per bin) takes every bin it may on a large table;
  // the per-row cost of a bin stops it earlier.
  NumericDistribution d = distribution(lognormal_sample(100000));
  EXPECT_EQ(mdl_cuts(d, 7, 0).size(), 6u);
  size_t with_cost = mdl_cuts(d, 7, 0.125).size();
  EXPECT_GE(with_cost, 1u);
  EXPECT_LT(with_cost, 6u);
  // Optimal placement describes the data better than equal row counts.
  std::vector<NiceNumber> candidates = candidate_cuts(d, 7);
  EXPECT_LT(description_length(d, best_cuts(d, candidates, 4), candidates.size()),
            description_length(d, quantile_cuts(d, 4), candidates.size()));
}

TEST(NumericBins, PeakedDataGetsABulkBinAndTails) {
  // 80 % of the rows within 10 of 0, the rest spread to +-500.
  std::mt19937_64 rng(9);
  std::vector<std::pair<double, uint64_t>> v;
  for (int i = 0; i < 50000; ++i) {
    int x = i % 5 ? static_cast<int>(rng() % 21) - 10 : static_cast<int>(rng() % 1001) - 500;
    v.emplace_back(x, 1);
  }
  NumericDistribution d = distribution(v);
  std::vector<NiceNumber> cuts = best_cuts(d, candidate_cuts(d, 3), 3);
  ASSERT_EQ(cuts.size(), 2u);
  double bulk = static_cast<double>(d.rows_below(cuts[1].value) - d.rows_below(cuts[0].value)) / 50000;
  EXPECT_GT(bulk, 0.75) << cuts[0].text << " " << cuts[1].text;
}

TEST(NumericBins, LabelsForNegativeAndLargeNumbers) {
  std::vector<NiceNumber> cuts = {NiceNumber{-10, "-10"}, NiceNumber{0, "0"}, NiceNumber{15000, "15000"}};
  EXPECT_EQ(range_labels(cuts), (std::vector<std::string>{"< -10", "[-10, 0)", "[0, 15k)", "\u2265 15k"}));
  std::vector<NiceNumber> around_zero = {NiceNumber{0, "0"}, NiceNumber{1, "1"}, NiceNumber{10, "10"}};
  EXPECT_EQ(range_labels(around_zero, true), (std::vector<std::string>{"< 0", "0", "[1, 10)", "\u2265 10"}));
  EXPECT_EQ(range_labels(around_zero, false)[1], "[0, 1)");
}

// Columns of more than 4,096 distinct values are parsed and binned block by block, on as
// many threads as the arena has: the same plan on one thread and two, each number in the
// bin its edges give, values that are not numbers kept, and the lowest and highest the
// first codes of those values.
TEST(NumericBins, ManyNumbersParsedInBlocks) {
  std::vector<std::string> v;
  for (int i = 0; i < 12000; ++i) {
    v.push_back(i % 1000 == 999 ? fmt::format("unknown {}", i) : fmt::format("{:.2f}", -1000 + i * 0.37));
  }
  // The lowest value again, written otherwise, in a later block (the lowest stays the
  // first), and the highest in an earlier one (the highest becomes that one).
  v[5000] = "-1000.0";
  v[100] = fmt::format("{:.3f}", -1000 + 11998 * 0.37);
  const Table t = test::one_column("x", test::texts(v));
  const BinPlan plan = test::same_plan_on_one_and_two_threads([&] { return plan_numeric_bins(t.column(0), false, {}); });
  EXPECT_EQ(plan.lowest, v[0]);
  EXPECT_EQ(plan.highest, v[100]);
  ASSERT_GE(plan.edges.size(), 1u);
  std::vector<double> edges;
  for (const std::string& e : plan.edges) edges.push_back(std::stod(e));
  for (size_t i = 0; i < v.size(); ++i) {
    const int32_t bin = plan.bin_of[i + 1];  // codes follow first appearance, all distinct
    if (v[i].starts_with("unknown")) {
      EXPECT_EQ(bin, kKeepValue) << v[i];
      continue;
    }
    const double x = std::stod(v[i]);
    EXPECT_EQ(bin, std::upper_bound(edges.begin(), edges.end(), x) - edges.begin()) << v[i];
  }
}

}  // namespace
}  // namespace tsum
