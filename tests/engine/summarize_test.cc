// The spec's worked example through the C++ API, and properties of summarize().
#include "tsum/summarize.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "support/raw_table.h"
#include "support/same_summary.h"

namespace tsum {
namespace {

using Items = std::vector<PatternItem>;
const Items kAdultMales = {{"gender", "M"}, {"age", "adult"}};
const Items kChildrenLow = {{"age", "child"}, {"blood_pressure", "low"}};

Summary run(const Table& t, CostModelKind model, unsigned threads = 0) {
  SummarizeOptions o;
  o.cost_model = model;
  o.threads = threads;
  return summarize(t, o);
}

TEST(Summarize, SpecExamplePaper) {
  Summary s = run(test::to_table(test::patients()), CostModelKind::kPaper);
  ASSERT_EQ(s.patterns.size(), 2u);
  EXPECT_EQ(s.patterns[0].items, kAdultMales);
  EXPECT_DOUBLE_EQ(s.patterns[0].saving, 179.8);
  EXPECT_EQ(s.patterns[0].rows, 5u);
  EXPECT_EQ(s.patterns[0].coverage, 50.0);
  EXPECT_EQ(s.patterns[0].cumulative_coverage, 50.0);
  EXPECT_EQ(s.patterns[1].items, kChildrenLow);
  EXPECT_EQ(s.patterns[1].saving, 135.0);
  EXPECT_EQ(s.patterns[1].rows, 3u);
  EXPECT_EQ(s.patterns[1].coverage, 30.0);
  EXPECT_EQ(s.patterns[1].cumulative_coverage, 80.0);
  EXPECT_EQ(s.covered_rows, 8u);
}

TEST(Summarize, SpecExampleTsumDask) {
  Summary s = run(test::to_table(test::patients()), CostModelKind::kTsumDask);
  ASSERT_EQ(s.patterns.size(), 2u);
  EXPECT_EQ(s.patterns[0].items, kAdultMales);
  EXPECT_EQ(s.patterns[0].saving, 3313);
  EXPECT_EQ(s.patterns[1].items, kChildrenLow);
  EXPECT_EQ(s.patterns[1].saving, 1684);
}

TEST(Summarize, SpecExampleTsumJs) {
  Summary s = run(test::to_table(test::patients()), CostModelKind::kTsumJs);
  ASSERT_EQ(s.patterns.size(), 2u);
  EXPECT_EQ(s.patterns[0].items, kAdultMales);
  EXPECT_EQ(s.patterns[0].saving, 375.3852901558848);
  EXPECT_EQ(s.patterns[1].items, kChildrenLow);
  EXPECT_EQ(s.patterns[1].saving, 248.35614381022526);
}

TEST(Summarize, SeedBenchmarkAtOneMillionRows) {
  Table t = test::to_table(test::patients(100000), 65536);
  Summary s = run(t, CostModelKind::kTsumDask);
  ASSERT_EQ(s.patterns.size(), 4u);
  const double savings[] = {415999057, 254399044, 127198629, 124798653};
  const double coverage[] = {50, 30, 10, 10};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.patterns[i].saving, savings[i]) << i;
    EXPECT_EQ(s.patterns[i].coverage, coverage[i]) << i;
  }
  EXPECT_EQ(s.patterns[0].items, kAdultMales);
  EXPECT_EQ(s.patterns[1].items, kChildrenLow);
  EXPECT_EQ(s.patterns[2].items, (Items{{"gender", "F"}, {"age", "child"}, {"blood_pressure", "normal"}}));
  EXPECT_EQ(s.patterns[3].items, (Items{{"gender", "M"}, {"age", "teen"}, {"blood_pressure", "high"}}));
  EXPECT_EQ(s.covered_rows, 1000000u);
}

TEST(Summarize, SeedBenchmarkHasFourPatternsFromTenCopiesOn) {
  EXPECT_EQ(run(test::to_table(test::patients(10)), CostModelKind::kTsumDask).patterns.size(), 4u);
}

TEST(Summarize, EmptyTableHasNoPatterns) {
  test::RawTable raw{{"a", "b"}, {}, {}};
  Summary s = run(test::to_table(raw), CostModelKind::kPaper);
  EXPECT_TRUE(s.patterns.empty());
  EXPECT_EQ(s.rows, 0u);
}

TEST(Summarize, NullsNeverMatch) {
  test::RawTable raw{{"a", "b"}, {}, {}};
  for (int i = 0; i < 50; ++i) raw.rows.push_back({std::nullopt, std::string("x")});
  Summary s = run(test::to_table(raw), CostModelKind::kPaper);
  ASSERT_EQ(s.patterns.size(), 1u);
  EXPECT_EQ(s.patterns[0].items, (Items{{"b", "x"}}));
}

TEST(Summarize, LimitKeepsTotals) {
  SummarizeOptions o;
  o.cost_model = CostModelKind::kTsumDask;
  o.limit = 1;
  Summary s = summarize(test::to_table(test::patients(10)), o);
  EXPECT_EQ(s.patterns.size(), 1u);
  EXPECT_EQ(s.total_patterns, 4u);
  EXPECT_EQ(s.covered_rows, 100u);
}

TEST(Summarize, TableBitsSumsEveryNonNullCell) {
  Summary s = run(test::to_table(test::patients()), CostModelKind::kTsumJs);
  // gender 10 x 16, age 5 x 80 + 4 x 80 + 1 x 64, blood_pressure 3 x 96 + 5 x 48 + 2 x 64
  EXPECT_EQ(s.table_bits, 160 + 784 + 656);
}

TEST(Summarize, SameAnswerForAnyThreadCountAndChunking) {
  test::RawTable raw = test::patients(3000);
  // Perturb rows so that many patterns exist.
  for (size_t r = 0; r < raw.rows.size(); r += 7) raw.rows[r][r % 3] = std::to_string(r % 13);
  Summary one = run(test::to_table(raw), CostModelKind::kPaper, 1);
  Summary two = run(test::to_table(raw, 977), CostModelKind::kPaper, 2);
  test::expect_same_patterns(one, two, "1 thread, one chunk against 2 threads, chunks of 977 rows");
}

// Thousands of patterns (values that each recur a few times): the summary's patterns are
// written in blocks of 1,024 on the threads, each at its rank, and the totals summed in
// rank order; with a limit, only the kept ones are written.
TEST(Summarize, ThousandsOfPatternsAlikeOnOneAndTwoThreads) {
  test::RawTable raw;
  raw.names = {"a", "b"};
  for (size_t r = 0; r < 24000; ++r) {
    raw.rows.push_back({"v" + std::to_string((r * 7919) % 4000), "w" + std::to_string((r * 104729) % 3000)});
  }
  const Table table = test::to_table(raw);
  for (std::optional<size_t> limit : {std::optional<size_t>{}, std::optional<size_t>{2500}}) {
    SummarizeOptions o;
    o.limit = limit;
    o.threads = 1;
    const Summary one = summarize(table, o);
    o.threads = 2;
    const Summary two = summarize(table, o);
    ASSERT_GE(one.total_patterns, 3000u);  // three blocks
    EXPECT_EQ(one.patterns.size(), limit.value_or(one.total_patterns));
    test::expect_same_patterns(one, two, limit ? "limit 2500" : "no limit");
    EXPECT_EQ(one.total_patterns, two.total_patterns);
    EXPECT_EQ(one.total_saving, two.total_saving);
    EXPECT_EQ(one.covered_rows, two.covered_rows);
    for (size_t i = 1; i < one.patterns.size(); ++i) {
      ASSERT_GE(one.patterns[i].cumulative_coverage, one.patterns[i - 1].cumulative_coverage) << i;
    }
  }
}

// Many copies of few distinct rows, in columns of ~100 values: the search runs on the
// distinct rows weighted by their copies, and most selections below a root are a handful
// of distinct rows in a large dictionary (the weighted few-row counting). Row by row
// gives the same summary, for every cost model and search.
TEST(Summarize, DuplicateRowsCollapsedGiveTheSameSummary) {
  test::RawTable raw;
  raw.names = {"a", "b"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  // 121 x 101 keys; 4 x that many rows lets the work table collapse them.
  for (int r = 0; r < 60000; ++r) {
    const uint32_t a = next() % 120;
    const uint32_t b = next() % 200 == 0 ? next() % 100 : (a * 7) % 100;
    raw.rows.push_back({"a" + std::to_string(a), "b" + std::to_string(b)});
  }
  const Table t = test::to_table(raw);
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                              CostModelKind::kEntropy}) {
    for (SearchKind search : {SearchKind::kGreedy, SearchKind::kBeam}) {
      SummarizeOptions o;
      o.cost_model = model;
      o.search = search;
      o.threads = 2;
      const Summary collapsed = summarize(t, o);
      o.collapse_duplicate_rows = false;
      const Summary row_by_row = summarize(t, o);
      const std::string what = std::string(cost_model_name(model)) + " " + search_name(search);
      ASSERT_GT(collapsed.patterns.size(), 50u) << what;
      test::expect_same_patterns(collapsed, row_by_row, what);
      EXPECT_EQ(collapsed.covered_rows, row_by_row.covered_rows) << what;
    }
  }
}

}  // namespace
}  // namespace tsum
