// FirstMaxTree against a left-to-right scan keeping the first strict maximum, under
// random key changes drawn from a few values (ties everywhere), for sizes around powers
// of two (padding leaves).
#include "engine/first_max_tree.h"

#include <gtest/gtest.h>

#include <random>

namespace tsum {
namespace {

uint32_t scan(const std::vector<double>& keys) {
  uint32_t best = FirstMaxTree::kNoIndex;
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == FirstMaxTree::kNone) continue;
    if (best == FirstMaxTree::kNoIndex || keys[i] > keys[best]) best = i;
  }
  return best;
}

TEST(FirstMaxTree, EmptyAndAllNoneHaveNoWinner) {
  EXPECT_EQ(FirstMaxTree(0).top(), FirstMaxTree::kNoIndex);
  FirstMaxTree t(5);
  EXPECT_EQ(t.top(), FirstMaxTree::kNoIndex);
  t.set(3, -7.5);
  EXPECT_EQ(t.top(), 3u);
  t.set(3, FirstMaxTree::kNone);
  EXPECT_EQ(t.top(), FirstMaxTree::kNoIndex);
}

TEST(FirstMaxTree, TiesGoToTheLowestIndex) {
  FirstMaxTree t(6);
  t.assign(std::vector<double>{1, 4, 2, 4, 4, 0});
  EXPECT_EQ(t.top(), 1u);
  t.set(1, 3);
  EXPECT_EQ(t.top(), 3u);
  t.set(0, 4);
  EXPECT_EQ(t.top(), 0u);
}

TEST(FirstMaxTree, RandomChangesAgreeWithAScan) {
  std::mt19937_64 rng(99);
  const double values[] = {FirstMaxTree::kNone, -3.0, 0.0, 0.5, 1.0, 1.0 + 1e-16, 2.0, 1e300};
  for (size_t n : {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 100, 257}) {
    std::vector<double> keys(n);
    for (double& k : keys) k = values[rng() % 8];
    FirstMaxTree t(n);
    t.assign(keys);
    ASSERT_EQ(t.top(), scan(keys)) << n;
    for (int step = 0; step < 3000; ++step) {
      size_t i = rng() % n;
      keys[i] = values[rng() % 8];
      t.set(i, keys[i]);
      ASSERT_EQ(t.top(), scan(keys)) << n << " step " << step;
      if (t.top() != FirstMaxTree::kNoIndex) {
        ASSERT_EQ(t.key(t.top()), keys[scan(keys)]);
      }
    }
  }
}

}  // namespace
}  // namespace tsum
