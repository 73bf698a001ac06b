#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <cmath>
#include <random>
#include <set>

#include "prepare/prepare.h"
#include "prepare_test_util.h"
#include "support/error_message.h"
#include "tsum/error.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

// id (key), name (free text), n (integer measure), when (timestamps), kind (category).
Table mixed_table(size_t rows = 400) {
  test::RawTable raw;
  raw.names = {"id", "name", "n", "when", "kind"};
  std::mt19937_64 rng(11);
  for (size_t r = 0; r < rows; ++r) {
    raw.rows.push_back({std::to_string(r + 1), "person " + std::to_string(rng() % 1000000),
                        std::to_string(static_cast<int>(rng() % 200) - 20),
                        fmt::format("2001-0{}-1{} {:02d}:{:02d}:00", 1 + r % 6, r % 10, r % 24, r % 60),
                        r % 3 ? "a" : "b"});
  }
  return test::to_table(raw);
}

PrepareOptions paper() { return PrepareOptions{}; }

TEST(Prepare, DefaultsUnderThePaperModel) {
  Table t = mixed_table();
  PreparedTable p = prepare_table(t, paper());
  EXPECT_EQ(p.table.column_names(), (std::vector<std::string>{"n", "when", "kind"}));
  ASSERT_EQ(p.excluded.size(), 2u);
  EXPECT_EQ(p.excluded[0].column, "id");
  EXPECT_NE(p.excluded[0].reason.find("a key or row number"), std::string::npos);
  EXPECT_EQ(p.excluded[1].column, "name");
  ASSERT_EQ(p.binned.size(), 2u);
  EXPECT_EQ(p.binned[0].column, "n");
  EXPECT_EQ(p.binned[0].type, "integer");
  EXPECT_EQ(p.binned[0].unit, "range");
  EXPECT_EQ(p.binned[0].labels.size(), p.binned[0].edges.size() + 1);
  EXPECT_EQ(p.binned[1].column, "when");
  EXPECT_EQ(p.binned[1].type, "timestamp");
  EXPECT_EQ(p.binned[1].unit, "month");
  uint64_t total = 0;
  for (uint64_t r : p.binned[1].rows) total += r;
  EXPECT_EQ(total, 400u);
  EXPECT_EQ(p.table.column_ptr(2), t.column_ptr(4));  // untouched columns are shared, not copied
  ASSERT_EQ(p.columns.size(), 5u);
  EXPECT_EQ(p.columns[0].action, PreparedColumn::Action::kExcluded);
  EXPECT_EQ(p.columns[2].kind, ColumnKind::kInteger);
  EXPECT_EQ(p.columns[2].action, PreparedColumn::Action::kBinned);
  EXPECT_EQ(p.columns[4].kind, ColumnKind::kString);
  EXPECT_EQ(p.columns[4].action, PreparedColumn::Action::kKept);
}

void expect_same_table(const Table& a, const Table& b) {
  ASSERT_EQ(a.num_columns(), b.num_columns());
  for (size_t i = 0; i < a.num_columns(); ++i) EXPECT_EQ(a.column_ptr(i), b.column_ptr(i));
}

PrepareOptions everything_customized(CostModelKind model) {
  PrepareOptions o;
  o.cost_model = model;
  apply_bins_argument("5,n=3,when=none", o);
  apply_type_argument("kind=string,n=float", o);
  o.keep_id_columns = true;
  return o;
}

TEST(Prepare, CompatibilityModelsChangeNothing) {
  Table t = mixed_table();
  for (CostModelKind model : {CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    PrepareOptions plain;
    plain.cost_model = model;
    for (const PrepareOptions& o : {plain, everything_customized(model)}) {
      PreparedTable p = prepare_table(t, o);
      expect_same_table(p.table, t);
      EXPECT_TRUE(p.binned.empty());
      EXPECT_TRUE(p.excluded.empty());
      EXPECT_TRUE(p.columns.empty());
    }
  }
  // Not even unknown column names are looked at.
  PrepareOptions o;
  o.cost_model = CostModelKind::kTsumJs;
  apply_bins_argument("nope=3", o);
  EXPECT_NO_THROW(prepare_table(t, o));
}

TEST(Prepare, BinsNoneAndKeepIdColumnsSummarizeTheTableAsRead) {
  Table t = mixed_table();
  PrepareOptions o;
  apply_bins_argument("none", o);
  o.keep_id_columns = true;
  PreparedTable p = prepare_table(t, o);
  expect_same_table(p.table, t);
  Summary direct = summarize(t), prepared = summarize(p.table);
  describe_preparation(p, prepared);
  ASSERT_EQ(direct.patterns.size(), prepared.patterns.size());
  for (size_t i = 0; i < direct.patterns.size(); ++i) {
    EXPECT_EQ(direct.patterns[i].items, prepared.patterns[i].items);
    EXPECT_EQ(direct.patterns[i].saving, prepared.patterns[i].saving);
  }
  EXPECT_TRUE(prepared.binned_columns.empty());
  EXPECT_TRUE(prepared.excluded_columns.empty());
}

TEST(Prepare, PerColumnOptions) {
  Table t = mixed_table();
  PrepareOptions o;
  apply_bins_argument("n=3", o);
  apply_bins_argument("when=none", o);
  PreparedTable p = prepare_table(t, o);
  ASSERT_EQ(p.binned.size(), 1u);
  EXPECT_EQ(p.binned[0].column, "n");
  EXPECT_LE(p.binned[0].labels.size(), 3u);
  EXPECT_EQ(p.table.column_ptr(1), t.column_ptr(3));  // when: as read

  // A forced string is never binned; a key binned on request is not left out.
  PrepareOptions forced;
  apply_type_argument("n=string", forced);
  apply_bins_argument("id=4", forced);
  PreparedTable q = prepare_table(t, forced);
  EXPECT_EQ(q.table.column_names(), (std::vector<std::string>{"id", "n", "when", "kind"}));
  ASSERT_EQ(q.binned.size(), 2u);
  EXPECT_EQ(q.binned[0].column, "id");
  EXPECT_EQ(q.binned[0].labels.size(), 4u);
  EXPECT_EQ(q.binned[1].column, "when");
  EXPECT_TRUE(q.columns[2].forced);
  EXPECT_EQ(q.columns[2].kind, ColumnKind::kString);

  // --bins N applies to every numeric and temporal column.
  PrepareOptions two;
  apply_bins_argument("2", two);
  PreparedTable r = prepare_table(t, two);
  EXPECT_EQ(r.binned.size(), 2u);
  for (const ColumnBins& b : r.binned) EXPECT_LE(b.labels.size(), 2u) << b.column;

  // --keep-id-columns keeps them as they are.
  PrepareOptions keep;
  keep.keep_id_columns = true;
  PreparedTable k = prepare_table(t, keep);
  EXPECT_EQ(k.table.num_columns(), 5u);
  EXPECT_EQ(k.table.column_ptr(1), t.column_ptr(1));
  EXPECT_TRUE(k.excluded.empty());
}

std::string usage_error(const std::function<void()>& f) { return test::error_message<UsageError>(f); }

TEST(Prepare, Errors) {
  Table t = mixed_table(30);
  PrepareOptions o;
  apply_bins_argument("whn=3", o);
  EXPECT_EQ(usage_error([&] { prepare_table(t, o); }), "--bins whn: unknown column 'whn' (did you mean 'when'?)");
  PrepareOptions s;
  apply_bins_argument("kind=3", s);
  EXPECT_EQ(usage_error([&] { prepare_table(t, s); }),
            "--bins kind: column 'kind' holds string values; only numbers, dates and timestamps are binned "
            "(--type kind=float reads it as numbers)");
  PrepareOptions ty;
  apply_type_argument("nme=string", ty);
  EXPECT_EQ(usage_error([&] { prepare_table(t, ty); }), "--type nme: unknown column 'nme' (did you mean 'name'?)");
}

TEST(PrepareOptions, Parsing) {
  PrepareOptions o;
  EXPECT_FALSE(o.customized());
  apply_bins_argument("auto,n=5", o);
  EXPECT_EQ(o.bins.mode, BinSetting::Mode::kAuto);
  EXPECT_EQ(o.column_bins.at("n"), (BinSetting{BinSetting::Mode::kCount, 5}));
  EXPECT_TRUE(o.customized());
  apply_bins_argument("none", o);
  EXPECT_EQ(o.bins.mode, BinSetting::Mode::kNone);
  apply_bins_argument("a=b=none", o);  // a column named "a=b"
  EXPECT_EQ(o.column_bins.at("a=b").mode, BinSetting::Mode::kNone);
  apply_type_argument("when=timestamp,n=float", o);
  EXPECT_EQ(o.column_types.at("when"), ColumnKind::kTimestamp);
  EXPECT_EQ(o.column_types.at("n"), ColumnKind::kFloat);
  EXPECT_EQ(usage_error([&] { apply_bins_argument("1", o); }),
            "--bins: the number of bins must be between 2 and 1000, got 1");
  EXPECT_EQ(usage_error([&] { apply_bins_argument("many", o); }),
            "--bins: expected none, auto or a number of bins, got 'many'");
  EXPECT_EQ(usage_error([&] { apply_bins_argument("=3", o); }), "--bins: missing column name in '=3'");
  EXPECT_EQ(usage_error([&] { apply_type_argument("n", o); }),
            "--type: expected COLUMN=TYPE (string, integer, float, boolean, date or timestamp), got 'n'");
  EXPECT_EQ(usage_error([&] { apply_type_argument("n=number", o); }),
            "--type n=number: unknown type 'number' (expected string, integer, float, boolean, date or timestamp)");
}

TEST(Prepare, SummariesSpeakInBins) {
  Table t = mixed_table(3000);
  PreparedTable p = prepare_table(t, paper());
  Summary s = summarize(p.table);
  describe_preparation(p, s);
  ASSERT_FALSE(s.patterns.empty());
  ASSERT_EQ(s.binned_columns.size(), 2u);
  EXPECT_EQ(s.excluded_columns.size(), 2u);
  for (const SummaryPattern& pattern : s.patterns) {
    for (const PatternItem& item : pattern.items) {
      if (item.column == "kind") continue;
      const ColumnBins& b = s.binned_columns[item.column == "n" ? 0 : 1];
      EXPECT_NE(std::find(b.labels.begin(), b.labels.end(), item.value), b.labels.end()) << item.value;
    }
  }
  // Deterministic: the same bins and dictionaries every time.
  PreparedTable again = prepare_table(t, paper());
  for (size_t c = 0; c < p.table.num_columns(); ++c) {
    EXPECT_EQ(test::dictionary(p.table.column(c)), test::dictionary(again.table.column(c)));
  }
}

// Random columns of every kind: preprocessing keeps its invariants.
TEST(Prepare, RandomTablesKeepTheInvariants) {
  std::mt19937_64 rng(2024);
  for (int round = 0; round < 60; ++round) {
    test::RawTable raw;
    raw.names = {"a", "b", "c"};
    size_t rows = 1 + rng() % 3000;
    int kinds[3] = {static_cast<int>(rng() % 6), static_cast<int>(rng() % 6), static_cast<int>(rng() % 6)};
    double scale = std::pow(10.0, static_cast<double>(rng() % 12) - 4);
    for (size_t r = 0; r < rows; ++r) {
      std::vector<test::Cell> row;
      for (int kind : kinds) {
        if (rng() % 17 == 0) {
          row.push_back(std::nullopt);
          continue;
        }
        if (rng() % 53 == 0) {
          row.push_back("NA");
          continue;
        }
        switch (kind) {
          case 0: row.push_back(std::to_string(static_cast<int64_t>(rng() % 100000) - 5000)); break;
          case 1: row.push_back(fmt::format("{}", std::exp(static_cast<double>(rng() % 1000) / 100.0) * scale)); break;
          case 2: row.push_back(fmt::format("{}-{:02d}-{:02d}", 1900 + rng() % 150, 1 + rng() % 12, 1 + rng() % 28)); break;
          case 3: row.push_back(fmt::format("2001-03-0{} {:02d}:{:02d}:{:02d}", 1 + rng() % 3, rng() % 24, rng() % 60, rng() % 60)); break;
          case 4: row.push_back(std::to_string(rng() % 5)); break;
          default: row.push_back("v" + std::to_string(rng() % (1 + rows))); break;
        }
      }
      raw.rows.push_back(row);
    }
    Table t = test::to_table(raw);
    PreparedTable p = prepare_table(t, paper());
    ASSERT_EQ(p.table.rows(), t.rows());
    ASSERT_EQ(p.table.num_columns() + p.excluded.size(), t.num_columns());
    for (const ColumnBins& b : p.binned) {
      const Column& c = p.table.column(static_cast<size_t>(p.table.find_column(b.column)));
      const Column& original = t.column(static_cast<size_t>(t.find_column(b.column)));
      ASSERT_EQ(b.labels.size(), b.edges.size() + 1) << b.column;
      ASSERT_EQ(b.rows.size(), b.labels.size());
      EXPECT_EQ(c.null_count(), original.null_count());
      uint64_t binned_rows = 0;
      for (uint64_t n : b.rows) {
        EXPECT_GT(n, 0u) << b.column;
        binned_rows += n;
      }
      uint64_t marker_rows = 0;
      for (uint32_t code = 1; code <= original.cardinality(); ++code) {
        if (original.value(code) == "NA") marker_rows = original.code_counts()[code];
      }
      EXPECT_EQ(binned_rows + marker_rows, original.non_null_count()) << b.column;
      EXPECT_LE(c.cardinality(), b.labels.size() + 1);
      std::set<std::string> distinct(b.labels.begin(), b.labels.end());
      EXPECT_EQ(distinct.size(), b.labels.size()) << b.column;
      if (b.numeric_edges) {
        for (size_t i = 1; i < b.edges.size(); ++i) EXPECT_LT(std::stod(b.edges[i - 1]), std::stod(b.edges[i]));
        EXPECT_LE(b.labels.size(), 7u);
      } else {
        for (size_t i = 1; i < b.labels.size(); ++i) EXPECT_LT(b.labels[i - 1], b.labels[i]) << b.column;
        for (size_t i = 1; i < b.edges.size(); ++i) EXPECT_LT(b.edges[i - 1], b.edges[i]) << b.column;
        EXPECT_LE(b.labels.size(), 12u);
      }
      // Row by row: NULL stays NULL, NA stays NA, every other cell is a label.
      for (uint64_t r = 0; r < t.rows(); ++r) {
        uint32_t before = original.code_at(r), after = c.code_at(r);
        ASSERT_EQ(before == Column::kNull, after == Column::kNull);
        if (before == Column::kNull) continue;
        if (original.value(before) == "NA") {
          EXPECT_EQ(c.value(after), "NA");
        } else {
          EXPECT_TRUE(distinct.count(std::string(c.value(after)))) << c.value(after);
        }
      }
    }
    Summary s = summarize(p.table);
    describe_preparation(p, s);
    EXPECT_EQ(s.binned_columns.size(), p.binned.size());
  }
}

}  // namespace
}  // namespace tsum
