// Residue::best_extension against the first strict maximum of Residue::extensions(), at
// random states of random tables under every cost model, on tables of uniform labels and
// repeated rows where savings tie: the same candidate, and the same evaluations counted.
#include "engine/residue.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/cost_model.h"
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

}  // namespace
}  // namespace tsum
