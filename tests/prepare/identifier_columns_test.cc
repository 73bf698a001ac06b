#include <gtest/gtest.h>

#include "prepare/identifier_columns.h"
#include "prepare_test_util.h"

namespace tsum {
namespace {

using test::one_column;

std::vector<std::optional<std::string>> numbered(const std::string& prefix, int n, int repeat_every = 0) {
  std::vector<std::optional<std::string>> v;
  for (int i = 0; i < n; ++i) v.push_back(prefix + std::to_string(repeat_every ? i % repeat_every : i));
  return v;
}

TEST(IdentifierColumns, NearlyAllDistinctStringsAreIdentifiers) {
  auto reason = identifier_reason(one_column("id", numbered("user-", 1000)).column(0), ColumnKind::kString);
  ASSERT_TRUE(reason);
  EXPECT_EQ(*reason, "identifier-like: 1,000 distinct values in 1,000 non-NULL rows (100.0 %)");
  // 96 % distinct: still identifier-like; 90 %: not.
  auto v = numbered("t", 1000);
  for (int i = 0; i < 40; ++i) v[static_cast<size_t>(i)] = "dup";
  EXPECT_TRUE(identifier_reason(one_column("t", v).column(0), ColumnKind::kString));
  for (int i = 0; i < 100; ++i) v[static_cast<size_t>(i)] = "dup";
  EXPECT_FALSE(identifier_reason(one_column("t", v).column(0), ColumnKind::kString));
}

TEST(IdentifierColumns, NullsDoNotCountAndSmallColumnsAreNeverIdentifiers) {
  auto v = numbered("k", 30);
  for (int i = 0; i < 500; ++i) v.push_back(std::nullopt);
  EXPECT_TRUE(identifier_reason(one_column("k", v).column(0), ColumnKind::kString));
  EXPECT_FALSE(identifier_reason(one_column("k", numbered("k", 19)).column(0), ColumnKind::kString));
}

TEST(IdentifierColumns, IntegerKeysButNotMeasurements) {
  auto keys = numbered("", 500);  // 0..499, one per row
  auto reason = identifier_reason(one_column("row", keys).column(0), ColumnKind::kInteger);
  ASSERT_TRUE(reason);
  EXPECT_EQ(*reason, "identifier-like: 500 distinct integers from 0 to 499, one per row (a key or row number)");
  // Distinct but spread out (populations, prices): binned, not left out.
  std::vector<std::optional<std::string>> spread;
  for (int i = 0; i < 500; ++i) spread.push_back(std::to_string(i * 37 + 5));
  EXPECT_FALSE(identifier_reason(one_column("pop", spread).column(0), ColumnKind::kInteger));
  // Repeated integers are no key.
  EXPECT_FALSE(identifier_reason(one_column("n", numbered("", 500, 250)).column(0), ColumnKind::kInteger));
  // Floats and times are never identifiers.
  EXPECT_FALSE(identifier_reason(one_column("row", keys).column(0), ColumnKind::kFloat));
  EXPECT_FALSE(identifier_reason(one_column("id", numbered("user-", 1000)).column(0), ColumnKind::kTimestamp));
}

}  // namespace
}  // namespace tsum
