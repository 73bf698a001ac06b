#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "prepare/type_inference.h"
#include "prepare_test_util.h"

#include <functional>

namespace tsum {
namespace {

using test::one_column;
using test::texts;

ColumnKind kind_of(const std::vector<std::optional<std::string>>& values) {
  return infer_column_kind(one_column("c", values).column(0)).kind;
}

TEST(TypeInference, EachKind) {
  EXPECT_EQ(kind_of(texts({"true", "False", "TRUE"})), ColumnKind::kBoolean);
  EXPECT_EQ(kind_of(texts({"yes", "no"})), ColumnKind::kBoolean);
  EXPECT_EQ(kind_of(texts({"1", "-2", "+30"})), ColumnKind::kInteger);
  EXPECT_EQ(kind_of(texts({"1", "2.5", "1e3"})), ColumnKind::kFloat);
  EXPECT_EQ(kind_of(texts({"2001-01-15", "Jan 3 2001", "2001/02/01"})), ColumnKind::kDate);
  EXPECT_EQ(kind_of(texts({"2001-01-15", "2001-01-15 06:00:00"})), ColumnKind::kTimestamp);
  EXPECT_EQ(kind_of(texts({"LAS", "PHL"})), ColumnKind::kString);
  EXPECT_EQ(kind_of(texts({"12", "x"})), ColumnKind::kString);
}

TEST(TypeInference, NullsAndMissingMarkersAreIgnored) {
  EXPECT_EQ(kind_of({"1", std::nullopt, "NA", "2", "-"}), ColumnKind::kInteger);
  EXPECT_EQ(kind_of({"1.5", "N/A", "null"}), ColumnKind::kFloat);
  EXPECT_EQ(kind_of({"2001-01-15", "?"}), ColumnKind::kDate);
  EXPECT_EQ(kind_of({std::nullopt, "NA"}), ColumnKind::kString);
  EXPECT_EQ(kind_of({std::nullopt}), ColumnKind::kString);
}

TEST(TypeInference, ZeroPaddedNumbersAreCodes) {
  EXPECT_EQ(kind_of(texts({"02134", "10001", "94105"})), ColumnKind::kString);
  EXPECT_EQ(kind_of(texts({"007", "1.5"})), ColumnKind::kString);
  EXPECT_EQ(kind_of(texts({"0", "10", "0.5"})), ColumnKind::kFloat);
}

TEST(TypeInference, SlashDatesAreMonthFirstUnlessOnlyDayFirstReads) {
  InferredKind us = infer_column_kind(one_column("d", texts({"3/4/2001", "12/31/2001"})).column(0));
  EXPECT_EQ(us.kind, ColumnKind::kDate);
  EXPECT_EQ(us.slash_order, SlashOrder::kMonthFirst);
  InferredKind eu = infer_column_kind(one_column("d", texts({"3/4/2001", "31/12/2001 10:00"})).column(0));
  EXPECT_EQ(eu.kind, ColumnKind::kTimestamp);
  EXPECT_EQ(eu.slash_order, SlashOrder::kDayFirst);
  EXPECT_EQ(kind_of(texts({"13/4/2001", "4/13/2001"})), ColumnKind::kString);
}

TEST(TypeInference, JsonTypesAsRead) {
  test::RawTable raw;
  raw.names = {"n", "b"};
  raw.rows = {{"1.5", "true"}, {"2", "false"}};
  raw.typed_numbers = {true, false};
  Table t = test::to_table(raw);
  EXPECT_EQ(infer_column_kind(t.column(0)).kind, ColumnKind::kFloat);
  EXPECT_EQ(infer_column_kind(t.column(1)).kind, ColumnKind::kBoolean);
}

// Columns of more than 4,096 distinct values are checked block by block, on as many
// threads as the arena has: the kind must be the serial answer whichever block holds
// the value that decides it, on one thread or two.
TEST(TypeInference, ManyDistinctValuesCheckedInBlocks) {
  const size_t n = 20000;
  auto column = [&](const std::function<std::string(size_t)>& value_at) {
    std::vector<std::optional<std::string>> v;
    for (size_t i = 0; i < n; ++i) v.push_back(value_at(i));
    return v;
  };
  // 33,600 distinct whole dates, d/m/yyyy with d and m <= 12 (both slash orders read them).
  auto date = [](size_t i) { return fmt::format("{}-{:02d}-{:02d}", 1900 + i / 336, 1 + i / 28 % 12, 1 + i % 28); };
  auto slash = [](size_t i) { return fmt::format("{}/{}/{}", 1 + i % 12, 1 + i / 12 % 12, 1800 + i / 144); };
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      SCOPED_TRACE(threads);
      auto integers = [](size_t i) { return std::to_string(i * 7); };
      EXPECT_EQ(kind_of(column(integers)), ColumnKind::kInteger);
      for (size_t at : {size_t{3}, size_t{9000}, n - 1}) {
        SCOPED_TRACE(at);
        EXPECT_EQ(kind_of(column([&](size_t i) { return i == at ? "2.5" : integers(i); })), ColumnKind::kFloat);
        EXPECT_EQ(kind_of(column([&](size_t i) { return i == at ? "x" : integers(i); })), ColumnKind::kString);
        EXPECT_EQ(kind_of(column([&](size_t i) { return i == at ? "NA" : integers(i); })), ColumnKind::kInteger);
        EXPECT_EQ(kind_of(column([&](size_t i) { return i == at ? "2001-01-01 10:00" : date(i); })),
                  ColumnKind::kTimestamp);
        EXPECT_EQ(kind_of(column([&](size_t i) { return i == at ? "2001-01-0x" : date(i); })), ColumnKind::kString);
        // One value reads only day first: the whole column is day first.
        InferredKind k = infer_column_kind(one_column("d", column([&](size_t i) { return i == at ? "31/12/2001" : slash(i); })).column(0));
        EXPECT_EQ(k.kind, ColumnKind::kDate);
        EXPECT_EQ(k.slash_order, SlashOrder::kDayFirst);
        // One slash date among ISO dates, unreadable month first: still a date, month first
        // reading fails, day first reads it.
        k = infer_column_kind(one_column("d", column([&](size_t i) { return i == at ? "13/1/2001" : date(i); })).column(0));
        EXPECT_EQ(k.kind, ColumnKind::kDate);
        EXPECT_EQ(k.slash_order, SlashOrder::kDayFirst);
      }
      EXPECT_EQ(kind_of(column(date)), ColumnKind::kDate);
      EXPECT_EQ(infer_column_kind(one_column("d", column(slash)).column(0)).slash_order, SlashOrder::kMonthFirst);
      EXPECT_EQ(kind_of(column([](size_t i) { return i % 2 ? "yes" : "no"; })), ColumnKind::kBoolean);
    });
  }
}

}  // namespace
}  // namespace tsum
