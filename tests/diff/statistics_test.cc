// The diff's statistics: the G-test of a 2x2 table, the chi-squared survival, and the
// size of the pattern space behind the layered Bonferroni correction.
#include <gtest/gtest.h>

#include <cmath>

#include "diff/g_test.h"
#include "diff/pattern_space.h"
#include "support/raw_table.h"

namespace tsum {
namespace {

// G by its definition, 2 * sum O ln(O / E), summed cell by cell.
double g_by_definition(double a, double n1, double b, double n2) {
  double obs[2][2] = {{a, n1 - a}, {b, n2 - b}};
  double rows[2] = {n1, n2}, cols[2] = {a + b, n1 + n2 - a - b}, n = n1 + n2, g = 0;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      if (obs[i][j] > 0) g += obs[i][j] * std::log(obs[i][j] / (rows[i] * cols[j] / n));
    }
  }
  return 2 * g;
}

TEST(GTest, MatchesTheDefinition) {
  EXPECT_NEAR(g_statistic(10, 100, 30, 100), g_by_definition(10, 100, 30, 100), 1e-9);
  EXPECT_NEAR(g_statistic(245, 100000, 2257, 100000), g_by_definition(245, 100000, 2257, 100000), 1e-6);
  EXPECT_NEAR(g_statistic(0, 50, 7, 80), g_by_definition(0, 50, 7, 80), 1e-9);
  EXPECT_NEAR(g_statistic(3, 10, 700, 2000), g_by_definition(3, 10, 700, 2000), 1e-9);
}

TEST(GTest, ZeroWhenSharesAreEqualOrAMarginIsEmpty) {
  EXPECT_EQ(g_statistic(10, 100, 20, 200), 0.0);
  EXPECT_EQ(g_statistic(0, 100, 0, 200), 0.0);
  EXPECT_EQ(g_statistic(100, 100, 200, 200), 0.0);
  EXPECT_EQ(g_statistic(5, 0, 3, 10), 0.0);
}

TEST(GTest, IsSymmetricInTheSides) {
  EXPECT_DOUBLE_EQ(g_statistic(12, 340, 55, 910), g_statistic(55, 910, 12, 340));
}

TEST(ChiSquared, OneDegreeOfFreedomQuantiles) {
  EXPECT_NEAR(chi2_1_survival(3.841458820694124), 0.05, 1e-12);
  EXPECT_NEAR(chi2_1_survival(6.634896601021214), 0.01, 1e-12);
  EXPECT_EQ(chi2_1_survival(0), 1.0);
}

TEST(ChiSquared, LogSurvivalIsContinuousWhereTheSurvivalUnderflows) {
  EXPECT_NEAR(chi2_1_log_survival(100), std::log(chi2_1_survival(100)), 1e-9);
  // Either side of the switch to the asymptotic series.
  EXPECT_NEAR(chi2_1_log_survival(1399.999), chi2_1_log_survival(1400.001), 1e-2);
  EXPECT_TRUE(std::isfinite(chi2_1_log_survival(1e6)));
  EXPECT_LT(chi2_1_log_survival(1e6), chi2_1_log_survival(1e5));
}

TEST(PatternSpace, ElementarySymmetricCounts) {
  // Columns with 2, 3 and 4 values: S_1 = 9, S_2 = 6 + 8 + 12 = 26, S_3 = 24; D = 3.
  test::RawTable raw{{"a", "b", "c"}, {{"a1", "b1", "c1"}, {"a2", "b2", "c2"}, {"a1", "b3", "c3"}, {"a2", "b1", "c4"}}, {}};
  PatternSpace space(test::to_table(raw));
  EXPECT_NEAR(space.log_factor(1), std::log(3.0 * 9), 1e-12);
  EXPECT_NEAR(space.log_factor(2), std::log(3.0 * 26), 1e-12);
  EXPECT_NEAR(space.log_factor(3), std::log(3.0 * 24), 1e-12);
  // alpha / (D S_1) = 0.05 / 27.
  EXPECT_TRUE(space.significant(std::log(0.05 / 27 * 0.999), 1, 0.05));
  EXPECT_FALSE(space.significant(std::log(0.05 / 27 * 1.001), 1, 0.05));
  EXPECT_NEAR(space.adjusted(std::log(0.001), 2), 0.078, 1e-12);
  EXPECT_EQ(space.adjusted(std::log(0.5), 2), 1.0);
}

}  // namespace
}  // namespace tsum

namespace tsum {
namespace {

TEST(ChiSquared, SeveralDegreesOfFreedom) {
  // Upper 5 % and 1 % points of chi-squared tables.
  EXPECT_NEAR(std::exp(chi2_log_survival(5.991464547107979, 2)), 0.05, 1e-12);
  EXPECT_NEAR(std::exp(chi2_log_survival(7.814727903251178, 3)), 0.05, 1e-12);
  EXPECT_NEAR(std::exp(chi2_log_survival(18.307038053275146, 10)), 0.05, 1e-12);
  EXPECT_NEAR(std::exp(chi2_log_survival(15.08627246938899, 5)), 0.01, 1e-12);
  EXPECT_EQ(chi2_log_survival(3.841458820694124, 1), chi2_1_log_survival(3.841458820694124));
  // Far in the tail it stays finite and decreasing.
  EXPECT_TRUE(std::isfinite(chi2_log_survival(1e5, 7)));
  EXPECT_LT(chi2_log_survival(1e5, 7), chi2_log_survival(1e4, 7));
  // More degrees of freedom: the same G is less surprising.
  EXPECT_GT(chi2_log_survival(20, 6), chi2_log_survival(20, 2));
}

}  // namespace
}  // namespace tsum
