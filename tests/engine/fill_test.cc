// The searches that run the greedy loop or the beam after patterns of their own —
// filling (fill_patterns), the beam's other starting points (greedy_after) and the beam's
// generation (beam_patterns) — on the incremental path against the plain one
// (SearchPath::kPlain: root_seeds at every step), under every cost model on seeded
// tables of prototype rows with noise, row by row and collapsed: the same patterns, item
// for item, in the same order. The incremental path takes its root steps across steps
// (engine/root_steps.h: keys under entropy, the savings themselves under the per-value
// models), starting on a residue that patterns have already left.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/beam_search.h"
#include "engine/cost_model.h"
#include "engine/entropy_tables.h"
#include "engine/fill.h"
#include "engine/greedy_search.h"
#include "engine/refine.h"
#include "engine/work_table.h"
#include "support/sanitizer_share.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

const SearchOptions kPlain{.path = SearchPath::kPlain};
const SearchOptions kIncremental{.path = SearchPath::kIncremental};

std::vector<std::vector<std::pair<uint32_t, uint32_t>>> items_of(const std::vector<CodedPattern>& patterns) {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> out;
  for (const CodedPattern& p : patterns) {
    auto& items = out.emplace_back();
    for (const Item& item : p.items) items.emplace_back(item.column, item.code);
  }
  return out;
}

// Every comparison on one table; returns the lists of two patterns or more compared.
size_t compare_on(const Table& table, CostModelKind kind, bool collapse, const std::string& label) {
  const WorkTable work(table, collapse);
  const CostModel model(kind, table);
  size_t lists = 0;
  auto expect_same = [&](const std::vector<CodedPattern>& plain, const std::vector<CodedPattern>& fast,
                         const std::string& what) {
    EXPECT_EQ(items_of(fast), items_of(plain)) << label << " " << what;
    lists += plain.size() >= 2;
  };
  for (size_t width : {1, 3, 5})
    expect_same(beam_patterns(work, model, width, nullptr, kPlain),
                beam_patterns(work, model, width, nullptr, kIncremental), fmt::format("beam of {}", width));

  const std::vector<CodedPattern> greedy = greedy_patterns(work, model, nullptr, kPlain);
  if (greedy.empty()) return lists;
  // The beam's other starting points: greedy after a pattern it would not pick first.
  for (size_t i = 1; i < std::min<size_t>(greedy.size(), 3); ++i)
    expect_same(greedy_after(work, model, greedy[i], kPlain), greedy_after(work, model, greedy[i], kIncremental),
                fmt::format("greedy after pattern {}", i));
  // Filling the rows a list leaves: the odd-numbered patterns of greedy's, ranked.
  std::vector<std::vector<uint64_t>> counts;
  for (size_t c = 0; c < work.num_columns(); ++c) counts.push_back(work.column(c).code_counts());
  std::vector<CodedPattern> some;
  for (size_t i = 1; i < greedy.size(); i += 2) some.push_back(greedy[i]);
  const RankedList list = ranked_list(work, model, some, counts);
  expect_same(fill_patterns(work, model, list, kPlain), fill_patterns(work, model, list, kIncremental), "fill");
  return lists;
}

size_t compare_many(uint64_t seed, size_t tables, const test::Prototypes& shape) {
  tables /= kShare;
  std::mt19937_64 rng(seed);
  size_t lists = 0;
  for (size_t i = 0; i < tables; ++i) {
    Table table = test::to_table(prototype_table(rng, shape), 53);
    for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                               CostModelKind::kEntropy})
      for (bool collapse : {false, true}) {
        lists += compare_on(table, kind, collapse,
                            fmt::format("seed {} table {} {}{}", seed, i, cost_model_name(kind), collapse ? " collapsed" : ""));
        if (::testing::Test::HasFailure()) return lists;
      }
  }
  return lists;
}

TEST(Fill, FewPrototypes) { EXPECT_GT(compare_many(21, 300, test::Prototypes{8, 6, 300, 4, 0.2, 0.3}), 8000u / kShare); }

TEST(Fill, SmallDictionariesTieOften) {
  EXPECT_GT(compare_many(22, 300, test::Prototypes{5, 3, 200, 6, 0.3, 0.2, 4}), 7000u / kShare);
}

TEST(Fill, ManyPrototypesOfLargeDictionaries) {
  EXPECT_GT(compare_many(23, 40, test::Prototypes{5, 60, 2000, 200, 0.15, 0.3, 2}), 1200u / kShare);
}

}  // namespace
}  // namespace tsum
