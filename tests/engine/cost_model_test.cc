#include "engine/cost_model.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cstring>
#include <optional>

#include "support/raw_table.h"

namespace tsum {
namespace {

TEST(CostModel, TsumDaskStringBitsFollowCPythonStrSizes) {
  EXPECT_EQ(tsum_dask_string_bits("M"), 8 * 50);
  EXPECT_EQ(tsum_dask_string_bits(""), 8 * 49);
  EXPECT_EQ(tsum_dask_string_bits("caf\xC3\xA9"), 8 * (73 + 4));          // Latin-1
  EXPECT_EQ(tsum_dask_string_bits("\xE2\x82\xAC" "1"), 8 * (74 + 2 * 2)); // euro sign: UCS-2
  EXPECT_EQ(tsum_dask_string_bits("\xF0\x9F\x98\x80"), 8 * (76 + 4));      // emoji: UCS-4
}

TEST(CostModel, TsumJsCountsUtf16Units) {
  EXPECT_EQ(tsum_js_string_bits("adult"), 80);
  EXPECT_EQ(tsum_js_string_bits("\xF0\x9F\x98\x80"), 32);  // a surrogate pair
  EXPECT_EQ(tsum_js_string_bits("\xC3\xA9"), 16);
}

TEST(CostModel, PaperWidthIsEightTimesMeanByteLength) {
  Table t = test::to_table(test::patients());
  CostModel m(CostModelKind::kPaper, t);
  EXPECT_DOUBLE_EQ(m.bits(0, 1), 8.0);
  EXPECT_DOUBLE_EQ(m.bits(1, 1), 39.2);
  EXPECT_DOUBLE_EQ(m.bits(2, 3), 32.8);
}

TEST(CostModel, Overheads) {
  Table t = test::to_table(test::patients());
  EXPECT_EQ(CostModel(CostModelKind::kPaper, t).overhead(5), 3 + 2 * 3);
  EXPECT_EQ(CostModel(CostModelKind::kPaper, t).overhead(6), 3 + 2 * 3);   // log2(8) = 3 exactly
  EXPECT_EQ(CostModel(CostModelKind::kPaper, t).overhead(7), 3 + 2 * 4);
  EXPECT_EQ(CostModel(CostModelKind::kTsumDask, t).overhead(5), 3 * 5);    // floor(2 log2 7) = 5
  EXPECT_DOUBLE_EQ(CostModel(CostModelKind::kTsumJs, t).overhead(5), 3 + 2 * std::log2(7.0));
  // Beyond the precomputed table the same formulas apply.
  EXPECT_EQ(CostModel(CostModelKind::kPaper, t).overhead(1 << 20), 3 + 2 * 21);
}

// Local expansion's batches rely on it (local_expansion.cc, take_batch): under the
// per-value models the empty pattern never saves more than 0, on any residue.
TEST(CostModel, EmptyPatternSavesLessThanNothingUnderThePerValueModels) {
  Table t = test::to_table(test::patients());
  for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    const CostModel m(kind, t);
    for (uint64_t n = 0; n < 100000; ++n) ASSERT_LT(m.empty_saving(n), 0.0) << cost_model_name(kind) << " " << n;
    for (uint64_t n = 100000; n < (uint64_t{1} << 62); n = n * 3 + 1) {
      ASSERT_LT(m.empty_saving(n), 0.0) << cost_model_name(kind) << " " << n;
    }
  }
}

TEST(CostModel, SavingOfAPatternAbsentFromTheResidueIsNegative) {
  Table t = test::to_table(test::patients());
  CostModel m(CostModelKind::kPaper, t);
  EXPECT_DOUBLE_EQ(m.saving(10.0, 0), -10.0 - (3 + 2 * 1));
}

// The entropy model's table of g(x) = x log2 x is filled in blocks on the caller's arena:
// every entry, across block boundaries and past the table's end, is xlog2x's own double,
// whatever the threads.
TEST(CostModel, EntropyTableHoldsXlog2xOnEveryArena) {
  const uint64_t rows = 3 * (uint64_t{1} << 16) + 5;  // three whole blocks and a part
  ColumnProfile column;
  column.type = ValueType::kString;
  column.values = {"a", "b"};
  column.counts = {7, rows - 107, 100};  // NULL, a, b
  column.non_null = rows - 7;
  column.total_utf8_bytes = rows - 7;
  for (int threads : {1, 2, 4}) {
    std::optional<CostModel> m;
    tbb::task_arena(threads).execute([&] { m.emplace(CostModelKind::kEntropy, std::vector<ColumnProfile>{column}); });
    for (uint64_t x = 0; x <= rows + 1000; ++x) {
      const double got = m->g(x), want = xlog2x(x);
      ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << "x = " << x << ", " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace tsum
