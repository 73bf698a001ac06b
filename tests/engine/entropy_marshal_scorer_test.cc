// Marshalling under entropy with the scorer's bounds (keys that outlast a round) against
// the spec's loop that rescores every unranked pattern each round (SearchPath::kPlain):
// the same ranks, savings (compared with ==), rows and coverage, on seeded random tables
// with lists of overlapping patterns drawn from their rows (patterns sharing items, so
// ranking one raises others' savings; weights when collapsed). And the work it saves on
// a table of many real pairs, counted in evaluations.
// (tests/engine/incremental_search_test.cc compares whole summaries under entropy too.)
#include "engine/entropy_marshal_scorer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/greedy_search.h"
#include "engine/marshalling.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

std::vector<std::vector<uint64_t>> counts_of(const WorkTable& table) {
  std::vector<std::vector<uint64_t>> counts;
  for (size_t c = 0; c < table.num_columns(); ++c) counts.push_back(table.column(c).code_counts());
  return counts;
}

std::vector<RankedPattern> rank(const WorkTable& table, const CostModel& model, const std::vector<CodedPattern>& patterns,
                                SearchPath path, SearchCounters* counters = nullptr) {
  const std::vector<std::vector<uint64_t>> counts = counts_of(table);
  EntropyMarshalScorer scorer(model, counts, patterns);
  return marshal(table, model, patterns, &scorer, SearchOptions{.path = path}, counters);
}

// Patterns of 1-3 items, each the values of a random row in random columns: many share
// items and rows, in no particular order.
std::vector<CodedPattern> patterns_from_rows(std::mt19937_64& rng, const WorkTable& table, const CostModel& model,
                                             size_t count) {
  std::vector<CodedPattern> out;
  const size_t d = table.num_columns();
  while (out.size() < count) {
    const uint64_t row = rng() % table.rows();
    CodedPattern p;
    for (size_t c = 0; c < d; ++c) {
      const uint32_t code = table.column(c).code_at(row);
      if (code == 0 || rng() % d > 1) continue;
      p.items.push_back(Item{static_cast<uint32_t>(c), code});
      p.sum_bits = p.sum_bits + model.bits(c, code);
    }
    if (!p.items.empty()) out.push_back(std::move(p));
  }
  return out;
}

void expect_same(const std::vector<RankedPattern>& plain, const std::vector<RankedPattern>& fast, const std::string& label) {
  ASSERT_EQ(fast.size(), plain.size()) << label;
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(fast[i].index, plain[i].index) << label << " rank " << i;
    EXPECT_EQ(fast[i].saving, plain[i].saving) << label << " rank " << i;
    EXPECT_EQ(fast[i].rows, plain[i].rows) << label << " rank " << i;
    EXPECT_EQ(fast[i].covered_rows, plain[i].covered_rows) << label << " rank " << i;
  }
}

TEST(EntropyMarshalScorer, BoundsRankAsThePlainLoop) {
  std::mt19937_64 rng(20261205);
  size_t rounds = 0;
  for (size_t i = 0; i < 2000 / kShare; ++i) {
    const Table table = test::to_table(test::prototype_table(rng, test::Prototypes{7, 6, 300, 8, 0.3, 1.0 / 3, 3}), 53);
    const CostModel model(CostModelKind::kEntropy, table);
    for (bool collapse : {false, true}) {
      const WorkTable work(table, collapse);
      const std::vector<CodedPattern> patterns = patterns_from_rows(rng, work, model, 5 + rng() % 60);
      const std::vector<RankedPattern> plain = rank(work, model, patterns, SearchPath::kPlain);
      expect_same(plain, rank(work, model, patterns, SearchPath::kAdaptive), fmt::format("table {}{}", i, collapse ? " collapsed" : ""));
      if (::testing::Test::HasFailure()) return;
      rounds += plain.size();
    }
  }
  EXPECT_GT(rounds, 4000u / kShare);  // (5,454 when written)
}

// A table of many real pairs (bench/paired_values.py's shape, 20,000 rows, a among
// 2,000 labels): the greedy search's ~1,800 patterns ranked by the plain loop take
// about patterns^2 / 2 evaluations; with bounds, less than a tenth of that.
TEST(EntropyMarshalScorer, BoundsSaveMostEvaluations) {
  const Table table = test::paired_table(20000, 2000, 5);
  const WorkTable work(table, false);
  const CostModel model(CostModelKind::kEntropy, table);
  const std::vector<CodedPattern> patterns = greedy_patterns(work, model, nullptr, SearchOptions{}, nullptr);
  ASSERT_GT(patterns.size(), 1500u);
  SearchCounters plain_work, bounded_work;
  const std::vector<RankedPattern> plain = rank(work, model, patterns, SearchPath::kPlain, &plain_work);
  expect_same(plain, rank(work, model, patterns, SearchPath::kAdaptive, &bounded_work), "paired");
  EXPECT_LT(bounded_work.marshal_evaluations * 10, plain_work.marshal_evaluations)
      << bounded_work.marshal_evaluations << " against " << plain_work.marshal_evaluations;
}

}  // namespace
}  // namespace tsum
