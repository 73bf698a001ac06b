#include "table/concat.h"

#include <gtest/gtest.h>

#include "support/raw_table.h"
#include "tsum/error.h"

namespace tsum {
namespace {

test::RawTable rows(std::vector<std::string> names, std::vector<std::vector<test::Cell>> cells) {
  return test::RawTable{std::move(names), std::move(cells), {}};
}

TEST(Concat, EqualsTheTableReadAsOne) {
  auto a = rows({"x", "y"}, {{"p", "1"}, {"q", std::nullopt}});
  auto b = rows({"y", "x"}, {{"2", "r"}, {"1", "p"}});  // other column order
  auto whole = rows({"x", "y"}, {{"p", "1"}, {"q", std::nullopt}, {"r", "2"}, {"p", "1"}});
  Table joined = concat_tables({test::to_table(a), test::to_table(b)}, {"a", "b"});
  Table expected = test::to_table(whole);
  ASSERT_EQ(joined.column_names(), expected.column_names());
  ASSERT_EQ(joined.rows(), 4u);
  for (size_t c = 0; c < 2; ++c) {
    EXPECT_EQ(joined.column(c).cardinality(), expected.column(c).cardinality());
    EXPECT_EQ(joined.column(c).code_counts(), expected.column(c).code_counts());
    EXPECT_EQ(joined.column(c).type(), expected.column(c).type());
    for (uint64_t r = 0; r < 4; ++r) EXPECT_EQ(joined.column(c).code_at(r), expected.column(c).code_at(r));
    for (uint32_t v = 1; v <= expected.column(c).cardinality(); ++v)
      EXPECT_EQ(joined.column(c).value(v), expected.column(c).value(v));
  }
}

TEST(Concat, NumericOnlyWhenEveryPartIs) {
  Table joined = concat_tables({test::to_table(rows({"n"}, {{"1"}})), test::to_table(rows({"n"}, {{"x"}}))}, {"a", "b"});
  EXPECT_EQ(joined.column(0).type(), ValueType::kString);
  Table nulls = concat_tables({test::to_table(rows({"n"}, {{"1"}})), test::to_table(rows({"n"}, {{std::nullopt}}))}, {"a", "b"});
  EXPECT_EQ(nulls.column(0).type(), ValueType::kNumeric);
}

TEST(Concat, DifferentColumnSetsAreAnError) {
  try {
    concat_tables({test::to_table(rows({"x", "y"}, {})), test::to_table(rows({"x", "z"}, {}))}, {"one.csv", "two.csv"});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "inputs have different columns: one.csv has x, y; two.csv has x, z");
  }
}

}  // namespace
}  // namespace tsum
