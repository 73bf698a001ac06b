// bottom_up_detail::draw_sample against the spec's step 1 written out plainly (each
// row's codes as a vector, sorted, equal rows merged, the partial Fisher-Yates shuffle):
// the same rows, weights and total on random tables — repeated rows, rows collapsed to
// weights or not, more and fewer than kBottomUpSample distinct rows, keys of more than
// 64 bits (several groups of columns), NULLs, no rows.
#include "engine/bottom_up_search.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/random_tables.h"
#include "engine/work_table.h"
#include "support/raw_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

bottom_up_detail::Sample plain_sample(const WorkTable& table) {
  std::vector<std::vector<uint32_t>> rows(table.rows());
  for (uint64_t r = 0; r < table.rows(); ++r)
    for (size_t c = 0; c < table.num_columns(); ++c) rows[r].push_back(table.column(c).code_at(r));
  std::vector<uint64_t> order(table.rows());
  std::iota(order.begin(), order.end(), uint64_t{0});
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) { return rows[a] < rows[b]; });
  bottom_up_detail::Sample all;
  for (uint64_t r : order) {
    if (!all.rows.empty() && all.rows.back() == rows[r]) {
      all.weights.back() += table.weight(r);
    } else {
      all.rows.push_back(rows[r]);
      all.weights.push_back(table.weight(r));
    }
    all.total += table.weight(r);
  }
  if (all.rows.size() <= kBottomUpSample) return all;
  std::vector<uint64_t> picked(all.rows.size());
  std::iota(picked.begin(), picked.end(), uint64_t{0});
  std::mt19937_64 rng(kBottomUpSeed);
  for (size_t i = 0; i < kBottomUpSample; ++i) std::swap(picked[i], picked[i + rng() % (picked.size() - i)]);
  picked.resize(kBottomUpSample);
  std::sort(picked.begin(), picked.end());
  bottom_up_detail::Sample s;
  for (uint64_t k : picked) {
    s.rows.push_back(all.rows[k]);
    s.weights.push_back(all.weights[k]);
    s.total += all.weights[k];
  }
  return s;
}

void expect_same_sample(const WorkTable& table, const std::string& label) {
  const bottom_up_detail::Sample expected = plain_sample(table);
  const bottom_up_detail::Sample got = bottom_up_detail::draw_sample(table);
  EXPECT_EQ(got.rows, expected.rows) << label;
  EXPECT_EQ(got.weights, expected.weights) << label;
  EXPECT_EQ(got.total, expected.total) << label;
}

TEST(BottomUpSample, IsTheSpecsStepOne) {
  std::mt19937_64 rng(13);
  size_t large = 0, wide = 0;
  for (int t = 0; t < static_cast<int>(80 / kShare); ++t) {
    // Every fourth table: up to 40 columns of up to 300 values, keys of several groups.
    const bool many_columns = t % 4 == 3;
    test::Shape shape{.max_columns = many_columns ? 40u : 6u, .max_cardinality = t % 3 == 0 ? 300u : 8u,
                      .max_rows = 3000, .max_null_rate = 0.2, .wide_values = false, .uniform = t % 2 == 0,
                      .max_copies = t % 5 == 1 ? 1u : 4u};
    const Table table = test::to_table(test::random_table(rng, shape));
    for (bool collapse : {false, true}) {
      const WorkTable work(table, collapse);
      expect_same_sample(work, fmt::format("table {} collapse {}", t, collapse));
    }
    const WorkTable work(table, false);
    std::set<std::vector<uint32_t>> rows;
    for (uint64_t r = 0; r < work.rows(); ++r) {
      std::vector<uint32_t> row;
      for (size_t c = 0; c < work.num_columns(); ++c) row.push_back(work.column(c).code_at(r));
      rows.insert(std::move(row));
    }
    large += rows.size() > kBottomUpSample;
    uint64_t bits = 0;
    for (size_t c = 0; c < work.num_columns(); ++c) bits += std::bit_width(work.column(c).cardinality());
    wide += bits > 64;
  }
  EXPECT_GE(large, 10u / kShare);  // tables sampled from more than kBottomUpSample distinct rows
  EXPECT_GE(wide, 5u / kShare);    // keys of several groups
}

// Rows repeated across all of 30 columns of 200 values (keys of several groups, each
// group sorting within the runs the earlier ones left), and an empty table.
TEST(BottomUpSample, RepeatedWideRowsAndNoRows) {
  std::mt19937_64 rng(17);
  std::vector<std::vector<uint32_t>> distinct(400, std::vector<uint32_t>(30));
  for (auto& row : distinct)
    for (uint32_t& code : row) code = static_cast<uint32_t>(rng() % 201);
  distinct[1] = distinct[0];
  distinct[1][29] = distinct[0][29] == 0 ? 1 : 0;  // equal but in the last column
  std::vector<std::vector<uint32_t>> codes(30);
  std::vector<uint64_t> weights;
  for (int copy = 0; copy < 3; ++copy) {
    for (const auto& row : distinct) {
      for (size_t c = 0; c < 30; ++c) codes[c].push_back(row[c]);
      weights.push_back(1 + rng() % 3);
    }
  }
  const WorkTable table(std::move(codes), std::vector<uint32_t>(30, 200), std::move(weights));
  expect_same_sample(table, "repeated wide rows");
  const WorkTable empty(std::vector<std::vector<uint32_t>>(3), std::vector<uint32_t>(3, 5), {});
  EXPECT_TRUE(bottom_up_detail::draw_sample(empty).rows.empty());
}

}  // namespace
}  // namespace tsum
