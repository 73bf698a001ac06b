#include "prepare/radix_sort.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace tsum {
namespace {

using Item = std::pair<uint64_t, uint32_t>;  // key, position in the input

// radix_sort_by_key against std::stable_sort on the same items: the same order, ties
// included (the second member, each item's input position, tells equal keys apart).
void expect_stable_sorted(std::vector<Item> items) {
  std::vector<Item> expected = items;
  std::stable_sort(expected.begin(), expected.end(), [](const Item& a, const Item& b) { return a.first < b.first; });
  radix_sort_by_key(std::span<Item>(items), [](const Item& i) { return i.first; });
  EXPECT_EQ(items, expected);
}

std::vector<Item> random_items(size_t n, uint64_t mask, uint64_t base, std::mt19937_64& rng) {
  std::vector<Item> items;
  for (size_t i = 0; i < n; ++i) items.emplace_back(base + (rng() & mask), static_cast<uint32_t>(i));
  return items;
}

TEST(RadixSort, EmptyAndSingle) {
  expect_stable_sorted({});
  expect_stable_sorted({{7, 0}});
}

// Keys over every width (offsets from the smallest of 0 to 64 bits, so 0 to 6 digit
// passes; keys that are multiples of 2^16; keys far from 0), many ties, all keys equal,
// and an odd or even number of passes (the result copied back from the buffer or not).
TEST(RadixSort, MatchesStableSortOnRandomKeys) {
  std::mt19937_64 rng(11);
  for (uint64_t mask : {uint64_t{0}, uint64_t{1}, uint64_t{0xff}, uint64_t{0xffff}, uint64_t{0xffffff},
                        uint64_t{0x7ffffff}, uint64_t{0xffff0000}, ~uint64_t{0}}) {
    for (size_t n : {2, 3, 100, 5000}) {
      SCOPED_TRACE(testing::Message() << "mask " << mask << ", n " << n);
      expect_stable_sorted(random_items(n, mask, 0, rng));
      expect_stable_sorted(random_items(n, mask, uint64_t{1} << 40, rng));
    }
  }
}

TEST(RadixSort, SortedAndReversedInput) {
  std::vector<Item> up, down;
  for (uint32_t i = 0; i < 3000; ++i) {
    up.emplace_back(uint64_t{i} * 977, i);
    down.emplace_back(uint64_t{3000 - i} * 977, i);
  }
  expect_stable_sorted(up);
  expect_stable_sorted(down);
}

// Blocks of 2^16 items count and scatter on as many threads as the arena has, and the
// buckets are sorted in parallel: the same stable order on one thread and two, whichever
// digits the keys share.
TEST(RadixSort, ManyBlocksOnOneAndTwoThreads) {
  std::mt19937_64 rng(12);
  for (uint64_t mask : {uint64_t{0x3ff}, uint64_t{0xffff00}, uint64_t{0x7ffffff}, ~uint64_t{0}}) {
    const std::vector<Item> items = random_items(300000, mask, 12345, rng);
    for (int threads : {1, 2}) {
      SCOPED_TRACE(testing::Message() << "mask " << mask << ", threads " << threads);
      tbb::task_arena arena(threads);
      arena.execute([&] { expect_stable_sorted(items); });
    }
  }
}

// Keys crowded into a sliver of their range (a few outliers far away, or values that
// cluster like doubles' exponents): the first scatter leaves one bucket with nearly every
// item, too large for cache, which is scattered again from its own range, and so on; a
// bucket ends sorted in either buffer and is copied to where its caller wants it.
TEST(RadixSort, CrowdedKeysOnOneAndTwoThreads) {
  std::mt19937_64 rng(13);
  std::vector<Item> outliers = random_items(200000, 0xfffff, uint64_t{1} << 20, rng);
  outliers[17].first = 0;
  outliers[150000].first = ~uint64_t{0};
  outliers[150001].first = uint64_t{1} << 62;
  std::vector<Item> clustered;  // 16 clusters, each over a range 2^40 times smaller than the gaps
  for (uint32_t i = 0; i < 250000; ++i) {
    const uint64_t cluster = rng() % 16;
    clustered.emplace_back((cluster << 59) + (rng() % (uint64_t{1} << (cluster + 4))), i);
  }
  for (const std::vector<Item>* items : {&outliers, &clustered}) {
    for (int threads : {1, 2}) {
      SCOPED_TRACE(testing::Message() << (items == &outliers ? "outliers" : "clustered") << ", threads " << threads);
      tbb::task_arena arena(threads);
      arena.execute([&] { expect_stable_sorted(*items); });
    }
  }
}

}  // namespace
}  // namespace tsum
