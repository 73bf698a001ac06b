// CountBuckets against its definition: after random count decrements (moved at once or
// refiled later, by a loop of top() and move() or by top_refiling() as RootCandidates
// does), top() is the lowest code of the highest count within [min_count, max_count],
// found by a scan of the counts; codes below min_count, above max_count and code 0 are
// never reported; next_filed() is the lowest code above a given one filed at a count.
// Dictionaries span several summary words so that the two-level search is exercised.
#include "engine/count_buckets.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace tsum {
namespace {

// The lowest code >= 1 of the highest count in [least, most], or CountBuckets::kNoCode.
std::pair<uint32_t, uint64_t> scan(const std::vector<uint64_t>& counts, uint64_t least, uint64_t most) {
  std::pair<uint32_t, uint64_t> best{CountBuckets::kNoCode, 0};
  for (uint32_t code = 1; code < counts.size(); ++code) {
    const uint64_t n = counts[code];
    if (n < least || n > most) continue;
    if (best.first == CountBuckets::kNoCode || n > best.second) best = {code, n};
  }
  return best;
}

TEST(CountBuckets, TopIsTheLowestCodeOfTheHighestCount) {
  std::vector<uint64_t> counts = {9, 3, 5, 5, 2, 7, 7, 1};
  CountBuckets b;
  b.build(counts, 2, 7);
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{5, 7}));  // code 0 (NULL) is never filed
  b.move(5, 7, 4);
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{6, 7}));
  b.move(6, 7, 5);
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{2, 5}));  // 2, 3 and 6 hold 5: the lowest
  b.move(2, 5, 1);  // below min_count: gone for good
  b.move(3, 5, 0);
  b.move(6, 5, 1);
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{5, 4}));
  b.move(5, 4, 1);
  b.move(1, 3, 1);
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{4, 2}));
  b.move(4, 2, 0);
  EXPECT_EQ(b.top().first, CountBuckets::kNoCode);
}

TEST(CountBuckets, CountsOutsideTheRangeAreNotFiled) {
  CountBuckets b;
  b.build({0, 100, 3, 1}, 2, 50);  // 100 above the range, 1 below it
  EXPECT_EQ(b.top(), (std::pair<uint32_t, uint64_t>{2, 3}));
  CountBuckets empty;
  empty.build({0, 1, 1}, 2, 1);  // no count in range: no bucket at all
  EXPECT_EQ(empty.top().first, CountBuckets::kNoCode);
}

TEST(CountBuckets, MatchesAScanUnderRandomDecrementsAndLateRefiling) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const size_t codes = 1 + rng() % (round % 4 == 0 ? 20000 : 300);
    const uint64_t most = 2 + rng() % 40;
    std::vector<uint64_t> counts(codes + 1);
    for (uint64_t& n : counts) n = rng() % (most + 1);
    CountBuckets b;
    b.build(counts, 2, most);
    // Where each code is filed: its count when moved at once, an upper bound when late.
    std::vector<uint64_t> filed = counts;
    const bool late = round % 3 != 0;
    const bool in_one_pass = round % 3 == 2;  // top_refiling()
    for (int step = 0; step < 400; ++step) {
      for (int k = 0; k < 3; ++k) {
        const uint32_t code = static_cast<uint32_t>(rng() % counts.size());
        if (counts[code] == 0) continue;
        counts[code] -= 1 + rng() % counts[code];
        if (!late) b.move(code, filed[code], counts[code]), filed[code] = counts[code];
      }
      std::pair<uint32_t, uint64_t> got = in_one_pass ? b.top_refiling(counts) : b.top();
      // Late refiling: a code filed too high moves down, then ask again.
      while (late && !in_one_pass && got.first != CountBuckets::kNoCode && counts[got.first] != got.second) {
        b.move(got.first, got.second, counts[got.first]);
        filed[got.first] = counts[got.first];
        got = b.top();
      }
      ASSERT_EQ(got, scan(counts, 2, most)) << "round " << round << " step " << step;
      if (in_one_pass) continue;  // refiled inside: `filed` no longer says where codes are
      // next_filed: the lowest code above `after` filed at `at`, stale or not.
      const uint64_t at = 2 + rng() % (most - 1);
      const uint32_t after = static_cast<uint32_t>(rng() % counts.size());
      uint32_t expected = CountBuckets::kNoCode;
      for (uint32_t code = after + 1; code < counts.size(); ++code) {
        if (filed[code] == at) {
          expected = code;
          break;
        }
      }
      ASSERT_EQ(b.next_filed(at, after), expected) << "round " << round << " step " << step;
    }
  }
}

}  // namespace
}  // namespace tsum
