// The incremental search structures (root candidate trees, the marshalling tree; under
// entropy the lazy root step and the scorer's bounds) against the plain rescanning path
// (SearchPath::kPlain) on thousands of seeded random tables, for every cost model, row by
// row and collapsed: identical summaries, savings compared with
// ==, under the greedy search and the beam. Both the default (kAdaptive, which scans a column after large removals: on small
// tables nearly always) and kIncremental (the trees after every removal) are checked. And the work the incremental search does on a
// table of many small groups, the case the plain path is quadratic on, counted in
// candidate evaluations rather than seconds.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/entropy_tables.h"
#include "engine/random_tables.h"
#include "support/sanitizer_share.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

using test::Shape;

Summary run(const Table& table, CostModelKind model, bool collapse, SearchPath path, unsigned threads = 1,
            SearchKind search = SearchKind::kGreedy) {
  SummarizeOptions o;
  o.search = search;
  o.threads = threads;  // the answer never depends on it; one thread keeps thousands of runs cheap
  o.cost_model = model;
  o.collapse_duplicate_rows = collapse;
  o.search_path = path;
  return summarize(table, o);
}

void expect_same(const Summary& plain, const Summary& fast, const std::string& label) {
  ASSERT_EQ(fast.patterns.size(), plain.patterns.size()) << label;
  for (size_t i = 0; i < plain.patterns.size(); ++i) {
    const SummaryPattern& a = fast.patterns[i];
    const SummaryPattern& e = plain.patterns[i];
    ASSERT_EQ(a.items, e.items) << label << " rank " << i;
    EXPECT_EQ(a.saving, e.saving) << label << " rank " << i;
    EXPECT_EQ(a.rows, e.rows) << label << " rank " << i;
    EXPECT_EQ(a.coverage, e.coverage) << label << " rank " << i;
    EXPECT_EQ(a.cumulative_coverage, e.cumulative_coverage) << label << " rank " << i;
  }
  EXPECT_EQ(fast.total_patterns, plain.total_patterns) << label;
  EXPECT_EQ(fast.total_saving, plain.total_saving) << label;
  EXPECT_EQ(fast.covered_rows, plain.covered_rows) << label;
}

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// Returns the number of tables whose summary had at least two patterns (so that the
// comparison covered ranking, not only an empty or one-pattern answer), over the first
// tables / kShare tables of the series.
size_t compare_many(uint64_t seed, size_t tables, const Shape& shape, SearchKind search = SearchKind::kGreedy) {
  tables /= kShare;
  std::mt19937_64 rng(seed);
  size_t interesting = 0;
  for (size_t i = 0; i < tables; ++i) {
    Table table = test::to_table(test::random_table(rng, shape), 53);
    for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                                CostModelKind::kEntropy}) {
      for (bool collapse : {false, true}) {
        std::string label = fmt::format("seed {} table {} model {}{} {}", seed, i, cost_model_name(model),
                                        collapse ? " collapsed" : "", search_name(search));
        Summary plain = run(table, model, collapse, SearchPath::kPlain, 1, search);
        expect_same(plain, run(table, model, collapse, SearchPath::kIncremental, 1, search), label + " trees");
        expect_same(plain, run(table, model, collapse, SearchPath::kAdaptive, 1, search), label + " adaptive");
        if (::testing::Test::HasFailure()) return interesting;
        if (plain.patterns.size() >= 2) ++interesting;
      }
    }
  }
  return interesting;
}

TEST(IncrementalSearch, SkewedTables) {
  EXPECT_GT(compare_many(1, 600, Shape{8, 6, 300, 0.3, false}), 1000u / kShare);
}

TEST(IncrementalSearch, UniformValuesTieOften) {
  // Few equally likely values of equal width: groups of equal size, equal savings.
  EXPECT_GT(compare_many(2, 600, Shape{5, 4, 200, 0.1, false, 0, true}), 1000u / kShare);
}

TEST(IncrementalSearch, RepeatedRowsGiveEqualCounts) {
  EXPECT_GT(compare_many(3, 500, Shape{6, 5, 400, 0.2, false, 0, true, 6}), 1000u / kShare);
}

TEST(IncrementalSearch, VariedWidthsAndScripts) {
  EXPECT_GT(compare_many(4, 300, Shape{6, 12, 300, 0.3, true, 0, true, 3}), 500u / kShare);
}

TEST(IncrementalSearch, TinyValuesMakeSavingsNonMonotone) {
  EXPECT_GT(compare_many(5, 400, Shape{3, 5, 200, 0.1, false, 0, true, 4, true}), 500u / kShare);
}

TEST(IncrementalSearch, ManySmallGroups) {
  // Columns of up to 300 values over up to 2,000 rows: hundreds of patterns of a few rows
  // each, long marshalling with many equal savings.
  EXPECT_GT(compare_many(6, 60, Shape{5, 300, 2000, 0.05, false, 0, true, 2}), 100u / kShare);
}

TEST(IncrementalSearch, OneColumnOfManyValues) {
  EXPECT_GT(compare_many(7, 150, Shape{4, 4, 600, 0.1, false, 700, false, 3}), 200u / kShare);
}

// The beam search: its generation (under entropy the K seeds from keys kept across
// steps), its other starting points and filling run the incremental structures too.
TEST(IncrementalSearch, BeamSearch) {
  EXPECT_GT(compare_many(8, 200, Shape{8, 6, 300, 0.3, false}, SearchKind::kBeam), 300u / kShare);
  EXPECT_GT(compare_many(9, 24, Shape{5, 300, 2000, 0.05, false, 0, true, 2}, SearchKind::kBeam), 40u / kShare);
}

// What the incremental search may do on a table of `rows` rows and D columns whose
// dictionaries hold `values` values in all: evaluate every value once to build the trees,
// each (removed row, column) once as counts change, and as much again below the root
// (selections); rank with one evaluation per pattern plus one per (row, pattern filed
// under one of its D values).
uint64_t expand_bound(const Table& t) {
  uint64_t values = 0;
  for (size_t c = 0; c < t.num_columns(); ++c) values += t.column(c).cardinality();
  return values + 2 * t.rows() * t.num_columns();
}
uint64_t marshal_bound(const Table& t, const Summary& s) { return s.total_patterns + t.rows() * t.num_columns(); }

TEST(IncrementalSearch, ManySmallGroupsTakeWorkLinearInRowsAndPatterns) {
  // The performance cliff of the plain search, scaled down: 3 x 10^5 rows, 5 columns of
  // 3 x 10^4 labels each (every value held by about ten rows), tens of thousands of
  // patterns. The plain path would evaluate every value at every pattern (~10^10).
  Table t = test::uniform_table(300000, 30000, 5, 42);
  Summary s = run(t, CostModelKind::kPaper, true, SearchPath::kAdaptive, 0);
  ASSERT_GT(s.total_patterns, 10000u);
  EXPECT_LE(s.expand_evaluations, expand_bound(t));
  EXPECT_LE(s.marshal_evaluations, marshal_bound(t, s));
  EXPECT_GT(s.expand_evaluations, 0u);
  EXPECT_GT(s.marshal_evaluations, s.total_patterns);
}

TEST(IncrementalSearch, TheWorkBoundSeparatesThePlainPath) {
  // Small enough for the plain path: the same bounds hold for the incremental search,
  // fail for the plain one (patterns x values and patterns^2), and the answers agree.
  Table t = test::uniform_table(30000, 3000, 5, 43);
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    Summary fast = run(t, model, true, SearchPath::kAdaptive);
    Summary plain = run(t, model, true, SearchPath::kPlain);
    expect_same(plain, fast, cost_model_name(model));
    ASSERT_GT(fast.total_patterns, 1000u);
    EXPECT_LE(fast.expand_evaluations, expand_bound(t));
    EXPECT_LE(fast.marshal_evaluations, marshal_bound(t, fast));
    EXPECT_GT(plain.expand_evaluations, 10 * expand_bound(t));
    EXPECT_GT(plain.marshal_evaluations, 10 * marshal_bound(t, plain));
  }
}

TEST(IncrementalSearch, TheBeamsRootStepsTakeWorkLinearInRowsToo) {
  // The beam's generation, its seven other starting points and filling each run a
  // seed-and-expand loop on a residue of their own; the plain path scores every value at
  // each of their steps (values x patterns, several times over). The counters hold all
  // of it (and refinement's marshallings): the incremental path stays within a few times
  // the greedy bound per loop, the plain one does not.
  Table t = test::uniform_table(10000, 1000, 5, 44);
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumJs}) {
    Summary fast = run(t, model, true, SearchPath::kAdaptive, 1, SearchKind::kBeam);
    Summary plain = run(t, model, true, SearchPath::kPlain, 1, SearchKind::kBeam);
    expect_same(plain, fast, cost_model_name(model));
    ASSERT_GT(fast.total_patterns, 500u);
    EXPECT_LE(fast.expand_evaluations, 10 * expand_bound(t));
    EXPECT_GT(plain.expand_evaluations, 10 * fast.expand_evaluations);
  }
}

TEST(IncrementalSearch, EntropyCountsItsWorkAndSavesMostOfIt) {
  // bench/paired_values.py's table, scaled down: about 3,000 patterns, each its own
  // root step. The counters hold the root steps' scoring and the extensions' candidates
  // on both paths; the keys kept across steps (engine/lazy_root_seeds.h) score a small
  // share of what the plain root step scores at every step.
  Table t = test::paired_table(60000, 3000, 5);
  Summary fast = run(t, CostModelKind::kEntropy, true, SearchPath::kAdaptive);
  Summary plain = run(t, CostModelKind::kEntropy, true, SearchPath::kPlain);
  expect_same(plain, fast, "paired table");
  ASSERT_GT(fast.total_patterns, 500u);
  EXPECT_GT(fast.expand_evaluations, fast.total_patterns);
  EXPECT_LT(10 * fast.expand_evaluations, plain.expand_evaluations);
}

}  // namespace
}  // namespace tsum
