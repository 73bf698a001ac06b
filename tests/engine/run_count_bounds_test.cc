// RunCountBounds on its own (which columns fit the budget, what a run records and
// returns), and root_seeds with it against root_seeds without (TSUM_RUN_BOUND_BYTES=0) at
// every step of the entropy greedy search on wide tables of planted patterns whose pairs
// are counted in grids: the same seeds — items, saving compared with ==, count — for the
// greedy search's one and the beam's three, while most values' runs are passed over
// without a count after the first step.
#include "engine/run_count_bounds.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/residue.h"
#include "engine/same_seeds.h"
#include "engine/seed_expansion.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// `rows` rows of `columns` columns of `labels` labels; about half the rows take one of
// `planted` patterns of 6 columns' values (rows drawn in order, weights 1).
Table planted_table(std::mt19937_64& rng, size_t rows, size_t columns, uint32_t labels, size_t planted) {
  std::vector<std::vector<std::pair<size_t, uint32_t>>> patterns(planted);
  for (auto& p : patterns)
    for (int i = 0; i < 6; ++i) p.emplace_back(rng() % columns, static_cast<uint32_t>(rng() % labels));
  std::vector<std::string> names;
  for (size_t c = 0; c < columns; ++c) names.push_back(fmt::format("c{}", c));
  TableBuilder builder(names);
  ChunkBuilder chunk = builder.make_chunk();
  std::vector<uint32_t> row(columns);
  for (size_t r = 0; r < rows; ++r) {
    for (uint32_t& v : row) v = static_cast<uint32_t>(rng() % labels);
    if (rng() % 2 == 0)
      for (const auto& [c, v] : patterns[rng() % planted]) row[c] = v;
    for (size_t c = 0; c < columns; ++c) {
      if (rng() % 50 == 0) chunk.add_null(c);
      else chunk.add_text(c, fmt::format("v{}", row[c]));
    }
  }
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

std::vector<Seed> seeds_with_budget(Residue& residue, const char* bytes, size_t keep) {
  setenv("TSUM_RUN_BOUND_BYTES", bytes, 1);
  std::vector<Seed> seeds = root_seeds(residue, /*pairs=*/true, keep);
  unsetenv("TSUM_RUN_BOUND_BYTES");
  return seeds;
}

TEST(RunCountBounds, ColumnsAreHeldWhileTheBudgetLasts) {
  std::mt19937_64 rng(83);
  const Table t = planted_table(rng, 200, 6, 9, 2);  // about 9 values a column
  const WorkTable table(t, false);
  std::vector<uint64_t> runs(6);
  for (size_t c1 = 0; c1 < 6; ++c1) runs[c1] = (uint64_t{table.column(c1).cardinality()} + 1) * (5 - c1);
  // Room for columns 0 and 2 but not 1 (asked in the order 0, 1, 2, 5): 4 bytes a run.
  setenv("TSUM_RUN_BOUND_BYTES", std::to_string(4 * (runs[0] + runs[2])).c_str(), 1);
  RunCountBounds bounds(table);
  unsetenv("TSUM_RUN_BOUND_BYTES");
  EXPECT_TRUE(bounds.holds(0));
  EXPECT_FALSE(bounds.holds(1));
  EXPECT_TRUE(bounds.holds(2));
  EXPECT_FALSE(bounds.holds(5));  // the last column has no later column: no runs
  EXPECT_TRUE(bounds.holds(0));   // decided once
  EXPECT_FALSE(bounds.holds(3));  // the budget is spent

  EXPECT_FALSE(bounds.bound(0, 1, 3).has_value());  // never recorded
  bounds.record(0, 1, 3, 7, 2);
  ASSERT_TRUE(bounds.bound(0, 1, 3).has_value());
  EXPECT_EQ(bounds.bound(0, 1, 3)->most, 7u);
  EXPECT_EQ(bounds.bound(0, 1, 3)->pairs, 2u);
  EXPECT_FALSE(bounds.bound(0, 1, 4).has_value());  // its neighbours untouched
  EXPECT_FALSE(bounds.bound(0, 2, 3).has_value());
  bounds.record(0, table.column(0).cardinality(), 5, 0, 0);  // the last run of the column
  EXPECT_EQ(bounds.bound(0, table.column(0).cardinality(), 5)->most, 0u);
  bounds.record(2, 3, 4, 70000, 70000);  // too large to hold: unknown again
  EXPECT_FALSE(bounds.bound(2, 3, 4).has_value());
  bounds.record(2, 3, 4, 65534, 70000);  // pairs kept below what they were: never a skip more
  EXPECT_EQ(bounds.bound(2, 3, 4)->most, 65534u);
  EXPECT_EQ(bounds.bound(2, 3, 4)->pairs, 65535u);

  setenv("TSUM_RUN_BOUND_BYTES", "0", 1);
  RunCountBounds none(table);
  unsetenv("TSUM_RUN_BOUND_BYTES");
  EXPECT_FALSE(none.holds(0));
}

// Each step's seeds with the bounds against the same step without, on residues that
// accept the same patterns; grids of the default blocks and of small ones.
TEST(RunCountBounds, RootSeedsAreTheSameAtEveryStep) {
  std::mt19937_64 rng(89);
  setenv("TSUM_PAIR_COUNT_BYTES", "0", 1);  // every column pair counted afresh
  size_t steps_compared = 0;
  uint64_t passed = 0, visits = 0;
  for (size_t i = 0; i < 6; i += kShare) {  // (sanitizer builds: tables 0 and 4)
    const Table t = planted_table(rng, 3000, 30 + 4 * i, 8 + static_cast<uint32_t>(i), 6);
    for (const char* grid_bytes : {"", "3000"}) {
      setenv("TSUM_PAIR_GRID_BYTES", grid_bytes, 1);
      for (size_t keep : {size_t{1}, size_t{3}}) {
        const WorkTable table(t, false);
        const CostModel model(CostModelKind::kEntropy, t);
        Residue with(table, model), without(table, model);
        size_t steps = 0;
        while (with.rows() > 0) {
          const std::string where = fmt::format("table {} grid '{}' keep {} step {}", i, grid_bytes, keep, steps);
          std::vector<Seed> plain = seeds_with_budget(without, "0", keep);
          test::expect_same_seeds(seeds_with_budget(with, "", keep), plain, where);
          if (::testing::Test::HasFailure()) {
            unsetenv("TSUM_PAIR_GRID_BYTES");
            unsetenv("TSUM_PAIR_COUNT_BYTES");
            return;
          }
          EXPECT_EQ(without.run_count_bounds().passed(), 0u) << where;
          if (plain.empty()) break;
          std::vector<RowId> rows;
          const Seed p = expand_seed(without, std::move(plain[0]), &rows);
          with.accept(p.pattern, rows);
          without.accept(p.pattern, rows);
          ++steps;
        }
        steps_compared += steps;
        passed += with.run_count_bounds().passed();
        for (size_t c1 = 0; c1 + 1 < table.num_columns(); ++c1) visits += steps * table.column(c1).cardinality();
      }
      unsetenv("TSUM_PAIR_GRID_BYTES");
    }
  }
  unsetenv("TSUM_PAIR_COUNT_BYTES");
  EXPECT_GT(steps_compared, 120u / kShare);  // (144 steps when written)
  // After the first step most values' runs need no count (a value is visited once a step).
  EXPECT_GT(passed, visits / 2) << passed << " of " << visits;  // (37,871 of 60,648)
}

}  // namespace
}  // namespace tsum
