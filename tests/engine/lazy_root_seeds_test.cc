// LazyRootSeeds against root_seeds(residue, true, k), the root step it replaces, at
// every step of the entropy greedy search on seeded random tables (ties, NULLs, repeated
// rows collapsed to weights, tiny values): the same seed — items, saving compared with
// ==, count — and the same k seeds in the same order for the beam's k. And the work it saves on a table of many real pairs, counted in candidates
// scored, not seconds.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/lazy_root_seeds.h"
#include "engine/residue.h"
#include "engine/same_seeds.h"
#include "engine/seed_expansion.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

struct Steps {
  size_t all = 0;
  size_t keyed = 0;  // taken by the lazy step itself, not handed to root_seeds
};

// Runs the greedy search on `table`, checking the lazy root step's `keep` best seeds
// against root_seeds' at each step (and, at its own steps, every key against the savings
// it stands for).
Steps compare_steps(const Table& table, bool collapse, const std::string& label, size_t keep) {
  const WorkTable work(table, collapse);
  const CostModel model(CostModelKind::kEntropy, table);
  Residue residue(work, model);
  if (!LazyRootSeeds::usable(residue)) {
    ADD_FAILURE() << label << ": not usable";
    return {};
  }
  LazyRootSeeds lazy(residue);
  Steps out;
  size_t& steps = out.all;
  while (residue.rows() > 0) {
    // The lazy step first: root_seeds tightens the runs' count bounds as it reads them.
    std::vector<Seed> fast;
    if (keep == 1) {
      if (std::optional<Seed> one = lazy.best()) fast.push_back(std::move(*one));
    } else {
      fast = lazy.best(keep);
    }
    std::vector<Seed> plain = root_seeds(residue, /*pairs=*/true, keep);
    test::expect_same_seeds(fast, plain, fmt::format("{} step {}", label, steps));
    if (fast.empty() || plain.empty()) break;
    if (lazy.keyed()) {
      EXPECT_EQ(lazy.keys_below_savings(), 0u) << label << " step " << steps;
    }
    out.keyed += lazy.keyed();
    if (::testing::Test::HasFailure()) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(plain[0]), &rows);
    residue.accept(p.pattern, rows);
    lazy.accepted(p.pattern, rows);
    ++steps;
  }
  return out;
}

// Runs (a table, collapsed or not) of at least two steps, and keyed steps in all.
Steps compare_many(uint64_t seed, size_t tables, const test::Prototypes& shape, size_t share = kShare,
                   size_t keep = 1) {
  tables /= share;
  std::mt19937_64 rng(seed);
  Steps out;
  for (size_t i = 0; i < tables; ++i) {
    Table table = test::to_table(prototype_table(rng, shape), 53);
    for (bool collapse : {false, true}) {
      const Steps steps = compare_steps(
          table, collapse, fmt::format("seed {} table {}{} keep {}", seed, i, collapse ? " collapsed" : "", keep), keep);
      if (::testing::Test::HasFailure()) return out;
      out.all += steps.all >= 2;
      out.keyed += steps.keyed;
    }
  }
  return out;
}

// Enough runs of two steps or more, and enough steps the lazy step took itself.
void expect_enough(const Steps& steps, size_t runs, size_t keyed, size_t share = kShare) {
  EXPECT_GT(steps.all, runs / share);
  EXPECT_GT(steps.keyed, keyed / share);
}

TEST(LazyRootSeeds, FewPrototypes) { expect_enough(compare_many(11, 1500, test::Prototypes{8, 6, 300, 4, 0.2, 0.3}), 1200u, 1500u); }

TEST(LazyRootSeeds, SmallDictionariesTieOften) {
  // Two or three values per column and rows repeated: equal counts, equal savings.
  expect_enough(compare_many(12, 1500, test::Prototypes{5, 3, 200, 6, 0.3, 0.2, 4}), 400u, 1000u);
}

TEST(LazyRootSeeds, ManyPrototypesOfLargeDictionaries) {
  // Many patterns of a few rows each over dozens of values: long searches, many epochs.
  // (Whole under sanitizers too: a quarter of 60 tables is too few to count on.)
  expect_enough(compare_many(13, 60, test::Prototypes{5, 60, 2000, 200, 0.15, 0.3, 2}, 1), 80u, 1000u, 1);
}

TEST(LazyRootSeeds, WideNoisyTables) { expect_enough(compare_many(14, 400, test::Prototypes{12, 8, 500, 12, 0.5, 0.5}), 160u, 250u); }

// The beam's K seeds (`--search beam`, K = 3 by default): the K best in root_seeds'
// order, ties between them included.
TEST(LazyRootSeeds, TheBeamsSeeds) {
  expect_enough(compare_many(15, 600, test::Prototypes{8, 6, 300, 4, 0.2, 0.3}, kShare, 3), 400u, 600u);
  expect_enough(compare_many(16, 600, test::Prototypes{5, 3, 200, 6, 0.3, 0.2, 4}, kShare, 5), 130u, 400u);
  expect_enough(compare_many(17, 30, test::Prototypes{5, 60, 2000, 200, 0.15, 0.3, 2}, 1, 8), 40u, 200u, 1);
}

// a = x and b = y occur only together, in 10 rows, and y is b's most frequent value: the
// run (a = x, b)'s first key, EntropyCoder::pair_bound, is then that pair's saving (plus
// the slack). 190 pairs (c, d) of 40 rows each save more and are taken first, while the
// run is never read; the residue falls by 40 rows a step, so an epoch (1/32 of R) spans
// about six steps, and the pair's saving rises as R falls. A key taken on R of the
// step it was computed, not on the floor, falls below it.
TEST(LazyRootSeeds, KeysHoldAsTheResidueFalls) {
  TableBuilder builder({"a", "b", "c", "d"});
  ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(2026);
  for (int r = 0; r < 10; ++r) {
    chunk.add_text(0, "x"), chunk.add_text(1, "y");
    chunk.add_text(2, fmt::format("c{}", rng() % 5000)), chunk.add_text(3, fmt::format("d{}", rng() % 5000));
  }
  for (int group = 0; group < 190; ++group) {
    for (int r = 0; r < 40; ++r) {
      chunk.add_text(0, fmt::format("a{}", rng() % 3000)), chunk.add_text(1, fmt::format("b{}", rng() % 3000));
      chunk.add_text(2, fmt::format("z{}", group)), chunk.add_text(3, fmt::format("w{}", group));
    }
  }
  builder.add_chunk(std::move(chunk));
  const Table table = builder.finish();
  const Steps steps = compare_steps(table, false, "pairs of 40 rows, then x y", 1);
  EXPECT_GE(steps.all, 191u);
  EXPECT_GT(steps.keyed, 40u);  // (66 when written: the others are handed to root_seeds)
}

// a among 1,000 labels, b and c functions of a among 100 and two labels, d noise: the
// accepted patterns {a = x, b = h(x), c = f(x)} each lower the cells left of a value of c
// (the last column) ~10,000 rows of R hold; the runs whose pairs hold it second are in
// three columns, 30,000 codes to read, more marks than the ~5,000 live candidates: the
// keys end there, and the next lazy step starts an epoch.
TEST(LazyRootSeeds, ValuesOfManyRowsEndTheEpoch) {
  TableBuilder builder({"a", "b", "d", "c"});
  ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(77);
  std::vector<uint64_t> partner(1000);
  for (uint64_t& p : partner) p = rng() % 100;
  for (int r = 0; r < 20000; ++r) {
    const uint64_t a = rng() % 1000;
    chunk.add_text(0, fmt::format("a{}", a)), chunk.add_text(1, fmt::format("b{}", partner[a]));
    chunk.add_text(2, fmt::format("d{}", rng() % 20)), chunk.add_text(3, fmt::format("c{}", a % 2));
  }
  builder.add_chunk(std::move(chunk));
  const Steps steps = compare_steps(builder.finish(), false, "c of two values", 1);
  EXPECT_GT(steps.all, 500u);
  EXPECT_GT(steps.keyed, 30u);  // (46 when written: after such a pattern root_seeds takes the step)
}

// A table of many real pairs (bench/paired_values.py's shape: a among 2,000 labels, b a
// function of a among 200, c and d noise): about 2,000 steps, each of which the plain
// root step spends scoring every value and every run (~8,700 candidates). The lazy step
// scores less than a tenth of that.
TEST(LazyRootSeeds, ScoresFewCandidatesPerStep) {
  const Table table = test::paired_table(20000, 2000, 5);
  const WorkTable work(table, false);
  const CostModel model(CostModelKind::kEntropy, table);
  Residue residue(work, model);
  ASSERT_TRUE(LazyRootSeeds::usable(residue));
  LazyRootSeeds lazy(residue);
  uint64_t steps = 0, plain_candidates = 0;
  for (size_t c = 0; c < 4; ++c) plain_candidates += uint64_t{work.column(c).cardinality()} * (4 - c);
  while (std::optional<Seed> seed = lazy.best()) {
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(*seed), &rows);
    residue.accept(p.pattern, rows);
    lazy.accepted(p.pattern, rows);
    ++steps;
  }
  EXPECT_GT(steps, 1500u);
  const uint64_t plain = steps * plain_candidates;
  // (0.67 million against 16 million when written.)
  EXPECT_LT(lazy.scored() * 10, plain) << lazy.scored() << " scored in " << steps << " steps, plain " << plain;
}

}  // namespace
}  // namespace tsum
