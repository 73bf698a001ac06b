// RowBits: a set of rows as bits, against the byte a row it stands for, at sizes around a
// word's bounds; erased rows leave it one by one.
#include "engine/row_bits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace tsum {
namespace {

TEST(RowBits, HoldsTheRowsItIsGivenAndLosesTheRowsErased) {
  std::mt19937_64 rng(11);
  for (uint64_t rows : {0, 1, 63, 64, 65, 127, 128, 1000, 4099}) {
    std::vector<uint8_t> flags(rows);
    for (uint8_t& f : flags) f = static_cast<uint8_t>(rng() % 3 == 0 ? 0 : 1 + rng() % 200);
    RowBits all(rows), some(flags);
    ASSERT_EQ(all.rows(), rows);
    ASSERT_EQ(some.rows(), rows);
    for (RowId r = 0; r < rows; ++r) {
      ASSERT_TRUE(all.contains(r)) << rows << " rows, row " << r;
      ASSERT_EQ(all.bit(r), 1u);
      ASSERT_EQ(some.contains(r), flags[r] != 0) << rows << " rows, row " << r;
      ASSERT_EQ(some.bit(r), flags[r] != 0 ? 1u : 0u);
    }
    // Rows leave in random order; each erase takes that row only.
    std::vector<RowId> order(rows);
    for (RowId r = 0; r < rows; ++r) order[r] = r;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<uint8_t> left(rows, 1);
    for (size_t i = 0; i < order.size(); ++i) {
      all.erase(order[i]);
      left[order[i]] = 0;
      if (i % 7 != 0 && i + 1 != order.size()) continue;
      for (RowId r = 0; r < rows; ++r) ASSERT_EQ(all.contains(r), left[r] != 0) << rows << " rows, row " << r;
    }
    if (rows == 0) continue;
    all.erase(order[0]);  // erasing a row gone already keeps it gone
    for (RowId r = 0; r < rows; ++r) ASSERT_FALSE(all.contains(r));
  }
}

}  // namespace
}  // namespace tsum
