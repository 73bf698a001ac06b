// ValueBitmaps against the residue's rows: each bitmap has bit i set exactly when the
// i-th row of R holds the value; which columns get bitmaps (few codes, in column order
// within the budget, none on a weighted table, unforced only those that pay); and and_counts against a bit-by-bit
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

// The weighted count of the rows with alive[row] != 0 holding each code of each column.
std::vector<std::vector<uint64_t>> histograms_of(const WorkTable& table, const std::vector<uint8_t>& alive) {
  std::vector<std::vector<uint64_t>> out(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    out[c].assign(table.column(c).cardinality() + 1, 0);
    for (uint64_t r = 0; r < table.rows(); ++r)
      if (alive[r]) out[c][table.column(c).code_at(r)] += table.weight(r);
  }
  return out;
}

ValueBitmaps bitmaps_of(const WorkTable& table, const std::vector<uint8_t>& alive, ValueBitmaps::Setting setting) {
  uint64_t rows = 0;
  for (uint8_t a : alive) rows += a != 0;
  return ValueBitmaps(table, RowBits(alive), rows, histograms_of(table, alive), setting);
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
    const ValueBitmaps bitmaps = bitmaps_of(table, alive, {uint64_t{1} << 30, true});
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
  const ValueBitmaps fits = bitmaps_of(table, alive, {a_and_b, true});
  EXPECT_TRUE(fits.has(0));
  EXPECT_TRUE(fits.has(1));
  EXPECT_FALSE(fits.has(2));
  EXPECT_FALSE(fits.has(3));
  EXPECT_TRUE(fits.forced());
  const ValueBitmaps short_by_one = bitmaps_of(table, alive, {a_and_b - 1, true});
  EXPECT_TRUE(short_by_one.has(0));
  EXPECT_FALSE(short_by_one.has(1));
  const ValueBitmaps none = bitmaps_of(table, alive, {0, true});
  EXPECT_FALSE(none.has(0));

  // 400 rows of 4 distinct ones: collapsed to 4 weighted rows.
  test::RawTable few{{"a", "b"}, {}, {}};
  for (int r = 0; r < 400; ++r) few.rows.push_back({std::string(r % 2 ? "x" : "y"), std::string(r % 4 < 2 ? "p" : "q")});
  const Table repeated = test::to_table(few);
  const WorkTable collapsed(repeated, true);
  ASSERT_TRUE(collapsed.weighted());
  const ValueBitmaps weighted = bitmaps_of(collapsed, std::vector<uint8_t>(collapsed.rows(), 1), {uint64_t{1} << 30, true});
  for (size_t c = 0; c < collapsed.num_columns(); ++c) EXPECT_FALSE(weighted.has(c));
}

// Unforced, only columns some grid would count from bitmaps get them (pays()): of two
// columns of 12 labels over 5,000 rows (79 words a bitmap) neither pays against the
// other (12 × 12 × 79 words against 1.5 or 2 × 5,000 rows); a column of 3 labels before,
// between or after them pays against both, so all three get bitmaps; forced, both
// columns of 12 labels do.
TEST(ValueBitmaps, UnforcedOnlyColumnsThatPay) {
  std::mt19937_64 rng(10);
  auto table_of = [&](const std::vector<uint64_t>& labels) {
    test::RawTable raw;
    for (size_t c = 0; c < labels.size(); ++c) raw.names.push_back("c" + std::to_string(c));
    for (int r = 0; r < 5000; ++r) {
      std::vector<std::optional<std::string>> row;
      for (uint64_t l : labels) row.push_back("v" + std::to_string(static_cast<uint64_t>(r) < l ? r : rng() % l));
      raw.rows.push_back(row);
    }
    return test::to_table(raw);
  };
  // Which columns of a table of these labels per column get bitmaps.
  auto chosen = [&](const std::vector<uint64_t>& labels, bool forced) {
    const Table t = table_of(labels);
    const WorkTable table(t, false);
    const ValueBitmaps bitmaps = bitmaps_of(table, std::vector<uint8_t>(table.rows(), 1), {uint64_t{1} << 30, forced});
    std::vector<bool> has;
    for (size_t c = 0; c < labels.size(); ++c) has.push_back(bitmaps.has(c));
    return has;
  };
  EXPECT_FALSE(ValueBitmaps::pays(12, 5000, 12, 79));
  EXPECT_TRUE(ValueBitmaps::pays(3, 5000, 12, 79));
  EXPECT_TRUE(ValueBitmaps::pays(12, 5000, 3, 79));
  EXPECT_EQ(chosen({12, 12}, false), (std::vector<bool>{false, false}));
  EXPECT_EQ(chosen({12, 12}, true), (std::vector<bool>{true, true}));
  EXPECT_EQ(chosen({3, 12, 12}, false), (std::vector<bool>{true, true, true}));
  // Between them: the last pays as c2 against the middle one (the earlier column of most
  // rows per value), not against the first.
  EXPECT_EQ(chosen({12, 3, 12}, false), (std::vector<bool>{true, true, true}));
  // After them: the 12-label columns pay as c1 against it.
  EXPECT_EQ(chosen({12, 12, 3}, false), (std::vector<bool>{true, true, true}));
}

TEST(ValueBitmaps, AndCountsAreTheCommonBits) {
  using Kernel = ValueBitmaps::Kernel;
  EXPECT_TRUE(ValueBitmaps::supported(Kernel::kPlain));
  std::mt19937_64 rng(9);
  size_t kernels = 0;
  for (Kernel kernel : {Kernel::kPlain, Kernel::kPopcnt, Kernel::kAvx2}) {
    if (!ValueBitmaps::supported(kernel)) continue;  // (falls back: tested as the others)
    ++kernels;
    // Lengths around whole vectors of 4 words and past the byte counters' flush (31
    // vectors: 124 words; 157 words = 39 vectors and a tail of 1).
    for (uint64_t words : {0, 1, 3, 4, 5, 8, 40, 41, 123, 124, 125, 157, 260}) {
      for (uint64_t n = 0; n <= ValueBitmaps::kMaxCodes; ++n) {
        std::vector<uint64_t> a(words), b(n * words);
        // All-ones words too: byte counters at their largest (8 a byte a vector).
        for (uint64_t& w : a) w = rng() % 3 == 0 ? ~uint64_t{0} : rng() | rng();
        for (uint64_t& w : b) w = rng() % 3 == 0 ? ~uint64_t{0} : rng() & rng();
        std::vector<uint64_t> out(n + 1, 12345);
        ValueBitmaps::and_counts(kernel, a.data(), b.data(), n, words, out.data());
        for (uint64_t j = 0; j < n; ++j) {
          uint64_t want = 0;
          for (uint64_t i = 0; i < words; ++i)
            for (int bit = 0; bit < 64; ++bit) want += (a[i] >> bit) & (b[j * words + i] >> bit) & 1;
          ASSERT_EQ(out[j], want) << "kernel " << static_cast<int>(kernel) << " words " << words << " n " << n << " j " << j;
        }
        EXPECT_EQ(out[n], 12345u);  // nothing written past n
      }
    }
  }
  EXPECT_GE(kernels, 1u);
  // Every bit set, 260 words of 16 bitmaps: each count 260 * 64.
  std::vector<uint64_t> ones(260 * 17, ~uint64_t{0});
  std::vector<uint64_t> out(16);
  ValueBitmaps::and_counts(ones.data(), ones.data() + 260, 16, 260, out.data());
  for (uint64_t n : out) EXPECT_EQ(n, 260u * 64);
}

}  // namespace
}  // namespace tsum
