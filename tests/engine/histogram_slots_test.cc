// HistogramSlots: every slot claimed once, then kNoSlot until one is released; a released
// slot is claimed again; and threads claiming and releasing at once never hold one slot
// together (each marks its slot's histogram while it holds it and checks nobody else did).
#include "engine/histogram_slots.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace tsum {
namespace {

TEST(HistogramSlots, EverySlotOnceThenNoneUntilOneIsReleased) {
  HistogramSlots slots(3);
  std::vector<size_t> claimed;
  for (int i = 0; i < 3; ++i) claimed.push_back(slots.claim());
  std::sort(claimed.begin(), claimed.end());
  EXPECT_EQ(claimed, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(slots.claim(), HistogramSlots::kNoSlot);
  EXPECT_EQ(slots.claim(), HistogramSlots::kNoSlot);
  slots.release(1);
  EXPECT_EQ(slots.claim(), 1u);
  EXPECT_EQ(slots.claim(), HistogramSlots::kNoSlot);
  slots.at(2).assign(5, 0);  // a slot's histogram is the caller's to size
  EXPECT_EQ(slots.at(2).size(), 5u);
}

TEST(HistogramSlots, NoSlotForAnEmptySet) {
  HistogramSlots slots(0);
  EXPECT_EQ(slots.claim(), HistogramSlots::kNoSlot);
}

TEST(HistogramSlots, ThreadsNeverHoldOneSlotTogether) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 20000;
  HistogramSlots slots(2);  // fewer slots than threads: claims fail and are retried
  for (size_t i = 0; i < 2; ++i) slots.at(i).assign(1, 0);
  std::atomic<int> clashes{0}, misses{0}, holds{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t) {
    pool.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const size_t slot = slots.claim();
        if (slot == HistogramSlots::kNoSlot) {
          ++misses;
          continue;
        }
        ++holds;
        std::vector<uint64_t>& mine = slots.at(slot);
        if (mine[0] != 0) ++clashes;  // another holder left its mark
        mine[0] = static_cast<uint64_t>(t) + 1;
        std::this_thread::yield();
        if (mine[0] != static_cast<uint64_t>(t) + 1) ++clashes;
        mine[0] = 0;  // given back zeroed
        slots.release(slot);
      }
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_EQ(clashes.load(), 0);
  EXPECT_GT(holds.load(), 0);
  EXPECT_EQ(holds.load() + misses.load(), kThreads * kRounds);
}

}  // namespace
}  // namespace tsum
