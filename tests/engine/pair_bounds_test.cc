// PairBounds against the savings they stand for, in the states a search meets on seeded
// random tables, and the work they save on a table of uniform labels (runs counted, not
// seconds).
#include "engine/pair_bounds.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/random_tables.h"
#include "engine/residue.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// N_R of each pair (v1, v2) of columns c1 and c2, NULL on neither side.
std::map<std::pair<uint32_t, uint32_t>, uint64_t> pairs_of(const Residue& residue, size_t c1, size_t c2) {
  const WorkTable& table = residue.table();
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> pairs;
  for (uint64_t r = 0; r < table.rows(); ++r) {
    const uint32_t v1 = table.column(c1).code_at(r), v2 = table.column(c2).code_at(r);
    if (residue.alive(static_cast<RowId>(r)) && v1 != 0 && v2 != 0) pairs[{v1, v2}] += table.weight(r);
  }
  return pairs;
}

// Every pair's bound at its count is at least its saving; a run passes whenever one of
// its pairs saves more than the threshold, whatever `most` (at least its largest count)
// and however many pairs it is said to hold (the tabled test and the closed form alone).
TEST(PairBounds, AreAboveEverySavingTheyStandFor) {
  std::mt19937_64 rng(8089);
  size_t pairs_compared = 0, runs_compared = 0;
  for (int trial = 0; trial < 80 / static_cast<int>(kShare); ++trial) {
    const Table t = test::to_table(test::prototype_table(rng, test::Prototypes{5, 12, 300, 6, 0.4, 0.3, 3}), 53);
    for (bool collapse : {false, true}) {
      const WorkTable table(t, collapse);
      const CostModel model(CostModelKind::kEntropy, t);
      Residue residue(table, model);
      for (int step = 0; step < 4 && residue.rows() > 0; ++step) {
        PairBounds bounds(residue);
        const size_t d = table.num_columns();
        for (size_t c1 = 0; c1 + 1 < d; ++c1) {
          for (size_t c2 = c1 + 1; c2 < d; ++c2) {
            std::map<uint32_t, std::pair<uint64_t, double>> runs;  // v1 -> (largest count, largest saving)
            for (const auto& [values, n] : pairs_of(residue, c1, c2)) {
              if (n < 2) continue;
              const Item item{static_cast<uint32_t>(c1), values.first}, extra{static_cast<uint32_t>(c2), values.second};
              const CodedPattern first{{item}, model.bits(c1, values.first)};
              const double saving = residue.saving(first, &extra, n);
              bounds.start(item);
              EXPECT_LE(saving, bounds.pair(c2, n)) << "trial " << trial << " step " << step;
              ++pairs_compared;
              auto [at, fresh] = runs.try_emplace(values.first, n, saving);
              if (!fresh) at->second = {std::max(at->second.first, n), std::max(at->second.second, saving)};
            }
            for (const auto& [v1, run] : runs) {
              const auto [most, best] = run;
              const double below = std::nextafter(best, -HUGE_VAL);
              bounds.start(Item{static_cast<uint32_t>(c1), v1});
              for (uint64_t said_most : {most, most + 1 + rng() % 4})
                for (uint64_t said_pairs : {uint64_t{1}, uint64_t{1000}})
                  EXPECT_NE(bounds.check_run(c2, said_most, said_pairs, below), PairBounds::Run::kSkip)
                      << "trial " << trial << " step " << step;
              ++runs_compared;
            }
          }
        }
        // Accept the pattern of one or two items of a random row of R, as a search would.
        std::vector<RowId> left;
        for (uint64_t r = 0; r < table.rows(); ++r)
          if (residue.alive(static_cast<RowId>(r))) left.push_back(static_cast<RowId>(r));
        const RowId row = left[rng() % left.size()];
        CodedPattern p;
        for (size_t c = rng() % d; c < d && p.items.size() < 2; ++c)
          if (table.column(c).code_at(row) != 0) add_item(p, model, static_cast<uint32_t>(c), table.column(c).code_at(row));
        if (!p.items.empty()) residue.accept(p, residue.rows_matching(p.items));
      }
    }
  }
  // (41,879 and 16,957 when written.)
  EXPECT_GT(pairs_compared, 30000u / kShare);
  EXPECT_GT(runs_compared, 12000u / kShare);
}

// 4,000 rows of four columns uniform among 20 labels: each value holds ~200 rows, each
// pair ~10, and no pair saves. Residue::pair_bound at a run's largest count alone lets
// nearly every run through at the root (it assumes the second value occurs only with the
// first); the bounds at each count, with the fewest cells left to a value of the column,
// let through only the few runs holding fewer pairs than their largest count (where the
// closed form alone is read).
TEST(PairBounds, PassFewRunsOfUniformLabels) {
  const Table t = test::uniform_table(4000, 20, 4, 2027);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  PairBounds bounds(residue);
  size_t runs = 0, closed_form = 0, passed = 0;
  for (size_t c1 = 0; c1 < 4; ++c1) {
    for (size_t c2 = c1 + 1; c2 < 4; ++c2) {
      std::map<uint32_t, std::pair<uint64_t, uint64_t>> summary;  // v1 -> (largest count, pairs)
      for (const auto& [values, n] : pairs_of(residue, c1, c2)) {
        auto& [most, pairs] = summary[values.first];
        most = std::max(most, n);
        pairs += n >= 2;
      }
      for (const auto& [v1, run] : summary) {
        const Item item{static_cast<uint32_t>(c1), v1};
        bounds.start(item);
        ++runs;
        closed_form += residue.pair_bound(item, c2, run.first) > 0;
        passed += bounds.check_run(c2, run.first, run.second, 0.0) != PairBounds::Run::kSkip;
      }
    }
  }
  EXPECT_EQ(runs, 120u);
  EXPECT_GT(closed_form, 110u);  // (120 when written)
  EXPECT_LE(passed, 6u);         // (3 when written: runs of fewer pairs than their largest count)
}

}  // namespace
}  // namespace tsum
