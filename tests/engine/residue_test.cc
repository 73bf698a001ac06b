// Residue::best_extension against the first strict maximum of Residue::extensions(), at
// random states of random tables under every cost model, on tables of uniform labels and
// repeated rows where savings tie: the same candidate, and the same evaluations counted.
// R's histograms after accepted patterns, against a recount. And which columns keep pair
// counts when not all of them fit.
#include "engine/residue.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "engine/cost_model.h"
#include "engine/pair_counts.h"
#include "engine/pair_grid.h"
#include "engine/random_tables.h"
#include "engine/work_table.h"
#include "support/raw_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

TEST(Residue, BestExtensionIsTheFirstStrictMaximumOfExtensions) {
  std::mt19937_64 rng(41);
  size_t ties = 0;  // steps where two candidates or more share the best saving
  for (int t = 0; t < static_cast<int>(120 / kShare); ++t) {
    test::Shape shape{.max_columns = 8, .max_cardinality = 6, .max_rows = 200, .max_null_rate = 0.1,
                      .wide_values = false, .uniform = true, .max_copies = 3};
    const Table table = test::to_table(test::random_table(rng, shape));
    if (table.rows() == 0) continue;
    const CostModel model(static_cast<CostModelKind>(t % 4), table);
    const WorkTable work(table, t % 2 == 0);
    Residue residue(work, model);
    const size_t d = table.num_columns();
    for (int step = 0; step < 6 && residue.rows() > 0; ++step) {
      std::vector<RowId> left = residue.rows_matching({});
      const RowId row = left[rng() % left.size()];
      CodedPattern p;
      std::vector<bool> used(d, false);
      const size_t c = rng() % d;
      const uint32_t code = work.column(c).code_at(row);
      if (code == 0) continue;
      add_item(p, model, static_cast<uint32_t>(c), code);
      used[c] = true;
      const std::vector<RowId> rows = residue.rows_matching(p.items);
      const uint64_t before = residue.evaluations();
      const std::vector<Candidate> all = residue.extensions(p, &rows, used);
      const uint64_t listed = residue.evaluations() - before;
      Candidate expected;
      size_t at_best = 0;
      for (const Candidate& candidate : all) {
        if (candidate.saving > expected.saving) {
          expected = candidate;
          at_best = 1;
        } else if (expected.found && candidate.saving == expected.saving) {
          ++at_best;
        }
      }
      ties += at_best >= 2;
      const Candidate got = residue.best_extension(p, &rows, used);
      EXPECT_EQ(residue.evaluations() - before - listed, listed) << "table " << t << " step " << step;
      ASSERT_EQ(got.found, expected.found) << "table " << t << " step " << step;
      EXPECT_EQ(got.column, expected.column) << "table " << t << " step " << step;
      EXPECT_EQ(got.code, expected.code) << "table " << t << " step " << step;
      EXPECT_EQ(got.count, expected.count) << "table " << t << " step " << step;
      EXPECT_EQ(got.saving, expected.saving) << "table " << t << " step " << step;
      residue.accept(p, rows);
    }
  }
  EXPECT_GE(ties, 20u / kShare);  // the tie-break is exercised
}

// R's histograms after patterns are accepted, against a count of the rows left: a held
// item's column loses the rows' weight from its code at once, the others row by row
// (through row-major codes or column by column), on weighted and plain tables.
TEST(Residue, HistogramsCountTheRowsLeftAfterAccepts) {
  std::mt19937_64 rng(43);
  size_t accepted = 0;
  for (int t = 0; t < static_cast<int>(60 / kShare); ++t) {
    test::Shape shape{.max_columns = 8, .max_cardinality = 6, .max_rows = 400, .max_null_rate = 0.1,
                      .wide_values = false, .uniform = t % 2 == 0, .max_copies = 3};
    const Table table = test::to_table(test::random_table(rng, shape));
    if (table.rows() == 0) continue;
    const CostModel model(static_cast<CostModelKind>(t % 4), table);
    const WorkTable work(table, t % 3 == 0);
    Residue residue(work, model);
    const size_t d = table.num_columns();
    for (int step = 0; step < 8 && residue.rows() > 0; ++step) {
      const std::vector<RowId> left = residue.rows_matching({});
      const RowId row = left[rng() % left.size()];
      CodedPattern p;
      for (size_t c = 0; c < d; ++c)
        if (const uint32_t code = work.column(c).code_at(row); code != 0 && rng() % 2 == 0)
          add_item(p, model, static_cast<uint32_t>(c), code);
      if (p.items.empty()) continue;
      const std::vector<RowId> rows = residue.rows_matching(p.items);
      residue.accept(p, rows);
      ++accepted;
      for (size_t c = 0; c < d; ++c) {
        std::vector<uint64_t> want(work.column(c).cardinality() + 1, 0);
        for (uint64_t r = 0; r < work.rows(); ++r)
          if (residue.alive(static_cast<RowId>(r))) want[work.column(c).code_at(r)] += work.weight(r);
        ASSERT_EQ(residue.histogram(c), want) << "table " << t << " step " << step << " column " << c;
      }
    }
  }
  EXPECT_GE(accepted, 100u / kShare);
}

// Which columns c1 have pair counts when the budget is `bytes` ("" the default).
std::vector<bool> kept_columns(const Table& t, const std::string& bytes) {
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  setenv("TSUM_PAIR_COUNT_BYTES", bytes.c_str(), 1);
  std::vector<bool> kept;
  for (size_t c = 0; c + 1 < table.num_columns(); ++c) kept.push_back(residue.has_pair_counts(c));
  unsetenv("TSUM_PAIR_COUNT_BYTES");
  return kept;
}

// All columns keep counts when all fit; when they do not, a column whose pairs with every
// later column a grid covers is left to the grids, and the others keep counts while they
// fit, in column order.
TEST(Residue, PartialPairCountsOnlyWhereNoGridCovers) {
  // 40 columns of 8 labels: a grid pays for a column with 8 or more later columns.
  const Table wide = test::uniform_table(3000, 8, 40, 5);
  const WorkTable table(wide, false);
  const uint64_t all = PairCounts::bytes_for_table(table);
  EXPECT_EQ(kept_columns(wide, std::to_string(all)), std::vector<bool>(39, true));
  const std::vector<bool> partial = kept_columns(wide, std::to_string(all - 1));
  const CostModel model(CostModelKind::kEntropy, wide);
  const Residue fresh(table, model);
  size_t covered = 0;
  for (size_t c = 0; c + 1 < 40; ++c) {
    const bool grid = PairGrid::covered_columns(fresh, c, PairGrid::setting()).size() == 40 - c - 1;
    covered += grid;
    EXPECT_EQ(partial[c], !grid) << "column " << c;  // the rest fit, being the smallest
  }
  EXPECT_EQ(covered, 32u);
  // 5 columns: no grid pays; the columns that fit the budget keep counts, in order.
  const Table narrow = test::uniform_table(20000, 300, 5, 6);
  const WorkTable narrow_table(narrow, false);
  const uint64_t first = PairCounts::bytes_for(narrow_table.rows(), 300, 300) * 4;  // c1 = 0's pairs
  EXPECT_EQ(kept_columns(narrow, std::to_string(first)), (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(kept_columns(narrow, "0"), std::vector<bool>(4, false));
}

}  // namespace
}  // namespace tsum
