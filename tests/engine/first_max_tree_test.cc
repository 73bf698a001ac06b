// FirstMaxTree against a left-to-right scan keeping the first strict maximum, under
// random key changes drawn from a few values (ties everywhere), for sizes around powers
// of two (padding leaves); and set_many's batches, small (one set() each) and large (a
// rebuild), followed by single changes that must still find every winner.
#include "engine/first_max_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

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

TEST(FirstMaxTree, BatchesAgreeWithAScanAndLeaveTheTreeWhole) {
  std::mt19937_64 rng(2026);
  const double values[] = {FirstMaxTree::kNone, -3.0, 0.0, 0.5, 1.0, 1.0 + 1e-16, 2.0, 1e300};
  size_t rebuilt = 0, one_by_one = 0;
  for (size_t n : {1, 2, 3, 8, 9, 17, 64, 65, 100, 257, 1000}) {
    std::vector<double> keys(n);
    for (double& k : keys) k = values[rng() % 8];
    FirstMaxTree t(n);
    t.assign(keys);
    for (int batch = 0; batch < 300; ++batch) {
      // Sizes on both sides of n / 8, indices with repeats (the last change wins).
      const size_t size = 1 + rng() % (rng() % 2 ? std::max<size_t>(n / 8, 1) : 2 * n);
      (size * 8 <= n ? one_by_one : rebuilt) += 1;
      std::vector<uint32_t> indices(size);
      std::vector<double> batch_keys(size);
      for (size_t k = 0; k < size; ++k) {
        indices[k] = static_cast<uint32_t>(rng() % n);
        batch_keys[k] = values[rng() % 8];
        keys[indices[k]] = batch_keys[k];
      }
      t.set_many(indices, batch_keys);
      ASSERT_EQ(t.top(), scan(keys)) << n << " batch " << batch;
      for (int step = 0; step < 5; ++step) {
        const size_t i = rng() % n;
        keys[i] = values[rng() % 8];
        t.set(i, keys[i]);
        ASSERT_EQ(t.top(), scan(keys)) << n << " batch " << batch << " step " << step;
      }
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(t.key(i), keys[i]);
    }
  }
  EXPECT_GT(rebuilt, 500u);
  EXPECT_GT(one_by_one, 500u);
}

}  // namespace
}  // namespace tsum
