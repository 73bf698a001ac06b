// ArrivalFlags and InOrderCursor (src/table/in_order.h): chunks arriving in any order from
// several threads are taken in order, in contiguous ranges, never by two threads at once,
// and all of them by the time the last one has arrived (no chunk left for finish()).
#include "table/in_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>
#include <utility>
#include <vector>

namespace tsum {
namespace {

TEST(InOrderCursor, TakesEveryArrivalInOrderFromAnyThreads) {
  constexpr size_t kChunks = 2000;
  std::mt19937_64 rng(3);
  for (int run = 0; run < 20; ++run) {
    const unsigned threads = 1 + static_cast<unsigned>(run % 4);
    std::vector<size_t> order(kChunks);
    for (size_t k = 0; k < kChunks; ++k) order[k] = k;
    std::shuffle(order.begin(), order.end(), rng);
    ArrivalFlags arrived(kChunks);
    InOrderCursor cursor;
    std::vector<std::pair<size_t, size_t>> ranges;  // written under the cursor's lock
    std::atomic<int> inside{0};
    bool overlapped = false, early = false;
    auto take = [&](size_t begin, size_t end) {
      if (inside.fetch_add(1) != 0) overlapped = true;
      for (size_t k = begin; k < end; ++k) early = early || !arrived.arrived(k);
      ranges.emplace_back(begin, end);
      inside.fetch_sub(1);
    };
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) {
      pool.emplace_back([&, w] {
        for (size_t i = w; i < kChunks; i += threads) {
          arrived.mark(order[i]);
          cursor.advance(arrived, take);
        }
      });
    }
    for (std::thread& t : pool) t.join();
    EXPECT_FALSE(overlapped) << "run " << run;
    EXPECT_FALSE(early) << "run " << run;
    EXPECT_EQ(cursor.taken(), kChunks) << "run " << run;  // nothing left for finish()
    size_t next = 0;
    for (const auto& [begin, end] : ranges) {
      ASSERT_EQ(begin, next) << "run " << run;
      ASSERT_LT(begin, end) << "run " << run;
      next = end;
    }
    EXPECT_EQ(next, kChunks) << "run " << run;
  }
}

// The race the cursor's second look is for, forced: chunk 1 arrives while the thread
// holding the cursor is inside take() for chunk 0, and its own advance() returns at once;
// the holder must take chunk 1 after letting go.
TEST(InOrderCursor, HolderTakesWhatArrivedWhileItHeldTheCursor) {
  ArrivalFlags arrived(2);
  InOrderCursor cursor;
  std::atomic<int> step{0};  // 1: the holder is inside take; 2: chunk 1 came and went
  std::vector<std::pair<size_t, size_t>> ranges;
  std::thread holder([&] {
    arrived.mark(0);
    cursor.advance(arrived, [&](size_t begin, size_t end) {
      ranges.emplace_back(begin, end);
      if (begin == 0) {
        step.store(1);
        while (step.load() != 2) std::this_thread::yield();
      }
    });
  });
  while (step.load() != 1) std::this_thread::yield();
  arrived.mark(1);
  cursor.advance(arrived, [&](size_t, size_t) { ADD_FAILURE() << "the cursor was held"; });
  step.store(2);
  holder.join();
  EXPECT_EQ(ranges, (std::vector<std::pair<size_t, size_t>>{{0, 1}, {1, 2}}));
  EXPECT_EQ(cursor.taken(), 2u);
}

TEST(InOrderCursor, FinishTakesWhatIsLeftOnce) {
  ArrivalFlags arrived(5);
  InOrderCursor cursor;
  std::vector<std::pair<size_t, size_t>> ranges;
  auto take = [&](size_t begin, size_t end) { ranges.emplace_back(begin, end); };
  arrived.mark(1);
  cursor.advance(arrived, take);  // chunk 0 missing: nothing to take
  EXPECT_TRUE(ranges.empty());
  arrived.mark(0);
  cursor.advance(arrived, take);
  cursor.finish(5, take);
  cursor.finish(5, take);
  EXPECT_EQ(ranges, (std::vector<std::pair<size_t, size_t>>{{0, 2}, {2, 5}}));
  EXPECT_EQ(cursor.taken(), 5u);
}

}  // namespace
}  // namespace tsum
