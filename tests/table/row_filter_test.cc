// filter_rows: the kept rows encoded as if read on their own.
#include "table/row_filter.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/random_tables.h"
#include "support/plain_table.h"
#include "support/raw_table.h"

namespace tsum {
namespace {

TEST(RowFilter, EqualsTheTableOfTheKeptRowsAlone) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    test::Shape shape{5, 6, 40, 0.3, trial % 2 == 0};
    test::RawTable raw = test::random_table(rng, shape);
    std::vector<uint8_t> keep(raw.rows.size());
    test::RawTable kept{raw.names, {}, {}};
    for (size_t r = 0; r < raw.rows.size(); ++r) {
      keep[r] = rng() % 3 != 0;
      if (keep[r]) kept.rows.push_back(raw.rows[r]);
    }
    EXPECT_EQ(test::plain(filter_rows(test::to_table(raw), keep)), test::plain(test::to_table(kept))) << "trial " << trial;
  }
}

TEST(RowFilter, ColumnTypeFollowsTheRemainingValues) {
  // "x" is text only because of the row dropped; "n" stays numeric; "e" loses every value.
  test::RawTable raw{{"x", "n", "e"}, {{"1", "2", std::nullopt}, {"a", "3", "z"}, {"4", "5", std::nullopt}}, {}};
  Table t = filter_rows(test::to_table(raw), {1, 0, 1});
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.column(0).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(1).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(2).type(), ValueType::kString);
  EXPECT_EQ(t.column(2).cardinality(), 0u);
  EXPECT_EQ(filter_rows(test::to_table(raw), {0, 0, 0}).rows(), 0u);
}

}  // namespace
}  // namespace tsum
