// RootSeedHeap against root_seeds(residue, false, k), the root step it replaces, at every
// step of a seed-and-expand search under paper, tsum-dask and tsum-js on seeded random
// tables (skewed and uniform values, equal counts from repeated rows, tiny values whose
// savings are not monotone in N, NULLs), row by row and collapsed: the same k seeds in
// the same order — items, saving compared with ==, count. And the work it does on a
// table of many small groups, counted in values scored.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/cost_model.h"
#include "engine/random_tables.h"
#include "engine/residue.h"
#include "engine/root_seed_heap.h"
#include "engine/same_seeds.h"
#include "engine/seed_expansion.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// Steps handed to root_seeds (after patterns of many cells) in all the runs so far.
uint64_t plain_steps = 0;

// Steps of the search on `table` (each checked); the heap's values scored in `scored`.
size_t compare_steps(const Table& table, CostModelKind kind, bool collapse, size_t keep, const std::string& label,
                     uint64_t* scored = nullptr) {
  const WorkTable work(table, collapse);
  const CostModel model(kind, table);
  Residue residue(work, model);
  RootSeedHeap heap(residue);
  size_t steps = 0;
  while (residue.rows() > 0) {
    std::vector<Seed> fast = heap.best(keep);
    std::vector<Seed> plain = root_seeds(residue, /*pairs=*/false, keep);
    test::expect_same_seeds(fast, plain, fmt::format("{} step {}", label, steps));
    if (fast.empty() || plain.empty() || ::testing::Test::HasFailure()) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(plain[0]), &rows);
    residue.accept(p.pattern, rows);
    heap.accepted(rows);
    ++steps;
  }
  if (scored) *scored = heap.scored();
  plain_steps += heap.plain_steps();
  return steps;
}

// Runs of two steps or more.
size_t compare_many(uint64_t seed, size_t tables, const test::Shape& shape) {
  tables /= kShare;
  std::mt19937_64 rng(seed);
  size_t runs = 0;
  for (size_t i = 0; i < tables; ++i) {
    Table table = test::to_table(test::random_table(rng, shape), 53);
    for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs})
      for (bool collapse : {false, true})
        for (size_t keep : {1, 3}) {
          runs += compare_steps(table, kind, collapse, keep,
                                fmt::format("seed {} table {} {}{} keep {}", seed, i, cost_model_name(kind),
                                            collapse ? " collapsed" : "", keep)) >= 2;
          if (::testing::Test::HasFailure()) return runs;
        }
  }
  return runs;
}

TEST(RootSeedHeap, SkewedTables) {
  const uint64_t plain_before = plain_steps;
  EXPECT_GT(compare_many(31, 200, test::Shape{8, 6, 300, 0.3, false}), 1800u / kShare);
  // Small tables: patterns of more cells than live values are common, and the steps
  // after them root_seeds' own (the heap rebuilt after a smaller one): both kinds met.
  EXPECT_GT(plain_steps - plain_before, 3000u / kShare);
}

TEST(RootSeedHeap, UniformValuesTieOften) {
  EXPECT_GT(compare_many(32, 200, test::Shape{5, 4, 200, 0.1, false, 0, true, 4}), 1700u / kShare);
}

TEST(RootSeedHeap, TinyValuesMakeSavingsNonMonotone) {
  EXPECT_GT(compare_many(33, 200, test::Shape{3, 5, 200, 0.1, false, 0, true, 4, true}), 1700u / kShare);
}

TEST(RootSeedHeap, ManySmallGroups) {
  EXPECT_GT(compare_many(34, 20, test::Shape{5, 300, 2000, 0.05, false, 0, true, 2}), 180u / kShare);
}

// 2 · 10^4 rows of five columns of 2,000 labels each (every value held by about ten
// rows): thousands of steps, where root_seeds scores all ~10^4 values at each. The heap
// scores each value once, then a value again only when rows holding it leave: at most
// the values plus each (row, column) cell once, here well under one plain step per ten.
TEST(RootSeedHeap, ScoresEachCellOnce) {
  const Table table = test::uniform_table(20000, 2000, 5, 35);
  uint64_t values = 0;
  for (size_t c = 0; c < 5; ++c) values += table.column(c).cardinality();
  uint64_t scored = 0;
  const size_t steps = compare_steps(table, CostModelKind::kPaper, false, 3, "many small groups", &scored);
  EXPECT_GT(steps, 1000u);
  EXPECT_LE(scored, values + 5 * table.rows());
  EXPECT_LT(10 * scored, steps * values);
}

}  // namespace
}  // namespace tsum
