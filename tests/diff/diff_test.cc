// diff_tables and diff_by on small tables built in memory: what is reported, what is
// explained away, column changes, shared bins, determinism and bad input.
#include <gtest/gtest.h>

#include <ostream>
#include <random>

#include "support/raw_table.h"
#include "tsum/diff.h"
#include "tsum/error.h"

namespace tsum {
namespace {

using test::RawTable;

// Columns a, b, c with values drawn independently (skewed); `planted` rows (at random
// places) get a = a1, b = b2.
RawTable draw(unsigned seed, size_t rows, size_t planted) {
  std::mt19937 rng(seed);
  std::discrete_distribution<int> value({5, 4, 3, 2, 1});
  RawTable raw{{"a", "b", "c"}, {}, {}};
  for (size_t r = 0; r < rows; ++r) {
    raw.rows.push_back({"a" + std::to_string(value(rng)), "b" + std::to_string(value(rng)), "c" + std::to_string(value(rng))});
  }
  std::uniform_int_distribution<size_t> row(0, rows - 1);
  for (size_t k = 0; k < planted; ++k) {
    auto& cells = raw.rows[row(rng)];
    cells[0] = "a1";
    cells[1] = "b2";
  }
  return raw;
}

}  // namespace

// Readable failures for patterns.
void PrintTo(const PatternItem& item, std::ostream* os) { *os << item.column << " = " << item.value; }

namespace {

std::vector<PatternItem> items(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<PatternItem> out;
  for (auto [c, v] : list) out.push_back({c, v});
  return out;
}

TEST(Diff, PlantedSegmentIsRankedFirstAndItsItemsAreExplained) {
  Diff d = diff_tables(test::to_table(draw(1, 20000, 0)), test::to_table(draw(2, 20000, 800)));
  ASSERT_FALSE(d.patterns.empty());
  const DiffPattern& top = d.patterns[0];
  EXPECT_EQ(top.items, items({{"a", "a1"}, {"b", "b2"}}));
  EXPECT_EQ(top.status, "up");
  EXPECT_GT(top.new_rows, top.old_rows);
  EXPECT_NEAR(top.change, top.new_share - top.old_share, 1e-12);
  EXPECT_NEAR(top.old_share, 100.0 * top.old_rows / 20000, 1e-12);
  EXPECT_LT(top.p_value, 0.05);
  // a = a1 and b = b2 alone moved too, but only through the segment: not repeated.
  for (const DiffPattern& p : d.patterns) {
    EXPECT_NE(p.items, items({{"a", "a1"}}));
    EXPECT_NE(p.items, items({{"b", "b2"}}));
  }
  EXPECT_GT(d.explained, 0u);
  for (size_t i = 1; i < d.patterns.size(); ++i) EXPECT_GE(d.patterns[i - 1].g, d.patterns[i].g);
}

TEST(Diff, SideEffectsOfTwoReportedPatternsAreExplainedJointly) {
  // Every 50th row M, adult, normal of the patients table becomes F, adult, high: the
  // two changed combinations are reported; the single values that moved only through
  // them (blood_pressure = high, gender = F, ...) are not. (10^6 rows: at 10^4 the drop
  // of M, normal is itself explained by the growth of F, adult, as it should be.)
  RawTable old_raw = test::patients(100000), new_raw = test::patients(100000);
  for (size_t r = 0; r < new_raw.rows.size(); r += 50) new_raw.rows[r] = {"F", "adult", "high"};
  Diff d = diff_tables(test::to_table(old_raw), test::to_table(new_raw));
  ASSERT_EQ(d.patterns.size(), 2u);
  EXPECT_EQ(d.patterns[0].items, items({{"gender", "F"}, {"age", "adult"}}));
  EXPECT_EQ(d.patterns[0].status, "new");
  EXPECT_EQ(d.patterns[0].new_rows, 20000u);
  EXPECT_EQ(d.patterns[1].items, items({{"gender", "M"}, {"blood_pressure", "normal"}}));
  EXPECT_EQ(d.patterns[1].change, -2.0);
  EXPECT_GE(d.explained, 3u);
}

TEST(Diff, SameDistributionReportsNothing) {
  Diff d = diff_tables(test::to_table(draw(3, 20000, 0)), test::to_table(draw(4, 15000, 0)));
  EXPECT_TRUE(d.patterns.empty());
  EXPECT_GT(d.candidates, 0u);
  EXPECT_EQ(d.old_rows, 20000u);
  EXPECT_EQ(d.new_rows, 15000u);
}

TEST(Diff, CombinationOnlyInNewIsNew) {
  RawTable old_raw{{"x", "y"}, {}, {}}, new_raw{{"y", "x"}, {}, {}};  // column order differs
  for (int i = 0; i < 400; ++i) {
    old_raw.rows.push_back({i % 2 ? "p" : "q", i % 3 ? "r" : "s"});
    new_raw.rows.push_back({i % 3 ? "r" : "s", i % 2 ? "p" : "q"});
  }
  for (int i = 0; i < 100; ++i) new_raw.rows.push_back({"t", "p"});
  Diff d = diff_tables(test::to_table(old_raw), test::to_table(new_raw));
  ASSERT_FALSE(d.patterns.empty());
  EXPECT_EQ(d.columns, (std::vector<std::string>{"x", "y"}));  // OLD's order
  EXPECT_EQ(d.patterns[0].items, items({{"y", "t"}}));
  EXPECT_EQ(d.patterns[0].status, "new");
  EXPECT_EQ(d.patterns[0].old_rows, 0u);
  EXPECT_EQ(d.patterns[0].new_rows, 100u);
}

TEST(Diff, ColumnChangesComeFirstAndOnlyCommonColumnsAreCompared) {
  RawTable old_raw{{"id", "n", "gone"}, {}, {}}, new_raw{{"id", "n", "added"}, {}, {}};
  for (int i = 0; i < 50; ++i) {
    old_raw.rows.push_back({std::to_string(i % 5), std::to_string(i % 7), "g"});
    new_raw.rows.push_back({std::to_string(i % 5), i % 2 ? "x" : "y", "h"});
  }
  Diff d = diff_tables(test::to_table(old_raw), test::to_table(new_raw));
  ASSERT_EQ(d.column_changes.size(), 3u);
  EXPECT_EQ(d.column_changes[0].column, "gone");
  EXPECT_EQ(d.column_changes[0].change, "removed");
  EXPECT_EQ(d.column_changes[1].column, "added");
  EXPECT_EQ(d.column_changes[1].change, "added");
  EXPECT_EQ(d.column_changes[2].column, "n");
  EXPECT_EQ(d.column_changes[2].change, "type_changed");
  EXPECT_EQ(d.column_changes[2].old_type, "integer");
  EXPECT_EQ(d.column_changes[2].new_type, "string");
  EXPECT_EQ(d.columns, (std::vector<std::string>{"id", "n"}));
}

TEST(Diff, NumericColumnIsBinnedWithTheSameEdgesOnBothSides) {
  RawTable old_raw{{"amount", "k"}, {}, {}}, new_raw{{"amount", "k"}, {}, {}};
  for (int i = 0; i < 3000; ++i) {
    old_raw.rows.push_back({std::to_string(i % 1000), i % 2 ? "u" : "v"});
    new_raw.rows.push_back({std::to_string(500 + i % 1000), i % 2 ? "u" : "v"});
  }
  Diff d = diff_tables(test::to_table(old_raw), test::to_table(new_raw));
  ASSERT_EQ(d.binned_columns.size(), 1u);
  const ColumnBins& bins = d.binned_columns[0];
  ASSERT_FALSE(d.patterns.empty());
  // Every reported amount is one of the union's bin labels; the low bin is gone from NEW
  // (its complement, the high bin, rose only because of that: explained, not repeated).
  bool gone = false;
  for (const DiffPattern& p : d.patterns) {
    for (const PatternItem& item : p.items) {
      if (item.column != "amount") continue;
      EXPECT_NE(std::find(bins.labels.begin(), bins.labels.end(), item.value), bins.labels.end()) << item.value;
    }
    gone |= p.status == "gone";
  }
  EXPECT_TRUE(gone);
  EXPECT_EQ(d.patterns.size(), 1u);
}

TEST(Diff, DeterministicForAnyThreadCount) {
  Table old_table = test::to_table(draw(5, 30000, 0)), new_table = test::to_table(draw(6, 30000, 900));
  DiffOptions one, two;
  one.threads = 1;
  two.threads = 2;
  EXPECT_EQ(render_diff_json({diff_tables(old_table, new_table, one)}), render_diff_json({diff_tables(old_table, new_table, two)}));
}

TEST(Diff, NoColumnInCommonIsAnError) {
  RawTable a{{"x"}, {{"1"}}, {}}, b{{"y"}, {{"1"}}, {}};
  DiffOptions o;
  o.old_name = "a.csv";
  o.new_name = "b.csv";
  try {
    diff_tables(test::to_table(a), test::to_table(b), o);
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "a.csv and b.csv have no column in common");
  }
}

TEST(Diff, EmptySideGivesAStatedEmptyResult) {
  RawTable a{{"x"}, {}, {}}, b{{"x"}, {{"1"}, {"2"}}, {}};
  Diff d = diff_tables(test::to_table(a), test::to_table(b));
  EXPECT_TRUE(d.patterns.empty());
  EXPECT_EQ(d.note, "OLD has no rows: no pattern can be compared");
  EXPECT_NE(render_diff_text({d}).find("OLD has no rows"), std::string::npos);
}

TEST(DiffBy, EachValueAgainstTheRest) {
  RawTable raw{{"shard", "a", "b"}, {}, {}};
  std::mt19937 rng(7);
  std::bernoulli_distribution half(0.5), tenth(0.1), quarter(0.25);
  for (int i = 0; i < 6000; ++i) {
    bool s2 = i % 3 == 0;
    // Shard s2 holds a = hot far more often than the rest; b is independent of both.
    raw.rows.push_back({s2 ? "s2" : "s1", (s2 ? half(rng) : tenth(rng)) ? "hot" : "cold", quarter(rng) ? "n" : "m"});
  }
  std::vector<Diff> diffs = diff_by(test::to_table(raw), "shard", std::nullopt);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].by_value, "s1");  // the most rows first
  EXPECT_EQ(diffs[1].by_value, "s2");
  EXPECT_EQ(diffs[1].new_rows, 2000u);
  EXPECT_EQ(diffs[1].old_rows, 4000u);
  ASSERT_FALSE(diffs[1].patterns.empty());
  EXPECT_EQ(diffs[1].patterns[0].items, items({{"a", "hot"}}));
  EXPECT_EQ(diffs[1].columns, (std::vector<std::string>{"a", "b"}));  // the --by column is not compared

  std::vector<Diff> one = diff_by(test::to_table(raw), "shard", std::string("s2"));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(render_diff_json(one).find("\"value\":\"s2\"") != std::string::npos, true);
}

TEST(DiffBy, BadColumns) {
  RawTable raw{{"shard", "a"}, {{"s1", "x"}, {"s1", "y"}}, {}};
  Table t = test::to_table(raw);
  EXPECT_THROW(diff_by(t, "shrd", std::nullopt), UsageError);
  try {
    diff_by(t, "shard", std::nullopt);
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "--by shard: the column has one value ('s1'); nothing to contrast it with");
  }
  EXPECT_THROW(diff_by(t, "a", std::string("z")), DataError);
}

}  // namespace
}  // namespace tsum
