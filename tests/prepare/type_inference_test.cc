#include <gtest/gtest.h>

#include "prepare/type_inference.h"
#include "prepare_test_util.h"

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

}  // namespace
}  // namespace tsum
