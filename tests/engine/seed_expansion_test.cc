// root_seeds' pairs read from kept counts in slices side by side (kept_pair_slices)
// against the same root step with no kept counts (every pair gathered row by row, in one
// pass): the same seeds in the same order at every step of a greedy search, on tables of
// real pairs, of prototypes and of exact ties (many equal savings), for several keeps.
#include "engine/seed_expansion.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/random_tables.h"
#include "engine/residue.h"
#include "engine/same_seeds.h"
#include "engine/work_table.h"
#include "support/raw_table.h"
#include "support/sanitizer_share.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// The root step with every pair gathered: no pair counts, no pair grids.
std::vector<Seed> gathered_seeds(Residue& residue, size_t keep) {
  setenv("TSUM_PAIR_COUNT_BYTES", "0", 1);
  setenv("TSUM_PAIR_GRID_BYTES", "0", 1);
  std::vector<Seed> seeds = root_seeds(residue, /*pairs=*/true, keep);
  unsetenv("TSUM_PAIR_GRID_BYTES");
  unsetenv("TSUM_PAIR_COUNT_BYTES");
  return seeds;
}

// 12,000 rows: a of 1,200 values, 10 rows each; b = a / 6 (200 values, 60 rows each); c =
// (a + row) mod 4. Every pair (a, b) covers 10 rows and every value of a and of b has one
// count, so hundreds of seeds tie to the last bit: only the enumeration order parts them.
Table tied_table() {
  TableBuilder builder({"a", "b", "c"});
  ChunkBuilder chunk = builder.make_chunk();
  for (uint32_t r = 0; r < 12000; ++r) {
    const uint32_t a = r % 1200;
    chunk.add_text(0, fmt::format("a{}", a));
    chunk.add_text(1, fmt::format("b{}", a / 6));
    chunk.add_text(2, fmt::format("c{}", (a + r) % 4));
  }
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

struct Tally {
  size_t steps = 0, sliced = 0;
};

// Greedy steps on `t` (at most `most_steps`), each root step's seeds from slices of kept
// counts against the gathered ones.
void compare_every_step(const Table& t, size_t keep, size_t most_steps, const std::string& name, Tally& tally) {
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue kept(table, model), gathered(table, model);
  for (size_t step = 0; step < most_steps && kept.rows() > 0; ++step) {
    const std::string where = fmt::format("{} keep {} step {}", name, keep, step);
    const bool sliced = !kept_pair_slices(kept).empty();
    std::vector<Seed> plain = gathered_seeds(gathered, keep);
    test::expect_same_seeds(root_seeds(kept, /*pairs=*/true, keep), plain, where);
    ++tally.steps;
    tally.sliced += sliced;
    if (::testing::Test::HasFailure() || plain.empty()) return;
    std::vector<RowId> rows;
    const Seed p = expand_seed(gathered, std::move(plain[0]), &rows);
    kept.accept(p.pattern, rows);
    gathered.accept(p.pattern, rows);
  }
}

TEST(KeptPairSlices, GiveTheSeedsOfOnePass) {
  std::vector<std::pair<std::string, Table>> tables;
  tables.emplace_back("tied table", tied_table());
  for (uint64_t seed : {1, 2}) tables.emplace_back(fmt::format("paired table {}", seed), test::paired_table(6000, 600, seed));
  std::mt19937_64 rng(23);
  for (int i = 0; i < 3; ++i) {
    const test::Prototypes shape{6, 400, 20000, 12, 0.5, 0.1, 1 + static_cast<size_t>(i) * 3};
    tables.emplace_back(fmt::format("prototype table {}", i), test::to_table(test::prototype_table(rng, shape)));
  }
  Tally tally;
  for (size_t i = 0; i < tables.size(); i += kShare) {
    for (size_t keep : {size_t{1}, size_t{4}, size_t{0}}) {
      compare_every_step(tables[i].second, keep, 12, tables[i].first, tally);
      if (::testing::Test::HasFailure()) return;
    }
  }
  // Most steps take the slices (the last steps of a table may read too few pairs).
  EXPECT_GT(tally.sliced, tally.steps / 2) << tally.sliced << " of " << tally.steps;
}

// Slices cover every first item once, in enumeration order, within one column each.
TEST(KeptPairSlices, CoverTheFirstItemsInOrder) {
  const Table t = test::paired_table(20000, 2000, 3);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  const std::vector<PairSlice> slices = kept_pair_slices(residue);
  ASSERT_GT(slices.size(), 8u);
  size_t c1 = 0;
  uint32_t next = 1;
  for (const PairSlice& s : slices) {
    if (s.c1 != c1) {
      EXPECT_EQ(next, table.column(c1).cardinality() + 1) << "column " << c1 << " not covered to its end";
      EXPECT_EQ(s.c1, c1 + 1);
      c1 = s.c1;
      next = 1;
    }
    EXPECT_EQ(s.begin, next);
    EXPECT_LT(s.begin, s.end);
    next = s.end;
  }
  EXPECT_EQ(c1 + 2, table.num_columns());
  EXPECT_EQ(next, table.column(c1).cardinality() + 1);
}

}  // namespace
}  // namespace tsum
