#include "table/parallel_for.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace tsum {
namespace {

TEST(ParallelFor, CallsEveryIndexOnce) {
  for (int threads : {1, 2, 4}) {
    tbb::task_arena arena(threads);
    std::vector<std::atomic<int>> calls(1000);
    arena.execute([&] { tsum::parallel_for(size_t{0}, calls.size(), [&](size_t i) { calls[i]++; }); });
    for (size_t i = 0; i < calls.size(); ++i) ASSERT_EQ(calls[i].load(), 1) << "index " << i << ", " << threads << " threads";
  }
}

TEST(ParallelFor, IndicesStartAtFirst) {
  std::vector<std::atomic<int>> calls(10);
  tsum::parallel_for(uint64_t{3}, uint64_t{7}, [&](uint64_t i) { calls[i]++; });
  for (size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i].load(), i >= 3 && i < 7 ? 1 : 0) << i;
  tsum::parallel_for(uint64_t{5}, uint64_t{5}, [&](uint64_t) { FAIL() << "an empty range has no index"; });
}

TEST(ParallelFor, PiecesOfARangeAreDisjointAndCoverIt) {
  std::vector<std::atomic<int>> covered(100003);
  tsum::parallel_for(tbb::blocked_range<uint64_t>(1, covered.size(), 7), [&](const tbb::blocked_range<uint64_t>& piece) {
    EXPECT_LT(piece.begin(), piece.end());
    for (uint64_t i = piece.begin(); i < piece.end(); ++i) covered[i]++;
  });
  EXPECT_EQ(covered[0].load(), 0);
  for (size_t i = 1; i < covered.size(); ++i) ASSERT_EQ(covered[i].load(), 1) << i;
}

TEST(ParallelFor, ABodysExceptionReachesTheCaller) {
  EXPECT_THROW(tsum::parallel_for(0, 100, [](int i) { if (i == 37) throw std::runtime_error("body 37"); }),
               std::runtime_error);
  EXPECT_THROW(tsum::parallel_for(tbb::blocked_range<int>(0, 100), [](const tbb::blocked_range<int>& piece) {
                 if (piece.begin() <= 50 && 50 < piece.end()) throw std::runtime_error("piece with 50");
               }),
               std::runtime_error);
}

}  // namespace
}  // namespace tsum
