// PairGrid's counts against a count of R's rows, and root_seeds under entropy on every
// way its pairs are counted — kept counts, grids in blocks of any size (their columns
// scored one after another or side by side, counted by passes over rows or from value
// bitmaps), the gather — at
// every step of a greedy search on seeded random tables (ties, NULLs, rows collapsed to
// weights, a column of a large dictionary beside small ones): the same seeds.
#include "engine/pair_grid.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>

#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/residue.h"
#include "engine/same_seeds.h"
#include "engine/seed_expansion.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"
#include "tsum/summarize.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// prototype_table's rows, with two last columns of about rows / 2 labels each when
// `wide_values` (the pairs of the two are sparse: left to the gather beside the grid's
// columns).
Table random_table(std::mt19937_64& rng, const test::Prototypes& shape, bool wide_values) {
  test::RawTable raw = test::prototype_table(rng, shape);
  if (wide_values) {
    const size_t labels = std::max<size_t>(2, raw.rows.size() / 2);
    for (const char* name : {"big", "bigger"}) {
      raw.names.push_back(name);
      for (auto& row : raw.rows) {
        if (rng() % 10 == 0) row.push_back(std::nullopt);
        else row.push_back(fmt::format("w{}", rng() % labels));
      }
    }
  }
  return test::to_table(raw, 53);
}

// Accepts the pattern of one or two items of a random row of R, as a search would.
void accept_some_row(Residue& residue, const CostModel& model, std::mt19937_64& rng) {
  const WorkTable& table = residue.table();
  std::vector<RowId> left;
  for (uint64_t r = 0; r < table.rows(); ++r)
    if (residue.alive(static_cast<RowId>(r))) left.push_back(static_cast<RowId>(r));
  const RowId row = left[rng() % left.size()];
  CodedPattern p;
  const size_t items = 1 + rng() % 2;
  for (size_t c = rng() % table.num_columns(); c < table.num_columns() && p.items.size() < items; ++c)
    if (table.column(c).code_at(row) != 0) add_item(p, model, static_cast<uint32_t>(c), table.column(c).code_at(row));
  if (p.items.empty()) return;
  residue.accept(p, residue.rows_matching(p.items));
}

// Every covered run of c1's grid, in blocks of `bytes`, against a count of R's rows:
// its counts, largest count and pairs of two rows or more. Adds what it compared.
struct GridChecks {
  size_t runs = 0, blocks = 0, left_out = 0;
  size_t bitmap_runs = 0, bitmap_runs_without_nulls = 0;  // counted from value bitmaps
};
void check_grid(const Residue& residue, size_t c1, uint64_t bytes, const std::string& where, GridChecks& checks) {
  const WorkTable& table = residue.table();
  const size_t d = table.num_columns();
  PairGrid grid(residue, c1, {bytes, true});
  for (size_t c2 = c1 + 1; c2 < d; ++c2) {
    const uint64_t cells = uint64_t{table.column(c1).cardinality() + 1} * (table.column(c2).cardinality() + 1);
    EXPECT_EQ(grid.covers(c2), table.column(c1).cardinality() > 0 && cells <= 4 * residue.rows() + 4096);
    checks.left_out += !grid.covers(c2);
  }
  if (!grid.covers_any()) return;
  // Forced bitmaps (TSUM_VALUE_BITMAP_BYTES) count every pair of columns that has them.
  const ValueBitmaps* bitmaps = residue.value_bitmaps();
  for (size_t c2 = c1 + 1; c2 < d; ++c2) {
    const bool both = bitmaps && bitmaps->has(c1) && bitmaps->has(c2);
    if (!grid.covers(c2)) continue;
    EXPECT_EQ(grid.by_bitmaps(c2), both && bitmaps->forced()) << where << " c1 " << c1 << " c2 " << c2;
  }
  std::map<std::pair<size_t, uint32_t>, std::vector<uint64_t>> expected;  // (c2, v1) -> counts by v2
  for (size_t c2 = c1 + 1; c2 < d; ++c2) {
    for (uint32_t v1 = 1; v1 <= table.column(c1).cardinality(); ++v1)
      expected[{c2, v1}].assign(table.column(c2).cardinality() + 1, 0);
  }
  for (uint64_t r = 0; r < table.rows(); ++r) {
    const uint32_t v1 = table.column(c1).code_at(r);
    if (!residue.alive(static_cast<RowId>(r)) || v1 == 0) continue;
    for (size_t c2 = c1 + 1; c2 < d; ++c2) expected[{c2, v1}][table.column(c2).code_at(r)] += table.weight(r);
  }
  uint32_t end = 1;
  for (uint32_t v1 = 1; v1 <= table.column(c1).cardinality(); ++v1) {
    if (residue.histogram(c1)[v1] < 2) continue;
    if (v1 >= end) {
      end = grid.count_block(v1);
      ASSERT_GT(end, v1);
      ++checks.blocks;
    }
    for (size_t c2 = c1 + 1; c2 < d; ++c2) {
      if (!grid.covers(c2)) continue;
      const std::vector<uint64_t>& want = expected[{c2, v1}];
      uint32_t most = 0, pairs = 0;
      for (uint32_t v2 = 0; v2 < want.size(); ++v2) {
        ASSERT_EQ(grid.run(v1, c2)[v2], want[v2])
            << where << " c1 " << c1 << " v1 " << v1 << " c2 " << c2 << " v2 " << v2 << " bytes " << bytes;
        if (v2 == 0) continue;
        most = std::max<uint32_t>(most, static_cast<uint32_t>(want[v2]));
        pairs += want[v2] >= 2;
      }
      EXPECT_EQ(grid.most(v1, c2), most) << where;
      EXPECT_EQ(grid.pairs(v1, c2), pairs) << where;
      ++checks.runs;
      if (grid.by_bitmaps(c2)) {
        ++checks.bitmap_runs;
        checks.bitmap_runs_without_nulls += residue.histogram(c2)[0] == 0;
      }
    }
  }
}

TEST(PairGrid, CountsAreThePairsOfTheResidue) {
  std::mt19937_64 rng(41);
  GridChecks checks;
  for (int trial = 0; trial < 60 / static_cast<int>(kShare); ++trial) {
    const Table t = random_table(rng, test::Prototypes{6, 8, 250, 5, 0.3, 0.3, 3}, trial % 2 == 0);
    for (bool collapse : {false, true}) {
      const WorkTable table(t, collapse);
      const CostModel model(CostModelKind::kEntropy, t);
      Residue residue(table, model);
      for (int step = 0; step < 3 && residue.rows() > 0; ++step) {
        // Counted by passes over rows, then (the residue's value bitmaps built, forced on
        // every pair of columns that has them; a table collapsed to weights gets none).
        for (bool bitmaps : {false, true}) {
          if (bitmaps) {
            setenv("TSUM_VALUE_BITMAP_BYTES", "1048576", 1);
            residue.prepare_value_bitmaps();
            unsetenv("TSUM_VALUE_BITMAP_BYTES");
            ASSERT_NE(residue.value_bitmaps(), nullptr);
          }
          for (size_t c1 = 0; c1 + 1 < table.num_columns(); ++c1) {
            for (uint64_t bytes : {uint64_t{4}, uint64_t{200}, uint64_t{1} << 20})
              check_grid(residue, c1, bytes, fmt::format("trial {}{}", trial, bitmaps ? " bitmaps" : ""), checks);
          }
        }
        const uint64_t before = residue.rows();
        accept_some_row(residue, model, rng);
        if (residue.rows() < before) {
          EXPECT_EQ(residue.value_bitmaps(), nullptr);  // (R changed: dropped)
        }
      }
    }
  }
  // (When written: 104,394 runs, 28,760 blocks and 402 columns left out; 30,993 runs
  // from bitmaps, 2,481 of them with no NULL left in c2.)
  EXPECT_GT(checks.runs, 80000u / kShare);
  EXPECT_GT(checks.blocks, 20000u / kShare);  // many blocks of one or a few values
  EXPECT_GT(checks.left_out, 300u / kShare);  // pairs of the two large dictionaries, gathered
  EXPECT_GT(checks.bitmap_runs, 25000u / kShare);
  EXPECT_GT(checks.bitmap_runs_without_nulls, 800u / kShare);  // (321 at a quarter of the trials)
}

// Columns are counted two at a time where neighbours share a code width: columns of
// 8-, 16- and 32-bit codes side by side (pairs of one width, pairs broken by another,
// a width alone), in blocks of every size, over a search's steps. (Weighted rows: the
// test above, whose tables collapse.)
TEST(PairGrid, ColumnsOfEveryCodeWidth) {
  // Labels per column: 8-bit codes up to 255 values, 16-bit up to 65,535, 32-bit above
  // (f and g: every row's value r mod 66,000, so all of them occur). With 6 cells of h,
  // the grids of h against f and g fit 4 |R| + 4,096 cells on the whole table only.
  const std::vector<uint32_t> labels = {6, 400, 9, 300, 350, 5, 66000, 66000, 12, 500};
  const size_t rows = 100000;
  std::mt19937_64 rng(47);
  GridChecks checks;
  std::set<size_t> widths_met;
  size_t wide_runs = 0;
  for (int trial = 0; trial < 4 / static_cast<int>(kShare); ++trial) {
    TableBuilder builder({"a", "b", "c", "d", "e", "h", "f", "g", "i", "j"});
    ChunkBuilder chunk = builder.make_chunk();
    for (size_t r = 0; r < rows; ++r) {
      const uint64_t group = rng() % 40;  // rows of one of 40 groups repeat a few values
      for (size_t c = 0; c < labels.size(); ++c) {
        if (labels[c] == 66000) chunk.add_text(c, fmt::format("v{}", (r + 17 * c) % 66000));
        else if (rng() % 20 == 0) chunk.add_null(c);
        else if (rng() % 3 == 0) chunk.add_text(c, fmt::format("v{}", group * 7 % labels[c]));
        else chunk.add_text(c, fmt::format("v{}", rng() % labels[c]));
      }
    }
    builder.add_chunk(std::move(chunk));
    const Table t = builder.finish();
    const WorkTable table(t, false);
    for (size_t c = 0; c < table.num_columns(); ++c)
      widths_met.insert(table.column(c).visit_codes([](const auto* codes) { return sizeof(*codes); }));
    const CostModel model(CostModelKind::kEntropy, t);
    Residue residue(table, model);
    for (int step = 0; step < 2 && residue.rows() > 0; ++step) {
      for (size_t c1 : {size_t{0}, size_t{2}, size_t{5}}) {
        const size_t before = checks.runs;
        for (uint64_t bytes : {uint64_t{4}, uint64_t{5000}, uint64_t{16} << 20})
          check_grid(residue, c1, bytes, fmt::format("trial {} step {}", trial, step), checks);
        if (::testing::Test::HasFailure()) return;
        if (c1 == 5 && PairGrid(residue, c1, {uint64_t{16} << 20, true}).covers(6)) wide_runs += checks.runs - before;
      }
      accept_some_row(residue, model, rng);
    }
  }
  EXPECT_EQ(widths_met, (std::set<size_t>{1, 2, 4}));
  EXPECT_GT(wide_runs, 0u);  // h against the two 32-bit columns, counted together
  EXPECT_GT(checks.runs, 500u / kShare);
}

// Unless forced, a grid covers nothing where the counting would not outweigh its pass
// over the table: a table of 3 columns (at most 2 counted per row of c1) is gathered.
TEST(PairGrid, NarrowTablesAreGathered) {
  std::mt19937_64 rng(43);
  const Table t = random_table(rng, test::Prototypes{3, 4, 300, 3, 0.2, 0.0}, false);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  ASSERT_GE(table.num_columns(), 2u);
  EXPECT_FALSE(PairGrid(residue, 0, {uint64_t{16} << 20, false}).covers_any());
  EXPECT_TRUE(PairGrid(residue, 0, {uint64_t{16} << 20, true}).covers_any());
}

// 6,000 rows of 10 columns of 40 labels, half of them drawn from 20 prototype rows: a
// grid pays unforced (9 later columns counted per row of the table) and is counted on the
// threads (over 2^12 counts a block). Its counts against a count of R, and whole entropy
// summaries counted in grids and gathered, on one thread and two: the same.
TEST(PairGrid, CountsOnTheThreadsAndSummariesAgree) {
  TableBuilder builder({"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"});
  ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(61);
  std::vector<std::vector<uint64_t>> prototypes(20, std::vector<uint64_t>(10));
  for (auto& row : prototypes)
    for (uint64_t& v : row) v = rng() % 40;
  for (int r = 0; r < 6000; ++r) {
    const std::vector<uint64_t>& proto = prototypes[rng() % 20];
    const bool noise = rng() % 2 == 0;
    for (size_t c = 0; c < 10; ++c) chunk.add_text(c, fmt::format("v{}", noise ? rng() % 40 : proto[c]));
  }
  builder.add_chunk(std::move(chunk));
  const Table t = builder.finish();
  {
    const WorkTable table(t, false);
    const CostModel model(CostModelKind::kEntropy, t);
    Residue residue(table, model);
    PairGrid grid(residue, 0, {uint64_t{16} << 20, false});
    ASSERT_TRUE(grid.covers_any());
    std::vector<std::vector<uint64_t>> expected(10 * 41, std::vector<uint64_t>(41, 0));  // [c2 * 41 + v1][v2]
    for (uint64_t r = 0; r < table.rows(); ++r)
      for (size_t c2 = 1; c2 < 10; ++c2)
        ++expected[c2 * 41 + table.column(0).code_at(r)][table.column(c2).code_at(r)];
    uint32_t end = 1;
    for (uint32_t v1 = 1; v1 <= table.column(0).cardinality(); ++v1) {
      if (v1 >= end) end = grid.count_block(v1);
      for (size_t c2 = 1; c2 < 10; ++c2) {
        ASSERT_TRUE(grid.covers(c2));
        for (uint32_t v2 = 0; v2 <= table.column(c2).cardinality(); ++v2)
          ASSERT_EQ(grid.run(v1, c2)[v2], expected[c2 * 41 + v1][v2]) << "v1 " << v1 << " c2 " << c2 << " v2 " << v2;
      }
    }
  }
  setenv("TSUM_PAIR_COUNT_BYTES", "0", 1);
  std::vector<Summary> summaries;
  for (const char* grid_bytes : {"", "0"}) {
    setenv("TSUM_PAIR_GRID_BYTES", grid_bytes, 1);
    for (unsigned threads : {1u, 2u}) {
      SummarizeOptions o;
      o.cost_model = CostModelKind::kEntropy;
      o.threads = threads;
      summaries.push_back(summarize(t, o));
    }
  }
  unsetenv("TSUM_PAIR_GRID_BYTES");
  unsetenv("TSUM_PAIR_COUNT_BYTES");
  ASSERT_GE(summaries[0].patterns.size(), 10u);
  for (size_t k = 1; k < summaries.size(); ++k) {
    ASSERT_EQ(summaries[k].patterns.size(), summaries[0].patterns.size()) << k;
    for (size_t i = 0; i < summaries[0].patterns.size(); ++i) {
      EXPECT_EQ(summaries[k].patterns[i].items, summaries[0].patterns[i].items) << k << " rank " << i;
      EXPECT_EQ(summaries[k].patterns[i].saving, summaries[0].patterns[i].saving) << k << " rank " << i;
    }
  }
}

// Each way of counting pairs, as the environment selects it for a residue of its own.
struct Way {
  const char* name;
  const char* count_bytes;   // TSUM_PAIR_COUNT_BYTES ("" = the default budget)
  const char* grid_bytes;    // TSUM_PAIR_GRID_BYTES ("" = the default choice)
  const char* bitmap_bytes;  // TSUM_VALUE_BITMAP_BYTES ("" = where they pay)
};

constexpr Way kWays[] = {
    {"gather", "0", "0", ""},       // the reference: every pair gathered value by value
    {"kept counts", "", "", ""},    // engine/pair_counts.h
    {"default grid", "0", "", ""},  // grids where they pay, from bitmaps where those pay
    {"grid of 1-value blocks", "0", "4", "0"},
    {"grid of small blocks", "0", "300", "0"},
    {"grid in one block", "0", "1048576", "0"},
    {"grid from bitmaps", "0", "", "1048576"},  // every pair of few-label columns
    {"grid of small blocks from bitmaps", "0", "300", "1048576"},
};

// The way's seeds, how many of its first columns were scored side by side, and whether
// its grids counted from forced value bitmaps (adds 1 to `bitmap_steps`).
std::vector<Seed> seeds_counted(const Way& way, Residue& residue, size_t keep, size_t* side_by_side = nullptr,
                                size_t* bitmap_steps = nullptr) {
  setenv("TSUM_PAIR_COUNT_BYTES", way.count_bytes, 1);
  setenv("TSUM_PAIR_GRID_BYTES", way.grid_bytes, 1);
  setenv("TSUM_VALUE_BITMAP_BYTES", way.bitmap_bytes, 1);
  if (side_by_side)
    for (const ColumnWave& wave : grid_column_waves(residue)) *side_by_side += wave.last - wave.first;
  std::vector<Seed> seeds = root_seeds(residue, /*pairs=*/true, keep);
  if (const ValueBitmaps* bitmaps = residue.value_bitmaps(); bitmap_steps && bitmaps && bitmaps->forced()) {
    for (size_t c = 0; c < residue.table().num_columns(); ++c)
      if (bitmaps->has(c)) {
        ++*bitmap_steps;  // (grids of forced bitmaps count every pair of such columns from them)
        break;
      }
  }
  unsetenv("TSUM_PAIR_COUNT_BYTES");
  unsetenv("TSUM_PAIR_GRID_BYTES");
  unsetenv("TSUM_VALUE_BITMAP_BYTES");
  return seeds;
}

// Steps of two or more taken over `tables` random tables (collapsed and not), with every
// way's `keep` seeds compared with the gather's at each step. Adds the first columns
// scored side by side (engine/seed_expansion.h, grid_column_waves) to `side_by_side`.
size_t compare_ways(uint64_t seed, size_t tables, const test::Prototypes& shape, size_t keep, size_t& side_by_side,
                    size_t* bitmap_steps = nullptr) {
  std::mt19937_64 rng(seed);
  size_t runs = 0;
  for (size_t i = 0; i < tables / kShare; ++i) {
    const Table t = random_table(rng, shape, i % 3 == 0);
    for (bool collapse : {false, true}) {
      const WorkTable table(t, collapse);
      const CostModel model(CostModelKind::kEntropy, t);
      std::deque<Residue> residues;  // (not movable)
      for (size_t w = 0; w < std::size(kWays); ++w) residues.emplace_back(table, model);
      size_t steps = 0;
      while (residues[0].rows() > 0) {
        std::vector<Seed> reference = seeds_counted(kWays[0], residues[0], keep);
        for (size_t w = 1; w < std::size(kWays); ++w) {
          test::expect_same_seeds(seeds_counted(kWays[w], residues[w], keep, &side_by_side, bitmap_steps), reference,
                                  fmt::format("seed {} table {}{} step {} keep {}: {}", seed, i,
                                              collapse ? " collapsed" : "", steps, keep, kWays[w].name));
        }
        if (::testing::Test::HasFailure()) return runs;
        if (reference.empty()) break;
        std::vector<RowId> rows;
        const Seed p = expand_seed(residues[0], std::move(reference[0]), &rows);
        for (Residue& residue : residues) residue.accept(p.pattern, rows);
        ++steps;
      }
      runs += steps >= 2;
    }
  }
  return runs;
}

// a = x holds 40 rows, 20 with b = p and 20 with b = q, and p and q occur nowhere else:
// the pairs {a = x, b = p} and {a = x, b = q} save exactly the same, more than any other
// seed. The spec's order (v2 ascending) puts p first, however the pairs were counted.
TEST(PairGrid, TiesKeepTheSpecsOrder) {
  test::RawTable raw{{"a", "b", "c"}, {}, {}};
  for (int i = 0; i < 20; ++i) raw.rows.push_back({std::string("x"), std::string("p"), fmt::format("n{}", i)});
  for (int i = 0; i < 20; ++i) raw.rows.push_back({std::string("x"), std::string("q"), fmt::format("m{}", i)});
  for (int i = 0; i < 200; ++i)
    raw.rows.push_back({fmt::format("y{}", i % 50), fmt::format("z{}", i % 40), fmt::format("k{}", i % 30)});
  const Table t = test::to_table(raw);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  for (const Way& way : kWays) {
    Residue residue(table, model);
    const std::vector<Seed> seeds = seeds_counted(way, residue, 2);
    ASSERT_EQ(seeds.size(), 2u) << way.name;
    EXPECT_EQ(test::items_of(seeds[0]), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 1}})) << way.name;
    EXPECT_EQ(test::items_of(seeds[1]), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 2}})) << way.name;
    EXPECT_EQ(seeds[0].saving, seeds[1].saving) << way.name;
  }
}

// (Runs of two steps or more when written: 254, 126, 172 and 110; first columns scored
// side by side, over every step and way: 32,016, 16,008 and, for the beam, 41,216; steps
// of a way whose grids counted from forced value bitmaps: 1,741, 1,054 and 2,043.)
TEST(PairGrid, RootSeedsAreTheSameHoweverPairsAreCounted) {
  size_t side_by_side = 0, bitmap_steps = 0;
  EXPECT_GT(compare_ways(51, 300, test::Prototypes{8, 6, 300, 4, 0.2, 0.3}, 1, side_by_side, &bitmap_steps), 200u / kShare);
  EXPECT_GT(side_by_side, 20000u / kShare);
  EXPECT_GT(bitmap_steps, 1500u / kShare);
  // Two or three values per column and repeated rows: equal counts, equal savings.
  side_by_side = 0;
  EXPECT_GT(compare_ways(52, 300, test::Prototypes{6, 3, 200, 6, 0.3, 0.2, 4}, 1, side_by_side, &bitmap_steps), 100u / kShare);
  EXPECT_GT(side_by_side, 10000u / kShare);
  EXPECT_GT(bitmap_steps, 2500u / kShare);
}

TEST(PairGrid, TheBeamsSeedsAreTheSameToo) {
  size_t side_by_side = 0, bitmap_steps = 0;
  EXPECT_GT(compare_ways(53, 200, test::Prototypes{8, 6, 300, 4, 0.2, 0.3}, 3, side_by_side, &bitmap_steps), 140u / kShare);
  EXPECT_GT(compare_ways(54, 100, test::Prototypes{10, 12, 400, 20, 0.4, 0.3, 2}, 5, side_by_side, &bitmap_steps), 85u / kShare);
  EXPECT_GT(side_by_side, 25000u / kShare);
  EXPECT_GT(bitmap_steps, 1800u / kShare);
}

}  // namespace
}  // namespace tsum
