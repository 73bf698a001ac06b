// PostingIndex: the rows of each code, ascending, with dead rows dropped, the same
// whether the lists were sorted serially or block by block on several threads (blocks of
// 2^18 rows, or one per thread for a large dictionary), scattered a code at a time
// (columns of at most 4 codes) or in one pass, and whether a long list's dead rows were
// dropped serially (also when asked to stay on the caller's thread) or block by block.
#include "engine/posting_index.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <random>
#include <vector>

#include "engine/work_table.h"

namespace tsum {
namespace {

// Every row holding `code` in `codes` with alive[row] set, ascending: the definition.
std::vector<RowId> naive(const std::vector<uint32_t>& codes, uint32_t code, const std::vector<uint8_t>& alive) {
  std::vector<RowId> out;
  for (size_t r = 0; r < codes.size(); ++r) {
    if (codes[r] == code && alive[r]) out.push_back(static_cast<RowId>(r));
  }
  return out;
}

// naive() for every code of a column at once: one scan (the tests' cost is these scans,
// several times over under ThreadSanitizer).
std::vector<std::vector<RowId>> naive_lists(const std::vector<uint32_t>& codes, uint32_t num_codes,
                                            const std::vector<uint8_t>& alive) {
  std::vector<std::vector<RowId>> out(num_codes);
  for (size_t r = 0; r < codes.size(); ++r) {
    if (alive[r]) out[codes[r]].push_back(static_cast<RowId>(r));
  }
  return out;
}

void check(int threads) {
  // Twelve blocks of 2^18 rows and a partial one: column 0 has 41 codes (0 = NULL; sorted
  // in parallel on 2 threads), column 1 has 2^19 (sorted in buckets of codes), column 2
  // has 3 (a pass per code; lists of ~10^6 rows, filtered block by block on 2 threads),
  // column 3 has 4 (the most that get a pass per code) in runs of equal codes, column 4
  // has 5 (the fewest scattered in one pass), column 5 has 40,001 (in buckets too, of 64
  // codes, the last one partial) drawn unevenly: a quarter of the rows from 16 codes
  // astride two buckets, many codes held by no row.
  const size_t rows = (size_t{3} << 20) + 12345;
  std::mt19937_64 rng(7);
  std::vector<std::vector<uint32_t>> codes(6, std::vector<uint32_t>(rows));
  for (size_t r = 0; r < rows; ++r) {
    codes[0][r] = static_cast<uint32_t>(rng() % 41);
    codes[1][r] = static_cast<uint32_t>(rng() % (uint32_t{1} << 19));
    codes[2][r] = static_cast<uint32_t>(rng() % 3);
    codes[3][r] = r % 1000 == 0 ? static_cast<uint32_t>(rng() % 4) : codes[3][r == 0 ? 0 : r - 1];
    codes[4][r] = static_cast<uint32_t>(rng() % 5);
    codes[5][r] = rng() % 4 == 0 ? static_cast<uint32_t>(23992 + rng() % 16)
                                 : static_cast<uint32_t>((rng() % 20001) * 2 * (rng() % 2));
  }
  const std::vector<uint32_t> cardinality{40, (uint32_t{1} << 19) - 1, 2, 3, 4, 40000};
  const std::vector<std::vector<uint32_t>> expected_codes = codes;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    WorkTable table(codes, cardinality, std::vector<uint64_t>(rows, 1));
    PostingIndex index(table);
    std::vector<uint8_t> alive(rows, 1);
    RowBits live(rows);  // `alive` as the index reads it
    auto check_all = [&](size_t column, uint32_t num_codes) {
      const std::vector<std::vector<RowId>> expected = naive_lists(expected_codes[column], num_codes, alive);
      for (uint32_t code = 0; code < num_codes; ++code) {
        ASSERT_EQ(index.live_rows(column, code, live), expected[code]) << "column " << column << " code " << code;
      }
    };
    check_all(0, 41);
    check_all(1, uint32_t{1} << 19);
    check_all(5, 40001);
    check_all(2, 3);
    check_all(3, 4);
    check_all(4, 5);
    // Rows leave the residue: each list drops them, and reading twice gives the same.
    // Then more leave, a whole 2^16-row stretch among them (a block that keeps nothing).
    for (int pass = 0; pass < 4; ++pass) {
      if (pass == 0) {
        for (size_t r = 0; r < rows; ++r) alive[r] = (rng() % 3) != 0;
      } else if (pass == 2) {
        for (size_t r = 0; r < rows; ++r) alive[r] = alive[r] && (rng() % 4) != 0;
        for (size_t r = 1000000; r < 1300000; ++r) alive[r] = 0;
      }
      live = RowBits(alive);
      check_all(2, 3);
      check_all(3, 4);
      check_all(0, 41);
      check_all(5, 40001);
      ASSERT_EQ(index.live_rows(1, 77, live), naive(expected_codes[1], 77, alive));
      ASSERT_EQ(index.live_rows(2, 1, live, false), naive(expected_codes[2], 1, alive));
    }
  });
}

TEST(PostingIndex, OneThread) { check(1); }
TEST(PostingIndex, TwoThreadsSortBlocksInParallel) { check(2); }

}  // namespace
}  // namespace tsum
