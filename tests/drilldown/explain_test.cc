// explain_pattern: its WHERE clause selects exactly the pattern's rows (bins included),
// and its counts, samples and context agree with the summary.
#include "tsum/explain.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>

#include "drilldown/where_clause.h"
#include "engine/random_tables.h"
#include "prepare/prepare.h"
#include "support/raw_table.h"
#include "tsum/error.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

struct Summarized {
  Table table;
  PreparedTable prepared;
  Summary summary;
};

Summarized summarize_prepared(const Table& table, CostModelKind model = CostModelKind::kPaper) {
  PrepareOptions prepare;
  prepare.cost_model = model;
  SummarizeOptions options;
  options.cost_model = model;
  Summarized run{table, prepare_table(table, prepare), {}};
  run.summary = summarize(run.prepared.table, options);
  describe_preparation(run.prepared, run.summary);
  return run;
}

// Groups, a number and a date that follow the group (so patterns use their bins), a free
// text column, and NULLs.
Table mixed_table(uint64_t seed) {
  std::mt19937_64 rng(seed);
  test::RawTable raw{{"grp", "n", "day", "note"}, {}, {}};
  for (int i = 0; i < 3000; ++i) {
    const int g = rng() % 10 < 6 ? 0 : static_cast<int>(rng() % 3);
    const int n = g * 100 + static_cast<int>(rng() % 60) + (rng() % 7 == 0 ? 200 : 0);
    const int month = 1 + (g * 4 + static_cast<int>(rng() % 3)) % 12;
    test::Cell day = rng() % 20 == 0 ? std::nullopt : test::Cell(fmt::format("20{:02d}-{:02d}-{:02d}", 10 + g, month, 1 + rng() % 28));
    raw.rows.push_back({std::string(1, static_cast<char>('a' + g)), std::to_string(n), day,
                        rng() % 4 == 0 ? test::Cell("n/a") : test::Cell(std::string(1 + rng() % 3, 'x'))});
  }
  return test::to_table(raw);
}

void expect_where_selects_each_pattern(const Summarized& run, const std::string& context) {
  uint64_t new_rows = 0;
  for (size_t rank = 1; rank <= run.summary.patterns.size(); ++rank) {
    const PatternExplanation e = explain_pattern(run.table, run.prepared.table, run.summary, rank);
    const std::vector<uint8_t> where = rows_matching(run.table, parse_where(e.where));
    uint64_t count = 0;
    for (uint8_t m : where) count += m;
    EXPECT_EQ(count, e.rows) << context << " rank " << rank << ": " << e.where;
    EXPECT_EQ(e.rows, run.summary.patterns[rank - 1].rows) << context << " rank " << rank;
    for (uint64_t row : e.sample_rows) EXPECT_TRUE(where[row - 1]) << context << " rank " << rank << " row " << row;
    new_rows += e.new_rows;
  }
  EXPECT_EQ(new_rows, run.summary.covered_rows) << context;
}

TEST(Explain, WhereSelectsExactlyThePatternsRowsWithBins) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Summarized run = summarize_prepared(mixed_table(seed));
    ASSERT_FALSE(run.summary.binned_columns.empty()) << "seed " << seed;
    bool range = false;
    for (size_t rank = 1; rank <= run.summary.patterns.size(); ++rank) {
      range = range || explain_pattern(run.table, run.prepared.table, run.summary, rank).where.find(" >= ") != std::string::npos;
    }
    EXPECT_TRUE(range) << "no pattern used a bin, seed " << seed;
    expect_where_selects_each_pattern(run, "seed " + std::to_string(seed));
  }
}

TEST(Explain, WhereSelectsExactlyThePatternsRowsOnRandomTables) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 150; ++trial) {
    test::Shape shape{5, 8, 60, 0.25, trial % 2 == 1};
    const Table t = test::to_table(test::random_table(rng, shape));
    for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kEntropy}) {
      expect_where_selects_each_pattern(summarize_prepared(t, model), "trial " + std::to_string(trial));
    }
  }
}

TEST(Explain, SamplesAndContext) {
  Summarized run = summarize_prepared(test::to_table(test::patients()));
  PatternExplanation e = explain_pattern(run.table, run.prepared.table, run.summary, 1, {3, 2});
  EXPECT_EQ(e.where, "gender = 'M' AND age = 'adult'");
  EXPECT_EQ(e.rows, 5u);
  EXPECT_EQ(e.new_rows, 5u);
  EXPECT_EQ(e.table_rows, 10u);
  ASSERT_EQ(e.sample_rows.size(), 3u);
  EXPECT_EQ(e.columns, run.table.column_names());
  for (size_t i = 0; i < e.samples.size(); ++i) {
    const uint64_t row = e.sample_rows[i] - 1;
    for (size_t c = 0; c < e.columns.size(); ++c) {
      EXPECT_EQ(e.samples[i][c], std::optional<std::string>(run.table.column(c).value(run.table.column(c).code_at(row))));
    }
  }
  ASSERT_EQ(e.context.size(), 1u);  // blood_pressure: the one column the pattern does not name
  EXPECT_EQ(e.context[0].column, "blood_pressure");
  ASSERT_FALSE(e.context[0].top.empty());
  EXPECT_LE(e.context[0].top.size(), 2u);
  uint64_t shown = 0;
  for (const ValueShare& v : e.context[0].top) {
    shown += v.rows;
    EXPECT_DOUBLE_EQ(v.share, 100.0 * static_cast<double>(v.rows) / 5.0);
  }
  EXPECT_LE(shown, 5u);
  for (size_t k = 1; k < e.context[0].top.size(); ++k) EXPECT_GE(e.context[0].top[k - 1].rows, e.context[0].top[k].rows);
}

TEST(Explain, RankOutOfRange) {
  Summarized run = summarize_prepared(test::to_table(test::patients()));
  EXPECT_THROW(explain_pattern(run.table, run.prepared.table, run.summary, 3), UsageError);
  EXPECT_THROW(explain_pattern(run.table, run.prepared.table, run.summary, 0), UsageError);
  try {
    explain_pattern(run.table, run.prepared.table, run.summary, 3);
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--explain 3: the summary has 2 patterns (1 to 2)");
  }
}

}  // namespace
}  // namespace tsum
