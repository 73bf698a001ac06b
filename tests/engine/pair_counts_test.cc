// PairCounts against a count of the residue's own rows: every run lists exactly the pairs
// (v1, v2) that occur among the rows left, NULL on neither side, v2 ascending, with their
// weighted counts and a bound at least each count; after rows leave in batches, on 1-3
// threads, and as patterns' rows, told the items they hold; and the budget goes to the
// columns c1 in order.
#include "engine/pair_counts.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace tsum {
namespace {

// (c1, c2, v1) -> v2 -> weighted count, over the alive rows.
using Expected = std::map<std::tuple<size_t, size_t, uint32_t>, std::map<uint32_t, uint64_t>>;

Expected count_by_hand(const std::vector<std::vector<uint32_t>>& codes, const std::vector<uint64_t>& weights,
                       const std::vector<uint8_t>& alive) {
  Expected out;
  for (size_t r = 0; r < alive.size(); ++r) {
    if (!alive[r]) continue;
    for (size_t c1 = 0; c1 < codes.size(); ++c1)
      for (size_t c2 = c1 + 1; c2 < codes.size(); ++c2)
        if (codes[c1][r] != 0 && codes[c2][r] != 0) out[{c1, c2, codes[c1][r]}][codes[c2][r]] += weights[r];
  }
  return out;
}

// Returns how many runs were dense and how many sparse (non-empty ones).
std::pair<size_t, size_t> expect_runs(const PairCounts& counts, const std::vector<uint32_t>& cardinality,
                                      const Expected& expected, bool counts_reached_zero, const std::string& label) {
  size_t dense = 0, sparse = 0;
  for (size_t c1 = 0; c1 + 1 < cardinality.size(); ++c1) {
    EXPECT_TRUE(counts.ready(c1)) << label;
    if (!counts.ready(c1)) return {dense, sparse};
    for (size_t c2 = c1 + 1; c2 < cardinality.size(); ++c2) {
      for (uint32_t v1 = 0; v1 <= cardinality[c1]; ++v1) {
        const PairCounts::Run run = counts.run(c1, c2, v1);
        const auto it = expected.find({c1, c2, v1});
        std::map<uint32_t, uint64_t> got;
        if (!run.codes && run.size > 0) {
          EXPECT_EQ(run.size, cardinality[c2]) << label;  // dense: every v2
          ++dense;
        }
        sparse += run.codes != nullptr;
        for (size_t i = 0; i < run.size; ++i) {
          if (i > 0) {
            EXPECT_LT(run.code(i - 1), run.code(i)) << label << " run " << c1 << "," << c2 << "," << v1;
          }
          EXPECT_LE(run.counts[i], counts.bound(c1, c2, v1)) << label;
          if (run.counts[i] > 0) got[run.code(i)] = run.counts[i];
          // Built on these rows, a sparse run holds no pair with no row; rows leaving may zero one.
          if (!counts_reached_zero && run.codes) {
            EXPECT_GT(run.counts[i], 0u) << label;
          }
        }
        const std::map<uint32_t, uint64_t> want = it == expected.end() ? std::map<uint32_t, uint64_t>() : it->second;
        EXPECT_EQ(got, want) << label << " run " << c1 << "," << c2 << "," << v1;
      }
    }
  }
  return {dense, sparse};
}

TEST(PairCounts, RunsHoldTheResidueCountsAsRowsLeave) {
  const std::vector<uint32_t> cardinality{40, 7, 1, 300};
  const size_t rows = 5000;
  std::mt19937_64 rng(2026);
  std::vector<std::vector<uint32_t>> codes(cardinality.size(), std::vector<uint32_t>(rows));
  std::vector<uint64_t> weights(rows);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cardinality.size(); ++c) {
      // A skewed choice, and NULL (code 0) in about one cell of eight.
      const uint32_t v = static_cast<uint32_t>(rng() % (cardinality[c] + 1));
      codes[c][r] = rng() % 8 == 0 ? 0 : 1 + static_cast<uint32_t>(std::min<uint64_t>(v, rng() % (cardinality[c])));
    }
    weights[r] = 1 + rng() % 3;
  }
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      const WorkTable table(codes, cardinality, weights);
      std::vector<uint8_t> alive(rows, 1);
      for (size_t r = 0; r < rows; r += 7) alive[r] = 0;  // rows gone before the counts are built
      PairCounts counts(table, RowBits(alive), ~uint64_t{0});
      const std::string label = std::to_string(threads) + " threads";
      const auto [dense, sparse] =
          expect_runs(counts, cardinality, count_by_hand(codes, weights, alive), false, label + ", built");
      EXPECT_GT(dense, 10u) << label;  // both kinds of run are met
      EXPECT_GT(sparse, 10u) << label;
      // Rows leave in batches of growing size until none is left.
      std::vector<RowId> order;
      for (size_t r = 0; r < rows; ++r)
        if (alive[r]) order.push_back(static_cast<RowId>(r));
      std::shuffle(order.begin(), order.end(), rng);
      size_t at = 0;
      for (size_t batch = 1; at < order.size(); batch *= 4) {
        std::vector<RowId> leaving(order.begin() + at, order.begin() + std::min(order.size(), at + batch));
        at += leaving.size();
        counts.remove(leaving);
        for (RowId r : leaving) alive[r] = 0;
        expect_runs(counts, cardinality, count_by_hand(codes, weights, alive), true,
                    label + ", " + std::to_string(at) + " rows gone");
      }
    });
  }
}

// Rows leave as accepted patterns' rows do: every one holding the pattern's items, which
// remove() is told of (so it reads neither code of a pair of two of them, nor the first
// of a pair whose first column is one). The counts are those of the rows left, whichever
// columns the items name (both, one or neither of a pair), serial or shared out.
TEST(PairCounts, RowsHoldingAPatternsItemsLeaveAsAnyOthers) {
  const std::vector<uint32_t> cardinality{6, 40, 3, 500, 9};
  const size_t rows = 12000;
  std::mt19937_64 rng(37);
  std::vector<std::vector<uint32_t>> codes(cardinality.size(), std::vector<uint32_t>(rows));
  std::vector<uint64_t> weights(rows);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cardinality.size(); ++c)
      codes[c][r] = rng() % 10 == 0 ? 0 : 1 + static_cast<uint32_t>(rng() % cardinality[c]);
    weights[r] = 1 + rng() % 4;
  }
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      const WorkTable table(codes, cardinality, weights);
      std::vector<uint8_t> alive(rows, 1);
      PairCounts counts(table, RowBits(alive), ~uint64_t{0});
      size_t fixed_pairs = 0, shared_out = 0;
      for (int step = 0; step < 200; ++step) {
        std::vector<RowId> left;
        for (size_t r = 0; r < rows; ++r)
          if (alive[r]) left.push_back(static_cast<RowId>(r));
        if (left.empty()) break;
        // A pattern: some non-NULL codes of a row left; its rows, all or a random part.
        const RowId at = left[rng() % left.size()];
        std::vector<Item> items;
        for (size_t c = 0; c < cardinality.size(); ++c)
          if (codes[c][at] != 0 && (step == 0 ? c == 2 : rng() % 2 == 0))  // the first: a third of the rows
            items.push_back(Item{static_cast<uint32_t>(c), codes[c][at]});
        if (items.empty()) continue;
        std::vector<RowId> leaving;
        const bool part = step > 0 && rng() % 2 == 0;
        for (RowId r : left) {
          bool holds = true;
          for (const Item& item : items) holds = holds && codes[item.column][r] == item.code;
          if (holds && (!part || rng() % 8 == 0)) leaving.push_back(r);
        }
        fixed_pairs += items.size() >= 2 && !leaving.empty();
        shared_out += leaving.size() * 10 >= (size_t{1} << 14);
        counts.remove(leaving, items);
        for (RowId r : leaving) alive[r] = 0;
        expect_runs(counts, cardinality, count_by_hand(codes, weights, alive), true,
                    std::to_string(threads) + " threads, step " + std::to_string(step));
        if (::testing::Test::HasFailure()) return;
      }
      EXPECT_GE(fixed_pairs, 20u);  // pairs of two held items were met
      EXPECT_GE(shared_out, 1u);    // and removals large enough to share out
    });
  }
}

TEST(PairCounts, TightenLowersTheBoundToWhatItIsGiven) {
  const std::vector<uint32_t> cardinality{3, 3};
  std::vector<std::vector<uint32_t>> codes{{1, 1, 1, 2}, {1, 1, 2, 3}};
  const WorkTable table(codes, cardinality, {1, 1, 1, 1});
  PairCounts counts(table, RowBits(4), ~uint64_t{0});
  EXPECT_EQ(counts.bound(0, 1, 1), 2u);  // (1, 1) twice, (1, 2) once
  const RowId first = 0;
  counts.remove({&first, 1});
  EXPECT_EQ(counts.bound(0, 1, 1), 2u);  // a bound, not the count: still 2
  counts.tighten(0, 1, 1, 1);
  EXPECT_EQ(counts.bound(0, 1, 1), 1u);
  EXPECT_EQ(counts.bound(0, 1, 2), 1u);
  EXPECT_EQ(counts.bound(0, 1, 3), 0u);  // no row holds 3 in the first column
}

TEST(PairCounts, TheBudgetGoesToColumnsInOrder) {
  // Column 0 pairs with two columns, column 1 with one, column 2 with none.
  const std::vector<uint32_t> cardinality{50, 20, 4};
  const size_t rows = 1000;
  std::vector<std::vector<uint32_t>> codes(3, std::vector<uint32_t>(rows));
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < 3; ++c) codes[c][r] = 1 + static_cast<uint32_t>((r * (c + 3)) % cardinality[c]);
  const WorkTable table(codes, cardinality, std::vector<uint64_t>(rows, 1));
  const std::vector<uint8_t> alive(rows, 1);
  const uint64_t first = PairCounts::bytes_for(rows, 50, 20) + PairCounts::bytes_for(rows, 50, 4);
  const uint64_t second = PairCounts::bytes_for(rows, 20, 4);
  // 1,000 pairs at most: 16 bytes each, or 8 a cell of the 50 x 20 grid when less.
  EXPECT_EQ(PairCounts::bytes_for(rows, 50, 20), 1000 * 8 + 52 * 8 + 51 * 8);
  EXPECT_EQ(PairCounts::bytes_for(rows, 20, 4), 80 * 8 + 22 * 8 + 21 * 8);
  EXPECT_EQ(PairCounts::bytes_for(rows, 2000, 2000), 1000 * 16 + 2002 * 8 + 2001 * 8);  // rows bound it
  auto ready = [&](uint64_t budget) {
    PairCounts counts(table, RowBits(alive), budget);
    return std::vector<bool>{counts.ready(0), counts.ready(1), counts.ready(2)};
  };
  EXPECT_EQ(ready(0), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(ready(second), (std::vector<bool>{false, true, false}));  // column 0 does not fit; 1 still does
  EXPECT_EQ(ready(first), (std::vector<bool>{true, false, false}));
  EXPECT_EQ(ready(first + second), (std::vector<bool>{true, true, false}));
}

}  // namespace
}  // namespace tsum
