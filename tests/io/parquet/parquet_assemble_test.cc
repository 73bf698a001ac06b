// ColumnJoin (src/io/parquet/parquet_assemble.h): a column's row-group chunks announced
// in any order, from several threads, while the merge runs, give the Column that
// announcing them in file order gives: codes in order of first appearance over the file.
#include "io/parquet/parquet_assemble.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace tsum::parquet {
namespace {

// Chunk-local form of `cells` ("" = NULL): dictionary in first-appearance order, code 0
// for NULL, else the dictionary index + 1.
ChunkOutput chunk_of(const std::vector<std::string>& cells, bool numeric) {
  ChunkOutput out;
  std::vector<uint32_t> codes;
  for (const std::string& cell : cells) {
    if (cell.empty()) {
      codes.push_back(0);
      continue;
    }
    bool inserted = false;
    codes.push_back(out.dictionary.find_or_insert(cell, inserted) + 1);
  }
  out.codes.reserve(codes.size(), out.dictionary.size());
  out.codes.append(codes.data(), codes.size(), out.dictionary.size());
  out.all_numeric = numeric;
  return out;
}

TEST(ColumnJoin, ChunksAnnouncedInAnyOrderFromThreadsJoinAsInFileOrder) {
  // Eleven row groups (one empty): the first nearly distinct (the merge is sized ahead
  // from it), the later ones repeating some of the first's values and bringing their own.
  constexpr size_t kGroups = 11;
  std::mt19937_64 rng(5);
  std::vector<std::vector<std::string>> cells(kGroups);
  uint64_t rows = 0;
  for (size_t g = 0; g < kGroups; ++g) {
    const size_t n = g == 4 ? 0 : g == 0 ? 8000 : 2000 + rng() % 6000;
    for (size_t r = 0; r < n; ++r) {
      const uint64_t draw = rng();
      cells[g].push_back(draw % 50 == 0 ? std::string() : std::to_string(draw % (g == 0 ? 1000000000 : 30000)));
    }
    rows += n;
  }
  auto join = [&](const std::vector<size_t>& order, unsigned threads) {
    std::vector<ChunkOutput> chunks(kGroups);  // each filled just before it is announced
    ColumnJoin joined("n", chunks, rows);
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) {
      pool.emplace_back([&, w] {
        for (size_t i = w; i < order.size(); i += threads) {
          chunks[order[i]] = chunk_of(cells[order[i]], true);
          joined.decoded(order[i]);
        }
      });
    }
    for (std::thread& t : pool) t.join();
    return joined.finish();
  };
  std::vector<size_t> in_order(kGroups);
  for (size_t g = 0; g < kGroups; ++g) in_order[g] = g;
  const auto reference = join(in_order, 1);

  std::map<std::string, uint32_t> first;
  std::vector<uint32_t> expected;
  for (const auto& group : cells) {
    for (const std::string& cell : group) {
      expected.push_back(cell.empty() ? 0 : first.emplace(cell, static_cast<uint32_t>(first.size() + 1)).first->second);
    }
  }
  ASSERT_EQ(reference->rows(), rows);
  ASSERT_EQ(reference->cardinality(), first.size());
  for (uint64_t r = 0; r < rows; ++r) ASSERT_EQ(reference->code_at(r), expected[r]) << r;
  for (const auto& [value, code] : first) ASSERT_EQ(reference->value(code), value);

  for (int run = 0; run < 24; ++run) {
    std::vector<size_t> order = in_order;
    if (run % 3 == 1) std::reverse(order.begin(), order.end());
    if (run % 3 == 2) std::shuffle(order.begin(), order.end(), rng);
    const unsigned threads = 1 + static_cast<unsigned>(run % 4);
    const auto column = join(order, threads);
    const std::string where = "run " + std::to_string(run) + ", " + std::to_string(threads) + " threads";
    ASSERT_EQ(column->cardinality(), reference->cardinality()) << where;
    for (uint64_t r = 0; r < rows; ++r) ASSERT_EQ(column->code_at(r), expected[r]) << where << ", row " << r;
    for (uint32_t code = 1; code <= reference->cardinality(); ++code) {
      ASSERT_EQ(column->value(code), reference->value(code)) << where;
    }
    EXPECT_EQ(column->code_counts(), reference->code_counts()) << where;
    EXPECT_EQ(column->type(), reference->type()) << where;
    EXPECT_EQ(column->null_count(), reference->null_count()) << where;
  }
}

}  // namespace
}  // namespace tsum::parquet
