// The engine against the literal transcription of the spec, on many seeded random
// tables, for every cost model: patterns, order, savings (bit for bit), rows, coverage.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/brute_force.h"
#include "engine/random_tables.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

using test::random_table;
using test::Shape;

void expect_agreement(const test::RawTable& raw, CostModelKind model, const std::string& label,
                      bool collapse = true) {
  std::vector<test::BrutePattern> expected = test::brute_force_summary(raw, model);
  SummarizeOptions options;
  options.cost_model = model;
  options.collapse_duplicate_rows = collapse;
  Summary actual = summarize(test::to_table(raw, 37), options);
  ASSERT_EQ(actual.patterns.size(), expected.size()) << label;
  for (size_t i = 0; i < expected.size(); ++i) {
    const SummaryPattern& a = actual.patterns[i];
    const test::BrutePattern& e = expected[i];
    auto e_items = e.items;
    std::sort(e_items.begin(), e_items.end());  // the engine reports pairs in column order
    ASSERT_EQ(a.items.size(), e_items.size()) << label << " rank " << i;
    for (size_t k = 0; k < e_items.size(); ++k) {
      EXPECT_EQ(a.items[k].column, raw.names[e_items[k].first]) << label << " rank " << i;
      EXPECT_EQ(a.items[k].value, e_items[k].second) << label << " rank " << i;
    }
    EXPECT_EQ(a.saving, e.saving) << label << " rank " << i;
    EXPECT_EQ(a.rows, e.rows) << label << " rank " << i;
    EXPECT_EQ(a.coverage, e.coverage) << label << " rank " << i;
  }
}

void run_many_once(uint64_t seed, size_t tables, const Shape& shape, bool collapse);

// Each table is checked with the row-by-row search and with the collapsed one (distinct
// rows weighted by multiplicity, used when it is cheap).
void run_many(uint64_t seed, size_t tables, const Shape& shape) {
  run_many_once(seed, tables, shape, false);
  run_many_once(seed, tables, shape, true);
}

void run_many_once(uint64_t seed, size_t tables, const Shape& shape, bool collapse) {
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < tables; ++i) {
    test::RawTable raw = random_table(rng, shape);
    for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
      expect_agreement(raw, model, "seed " + std::to_string(seed) + " table " + std::to_string(i) + " model " +
                                       cost_model_name(model) + (collapse ? " collapsed" : ""),
                       collapse);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(BruteForceAgreement, SmallRandomTables) {
  run_many(20261126, 500, Shape{8, 6, 300, 0.3, false});
}

TEST(BruteForceAgreement, VariedValueWidthsAndScripts) {
  run_many(7, 200, Shape{6, 10, 200, 0.3, true});
}

TEST(BruteForceAgreement, OneColumnOfManyValuesUsesTheSparsePath) {
  run_many(11, 60, Shape{4, 4, 400, 0.1, false, 500});
}

TEST(BruteForceAgreement, LargeDictionariesCountFewRowsInAList) {
  // Columns of up to 300 values over up to 600 rows (some repeated): most selections below
  // the root hold a few rows of a large dictionary, which the search counts in a short
  // list (count_few_codes) instead of a histogram. (Weighted rows in such selections are
  // kernels_test's: the collapse needs a small key space.)
  run_many(29, 40, Shape{4, 300, 600, 0.05, false, 0, true, 3});
}

TEST(BruteForceAgreement, ManyPatternsAndLongPatterns) {
  // Many columns of few values: long patterns and many rounds of marshalling.
  run_many(13, 40, Shape{8, 3, 300, 0.05, false});
}

TEST(BruteForceAgreement, UniformValuesAndRepeatedRowsTie) {
  // Equally likely values of equal width, rows repeated: many equal counts and savings.
  run_many(19, 150, Shape{5, 4, 200, 0.1, false, 0, true, 4});
}

TEST(BruteForceAgreement, TinyValuesOfZeroOrOneByte) {
  run_many(23, 100, Shape{3, 5, 150, 0.1, false, 0, true, 3, true});
}

TEST(BruteForceAgreement, ExactTiesBetweenEqualGroups) {
  // Every value appears equally often: savings tie and order decides.
  test::RawTable t{{"a", "b", "c"}, {}, {}};
  for (int k = 0; k < 6; ++k)
    for (int r = 0; r < 4; ++r) t.rows.push_back({fmt::format("p{}", k % 3), fmt::format("q{}", k % 2), "z"});
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs})
    expect_agreement(t, model, std::string("ties ") + cost_model_name(model));
}

TEST(BruteForceAgreement, TiesAmongAFewRowsOfALargeDictionaryGoToTheLowerCode) {
  // a = "kkkkkkkk" is held by four rows whose b values are y, x, y, x (y first in the
  // table, so the lower code); 100 filler rows make b's dictionary far larger than the
  // selection (count_few_codes). Widths (8-byte a, 20-byte b) make a = k the best root and
  // its extension by b = x or b = y, two rows each, better still: a tie that only the
  // rule (the lower code) decides.
  test::RawTable t{{"a", "b"}, {}, {}};
  const std::string x(20, 'x'), y(20, 'y');
  for (const std::string& b : {y, x, y, x}) t.rows.push_back({std::string(8, 'k'), b});
  for (int i = 0; i < 100; ++i) t.rows.push_back({fmt::format("f{:07}", i), fmt::format("w{:019}", i)});
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs})
    expect_agreement(t, model, std::string("few-row tie ") + cost_model_name(model));
  SummarizeOptions options;
  Summary s = summarize(test::to_table(t, 37), options);
  ASSERT_FALSE(s.patterns.empty());
  EXPECT_EQ(s.patterns[0].items.size(), 2u);  // the tie was reached (paper)
}

TEST(BruteForceAgreement, NonMonotoneSavingsWithTinyWidths) {
  // Empty strings are values in JSON; here one-byte values in a column that is mostly
  // NULL-free give a small W, so the overhead's jumps can outweigh one more row.
  std::mt19937_64 rng(17);
  for (int i = 0; i < 50; ++i) {
    test::RawTable t{{"a"}, {}, {}};
    size_t rows = 2 + rng() % 40;
    for (size_t r = 0; r < rows; ++r) t.rows.push_back({std::string(1, static_cast<char>('a' + rng() % 3))});
    for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs})
      expect_agreement(t, model, "tiny " + std::to_string(i));
  }
}

}  // namespace
}  // namespace tsum
