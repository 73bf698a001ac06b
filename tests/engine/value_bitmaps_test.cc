// ValueBitmaps against the residue's rows: each bitmap has bit i set exactly when the
// i-th row of R holds the value; which columns get bitmaps (few codes, in column order
// within the budget, none on a weighted table); and and_counts against a bit-by-bit
// count for every number of bitmaps up to kMaxCodes and lengths around the unrolled
// groups of four.
#include "engine/value_bitmaps.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/work_table.h"
#include "support/raw_table.h"

namespace tsum {
namespace {

// Columns of 2, 15, 16 and 40 values (NULL aside), some NULLs.
Table table_of_cardinalities(std::mt19937_64& rng, uint64_t rows) {
  const std::vector<uint64_t> labels = {2, 15, 16, 40};
  test::RawTable raw{{"a", "b", "c", "d"}, {}, {}};
  for (uint64_t r = 0; r < rows; ++r) {
    std::vector<std::optional<std::string>> row;
    for (uint64_t l : labels) {
      // Every label occurs (the first rows walk through them), then at random.
      const uint64_t v = r < l ? r : rng() % l;
      if (r >= l && rng() % 10 == 0) row.push_back(std::nullopt);
      else row.push_back("v" + std::to_string(v));
    }
    raw.rows.push_back(row);
  }
  return test::to_table(raw);
}

TEST(ValueBitmaps, EachBitIsARowOfTheResidue) {
  std::mt19937_64 rng(7);
  for (uint64_t rows : {1, 63, 64, 65, 500, 3000}) {
    const Table t = table_of_cardinalities(rng, rows);
    const WorkTable table(t, false);
    std::vector<uint8_t> alive(table.rows());
    std::vector<RowId> live;
    for (uint64_t r = 0; r < table.rows(); ++r) {
      alive[r] = rng() % 3 != 0 || r == 0;
      if (alive[r]) live.push_back(static_cast<RowId>(r));
    }
    const ValueBitmaps bitmaps(table, alive, live.size(), {uint64_t{1} << 30, false});
    EXPECT_EQ(bitmaps.words(), (live.size() + 63) / 64);
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const uint32_t codes = table.column(c).cardinality() + 1;
      ASSERT_EQ(bitmaps.has(c), codes <= ValueBitmaps::kMaxCodes) << "rows " << rows << " column " << c;
      if (!bitmaps.has(c)) continue;
      for (uint32_t code = 0; code < codes; ++code) {
        const uint64_t* bits = bitmaps.bits(c, code);
        for (uint64_t i = 0; i < bitmaps.words() * 64; ++i) {
          const bool set = (bits[i / 64] >> (i % 64)) & 1;
          const bool holds = i < live.size() && table.column(c).code_at(live[i]) == code;
          ASSERT_EQ(set, holds) << "rows " << rows << " column " << c << " code " << code << " bit " << i;
        }
      }
    }
  }
}

TEST(ValueBitmaps, TheBudgetTakesColumnsInOrderAndWeightsTakeNone) {
  std::mt19937_64 rng(8);
  const Table t = table_of_cardinalities(rng, 1000);
  const WorkTable table(t, false);
  const std::vector<uint8_t> alive(table.rows(), 1);
  const uint64_t words = (table.rows() + 63) / 64;
  // a (3 codes with NULL) and b (16) fit exactly; c (17 codes) and d are above kMaxCodes.
  const uint64_t a_and_b = (3 + 16) * words * 8;
  const ValueBitmaps fits(table, alive, table.rows(), {a_and_b, true});
  EXPECT_TRUE(fits.has(0));
  EXPECT_TRUE(fits.has(1));
  EXPECT_FALSE(fits.has(2));
  EXPECT_FALSE(fits.has(3));
  EXPECT_TRUE(fits.forced());
  const ValueBitmaps short_by_one(table, alive, table.rows(), {a_and_b - 1, false});
  EXPECT_TRUE(short_by_one.has(0));
  EXPECT_FALSE(short_by_one.has(1));
  const ValueBitmaps none(table, alive, table.rows(), {0, true});
  EXPECT_FALSE(none.has(0));

  // 400 rows of 4 distinct ones: collapsed to 4 weighted rows.
  test::RawTable few{{"a", "b"}, {}, {}};
  for (int r = 0; r < 400; ++r) few.rows.push_back({std::string(r % 2 ? "x" : "y"), std::string(r % 4 < 2 ? "p" : "q")});
  const Table repeated = test::to_table(few);
  const WorkTable collapsed(repeated, true);
  ASSERT_TRUE(collapsed.weighted());
  const ValueBitmaps weighted(collapsed, std::vector<uint8_t>(collapsed.rows(), 1), collapsed.rows(), {uint64_t{1} << 30, true});
  for (size_t c = 0; c < collapsed.num_columns(); ++c) EXPECT_FALSE(weighted.has(c));
}

TEST(ValueBitmaps, AndCountsAreTheCommonBits) {
  std::mt19937_64 rng(9);
  for (uint64_t words : {0, 1, 3, 4, 5, 40, 41, 157}) {
    for (uint64_t n = 0; n <= ValueBitmaps::kMaxCodes; ++n) {
      std::vector<uint64_t> a(words), b(n * words);
      for (uint64_t& w : a) w = rng() & rng();
      for (uint64_t& w : b) w = rng() | (rng() % 5 == 0 ? ~uint64_t{0} : 0);
      std::vector<uint64_t> out(n + 1, 12345);
      ValueBitmaps::and_counts(a.data(), b.data(), n, words, out.data());
      for (uint64_t j = 0; j < n; ++j) {
        uint64_t want = 0;
        for (uint64_t i = 0; i < words; ++i)
          for (int bit = 0; bit < 64; ++bit) want += (a[i] >> bit) & (b[j * words + i] >> bit) & 1;
        ASSERT_EQ(out[j], want) << "words " << words << " n " << n << " j " << j;
      }
      EXPECT_EQ(out[n], 12345u);  // nothing written past n
    }
  }
}

}  // namespace
}  // namespace tsum
