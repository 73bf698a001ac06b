// WholeTableSeeds against the root step it stands for: root_seeds on a residue of its own
// for every keep, under every cost model, on seeded random tables (ties, NULLs, rows
// collapsed to weights); refused on a residue that has accepted a pattern; and the
// searches that share one in a beam run (greedy, beam generation, filling) finding the
// same patterns with it as without, on the plain path (where it serves their first
// step) and the default one.
#include "engine/whole_table_seeds.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>

#include "engine/beam_search.h"
#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/fill.h"
#include "engine/greedy_search.h"
#include "engine/random_tables.h"
#include "engine/residue.h"
#include "engine/same_seeds.h"
#include "engine/seed_expansion.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

constexpr CostModelKind kModels[] = {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                                     CostModelKind::kEntropy};

// Half the tables from prototype rows (pairs that save under entropy), half uniform
// (savings that tie).
Table some_table(std::mt19937_64& rng, size_t i) {
  if (i % 2 == 0) return test::to_table(test::prototype_table(rng, test::Prototypes{6, 6, 300, 4, 0.3, 0.2, 3}), 61);
  test::Shape shape{5, 5, 300, 0.1, false};
  shape.uniform = true;
  shape.max_copies = 3;
  return test::to_table(test::random_table(rng, shape), 61);
}

void expect_same_patterns(const std::vector<CodedPattern>& a, const std::vector<CodedPattern>& b,
                          const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].items.size(), b[i].items.size()) << where << " pattern " << i;
    for (size_t k = 0; k < a[i].items.size(); ++k) {
      EXPECT_EQ(a[i].items[k].column, b[i].items[k].column) << where << " pattern " << i;
      EXPECT_EQ(a[i].items[k].code, b[i].items[k].code) << where << " pattern " << i;
    }
    EXPECT_EQ(a[i].sum_bits, b[i].sum_bits) << where << " pattern " << i;
  }
}

TEST(WholeTableSeeds, TheRootStepsSeedsForEveryKeep) {
  std::mt19937_64 rng(71);
  size_t nonempty = 0;
  for (size_t i = 0; i < 40 / kShare; ++i) {
    const Table t = some_table(rng, i);
    for (CostModelKind kind : kModels) {
      for (bool collapse : {false, true}) {
        const WorkTable table(t, collapse);
        const CostModel model(kind, t);
        const bool pairs = kind == CostModelKind::kEntropy;
        WholeTableSeeds whole(4);
        EXPECT_FALSE(whole.computed());
        for (size_t keep : {size_t{2}, size_t{1}, size_t{4}, size_t{3}, size_t{6}, size_t{0}}) {
          Residue own(table, model), shared(table, model);
          const std::vector<Seed> want = root_seeds(own, pairs, keep);
          test::expect_same_seeds(whole.best(shared, keep), want,
                                  fmt::format("table {} {}{} keep {}", i, cost_model_name(kind),
                                              collapse ? " collapsed" : "", keep));
          nonempty += want.size() >= 2;
        }
        EXPECT_TRUE(whole.computed());
      }
    }
  }
  EXPECT_GT(nonempty, 1000u / kShare);  // (1,290 when written)
}

TEST(WholeTableSeeds, RefusesAResidueThatHasAcceptedAPattern) {
  std::mt19937_64 rng(73);
  const Table t = some_table(rng, 0);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  std::vector<Seed> seeds = root_seeds(residue, true, 1);
  ASSERT_FALSE(seeds.empty());
  EXPECT_TRUE(residue.untouched());
  residue.accept(seeds[0].pattern, residue.rows_matching(seeds[0].pattern.items));
  EXPECT_FALSE(residue.untouched());
  WholeTableSeeds whole(3);
  EXPECT_THROW(whole.best(residue, 1), std::logic_error);
}

// One WholeTableSeeds shared, as a beam run shares it: the greedy search (entropy's seed
// and expand loop; under the other models local expansion, which does not use it), beam
// generation and filling an empty list, each against the same search with none.
TEST(WholeTableSeeds, SearchesSharingOneFindTheSame) {
  std::mt19937_64 rng(79);
  size_t served = 0, patterns = 0;
  for (size_t i = 0; i < 24 / kShare; ++i) {
    const Table t = some_table(rng, i);
    for (CostModelKind kind : kModels) {
      for (SearchPath path : {SearchPath::kPlain, SearchPath::kAdaptive}) {
        const WorkTable table(t, i % 3 == 0);
        const CostModel model(kind, t);
        const SearchOptions search{.path = path};
        const std::string where = fmt::format("table {} {} {}", i, cost_model_name(kind),
                                              path == SearchPath::kPlain ? "plain" : "adaptive");
        WholeTableSeeds whole(3);
        const std::vector<CodedPattern> greedy = greedy_patterns(table, model, nullptr, search);
        expect_same_patterns(greedy_patterns(table, model, nullptr, search, nullptr, &whole), greedy,
                             where + " greedy");
        expect_same_patterns(beam_patterns(table, model, 3, nullptr, search, nullptr, &whole),
                             beam_patterns(table, model, 3, nullptr, search), where + " beam");
        const RankedList empty;
        expect_same_patterns(fill_patterns(table, model, empty, search, nullptr, &whole),
                             fill_patterns(table, model, empty, search), where + " filling");
        served += whole.computed();
        patterns += greedy.size();
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
  // The plain path's searches all take their first step from it (96 runs of 192 here).
  EXPECT_GE(served, 96u / kShare);
  EXPECT_GT(patterns, 700u / kShare);  // (880 when written)
}

}  // namespace
}  // namespace tsum
