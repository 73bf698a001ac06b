// WorkTable's collapse of duplicate rows against a count of the table's own rows: the
// distinct rows in key order (first column most significant), each weighted by its
// multiplicity, the same on 1-3 threads, over several blocks of rows and several ranges
// of keys (so that the counting, the summing and the decoding are all shared out), with a
// column of two-byte codes and NULLs; and no collapse where the key space is too large for
// the table.
#include "engine/work_table.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <string>

#include "support/raw_table.h"

namespace tsum {
namespace {

using Codes = std::array<uint32_t, 3>;

// 200,000 rows (four blocks of 2^16); keys (301 x 31 x 4 = 37,324, three ranges of 2^14)
// at most a quarter of the rows, so that the table is collapsed. Values skewed so that
// many keys are absent and the others repeat unevenly.
Table skewed_table() {
  std::mt19937_64 rng(41);
  test::RawTable raw{{"wide", "mid", "small"}, {}, {}};
  for (size_t r = 0; r < 200000; ++r) {
    const uint64_t a = std::min(rng() % 300, rng() % 300), b = rng() % 30;
    test::Cell small;  // NULL one time in four
    if (rng() % 4 != 0) small = "s" + std::to_string(rng() % 3);
    raw.rows.push_back({"w" + std::to_string(a), "m" + std::to_string(a % 3 == 0 ? b : b % 10), small});
  }
  return test::to_table(raw, 30000);
}

std::map<Codes, uint64_t> count_rows(const WorkTable& plain) {
  std::map<Codes, uint64_t> counts;
  for (uint64_t r = 0; r < plain.rows(); ++r)
    ++counts[{plain.column(0).code_at(r), plain.column(1).code_at(r), plain.column(2).code_at(r)}];
  return counts;
}

TEST(WorkTable, CollapsedRowsAreTheDistinctRowsInKeyOrderOnAnyThreads) {
  const Table table = skewed_table();
  ASSERT_GT(table.column(0).cardinality(), 255u);  // two-byte codes
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      const WorkTable plain(table, /*allow_collapse=*/false);
      EXPECT_FALSE(plain.weighted());
      ASSERT_EQ(plain.rows(), table.rows());
      const std::map<Codes, uint64_t> expected = count_rows(plain);

      const WorkTable collapsed(table, /*allow_collapse=*/true);
      ASSERT_TRUE(collapsed.weighted()) << threads << " threads";
      ASSERT_EQ(collapsed.rows(), expected.size()) << threads << " threads";
      EXPECT_EQ(collapsed.table_rows(), table.rows());
      uint64_t row = 0;
      for (const auto& [codes, n] : expected) {
        const Codes got{collapsed.column(0).code_at(row), collapsed.column(1).code_at(row),
                        collapsed.column(2).code_at(row)};
        ASSERT_EQ(got, codes) << threads << " threads, row " << row;
        ASSERT_EQ(collapsed.weight(row), n) << threads << " threads, row " << row;
        ++row;
      }
      for (size_t c = 0; c < 3; ++c) {
        EXPECT_EQ(collapsed.column(c).cardinality(), table.column(c).cardinality());
        EXPECT_EQ(&collapsed.column(c).code_counts(), &table.column(c).code_counts());
      }
    });
  }
}

TEST(WorkTable, NoCollapseWhenKeysOutnumberAQuarterOfTheRows) {
  // 300 x 30 x 3 values (with NULLs, 37,324 keys) over 100,000 rows: more than a quarter.
  std::mt19937_64 rng(43);
  test::RawTable raw{{"wide", "mid", "small"}, {}, {}};
  for (size_t r = 0; r < 100000; ++r) {
    test::Cell small;
    if (r % 4 != 0) small = "s" + std::to_string(r % 3);
    raw.rows.push_back({"w" + std::to_string(r % 300), "m" + std::to_string(rng() % 30), small});
  }
  const Table table = test::to_table(raw);
  const WorkTable work(table, /*allow_collapse=*/true);
  EXPECT_FALSE(work.weighted());
  EXPECT_EQ(work.rows(), table.rows());
}

}  // namespace
}  // namespace tsum
