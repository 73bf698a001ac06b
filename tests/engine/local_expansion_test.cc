// Local expansion's batches (src/engine/local_expansion.cc: the next root picks of one
// column at one count, expanded side by side) against the spec's loop as the plain path
// runs it, on seeded tables of many small groups: the same patterns in the same order,
// for every cost model, on 1, 2 and 3 threads; and the same work counted whatever the
// threads, since the batches do not depend on them.
#include "engine/local_expansion.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/work_table.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

struct Expanded {
  std::vector<CodedPattern> patterns;
  SearchCounters counters;
};

Expanded expand(const Table& table, bool collapse, CostModelKind kind, SearchPath path, int threads) {
  Expanded run;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    const WorkTable work(table, collapse);
    const CostModel model(kind, table);
    SearchOptions options;
    options.path = path;
    run.patterns = local_expansion(work, model, nullptr, options, &run.counters);
  });
  return run;
}

void expect_same_patterns(const Expanded& expected, const Expanded& actual, const std::string& label) {
  ASSERT_EQ(actual.patterns.size(), expected.patterns.size()) << label;
  for (size_t p = 0; p < expected.patterns.size(); ++p) {
    const CodedPattern& a = actual.patterns[p];
    const CodedPattern& e = expected.patterns[p];
    ASSERT_EQ(a.items.size(), e.items.size()) << label << " pattern " << p;
    for (size_t i = 0; i < e.items.size(); ++i) {
      ASSERT_EQ(a.items[i].column, e.items[i].column) << label << " pattern " << p;
      ASSERT_EQ(a.items[i].code, e.items[i].code) << label << " pattern " << p;
    }
    ASSERT_EQ(a.sum_bits, e.sum_bits) << label << " pattern " << p;
  }
}

// `rows` rows of `columns` columns, each cell uniform among `labels` labels (one in 20
// NULL): every value held by a few rows, so most root picks share their count with many
// others. Labels of one width (every value the same bits: count buckets, so batches) or,
// when `varied`, of varied widths. Rows repeat when `labels` is small (collapsed: weights).
Table many_small_groups(std::mt19937_64& rng, uint64_t rows, uint32_t labels, size_t columns, bool varied) {
  std::vector<std::string> names;
  for (size_t c = 0; c < columns; ++c) names.push_back(fmt::format("c{}", c));
  TableBuilder builder(names);
  ChunkBuilder chunk = builder.make_chunk();
  for (uint64_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns; ++c) {
      if (rng() % 20 == 0) {
        chunk.add_null(c);
        continue;
      }
      const uint64_t v = rng() % labels;
      chunk.add_text(c, varied ? fmt::format("v{}", v) : fmt::format("v{:06}", v));
    }
  }
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

TEST(LocalExpansionBatches, GiveThePlainLoopsPatternsOnAnyThreads) {
  std::mt19937_64 rng(2026);
  size_t batched_tables = 0, tables = 0;
  for (int i = 0; i < 40; ++i) {
    const uint64_t rows = 200 + rng() % 2800;
    const uint32_t labels = 2 + static_cast<uint32_t>(rng() % (rows / 3));
    const size_t columns = 2 + rng() % 5;
    const bool varied = rng() % 4 == 0;
    const Table table = many_small_groups(rng, rows, labels, columns, varied);
    for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                               CostModelKind::kEntropy}) {
      for (bool collapse : {false, true}) {
        const std::string label = fmt::format("table {} ({} rows, {} labels, {} columns) {}{}", i, rows, labels,
                                              columns, cost_model_name(kind), collapse ? " collapsed" : "");
        const Expanded plain = expand(table, collapse, kind, SearchPath::kPlain, 1);
        EXPECT_EQ(plain.counters.expansions_in_batches, 0u) << label;
        for (SearchPath path : {SearchPath::kIncremental, SearchPath::kAdaptive}) {
          const Expanded one = expand(table, collapse, kind, path, 1);
          expect_same_patterns(plain, one, label);
          for (int threads : {2, 3}) {
            const Expanded more = expand(table, collapse, kind, path, threads);
            const std::string with = fmt::format("{} on {} threads", label, threads);
            expect_same_patterns(plain, more, with);
            EXPECT_EQ(more.counters.expand_evaluations, one.counters.expand_evaluations) << with;
            EXPECT_EQ(more.counters.expansions_in_batches, one.counters.expansions_in_batches) << with;
          }
          if (::testing::Test::HasFailure()) return;
          if (path == SearchPath::kIncremental) {
            ++tables;
            batched_tables += one.counters.expansions_in_batches > 0;
          }
        }
      }
    }
  }
  // Batches need count buckets: never under entropy, seldom on varied widths, and two
  // picks at one count (80 of the 320 runs with this seed).
  EXPECT_GT(batched_tables, tables / 5);
}

TEST(LocalExpansionBatches, TakeMostPatternsOfATableOfManySmallGroups) {
  // The default path, at its own thresholds: 3 x 10^4 rows, 5 columns of 3,000 labels.
  std::mt19937_64 rng(7);
  const Table table = many_small_groups(rng, 30000, 3000, 5, false);
  const Expanded plain = expand(table, true, CostModelKind::kPaper, SearchPath::kPlain, 1);
  const Expanded one = expand(table, true, CostModelKind::kPaper, SearchPath::kAdaptive, 1);
  const Expanded two = expand(table, true, CostModelKind::kPaper, SearchPath::kAdaptive, 2);
  expect_same_patterns(plain, one, "one thread");
  expect_same_patterns(plain, two, "two threads");
  ASSERT_GT(plain.patterns.size(), 1000u);
  EXPECT_GT(one.counters.expansions_in_batches, plain.patterns.size() / 4);  // 654 of 2,026
  EXPECT_EQ(two.counters.expansions_in_batches, one.counters.expansions_in_batches);
  EXPECT_EQ(two.counters.expand_evaluations, one.counters.expand_evaluations);
}

TEST(LocalExpansionBatches, CountSelectionsInLargeDictionariesBySorting) {
  // 2,000 values of A, each held by 100 rows (a batch of root picks at one count); in each
  // group, 64 rows share one value of B and 36 hold values of their own, so B has 74,000
  // values (more than a batch histograms: selections of 100 rows are counted by sorting)
  // and the shared one extends every pattern.
  TableBuilder builder({"A", "B"});
  ChunkBuilder chunk = builder.make_chunk();
  for (uint32_t r = 0; r < 200000; ++r) {
    const uint32_t a = r % 2000, j = r / 2000;
    chunk.add_text(0, fmt::format("a{:05}", a));
    chunk.add_text(1, j < 64 ? fmt::format("c{:05}", a) : fmt::format("u{:05}", r));
  }
  builder.add_chunk(std::move(chunk));
  const Table table = builder.finish();
  const Expanded plain = expand(table, false, CostModelKind::kPaper, SearchPath::kPlain, 1);
  ASSERT_GE(plain.patterns.size(), 2000u);
  EXPECT_EQ(plain.patterns[0].items.size(), 2u);  // A's value and its shared B value
  for (int threads : {1, 2}) {
    const Expanded fast = expand(table, false, CostModelKind::kPaper, SearchPath::kAdaptive, threads);
    expect_same_patterns(plain, fast, fmt::format("{} threads", threads));
    EXPECT_GE(fast.counters.expansions_in_batches, 1900u);
  }
}

// A column whose savings can rise as its counts fall stops the batches. Under `paper`,
// column B's bits are 1 (63 empty strings, 9 one-letter values), so its overhead's jumps
// outweigh a row: "" held by 63 rows saves 62 - 2 - 14 = 46, by 62 rows 61 - 2 - 12 = 47.
// Column A's values take 52 bits, so v1 and v2, held by two rows each, save 52 - 6 = 46,
// and win the tie with B (column order). Taking v1 removes one of B's "" rows: the
// spec's next pick is B's "" (47), not v2 (46), though v2 still holds two rows.
TEST(LocalExpansionBatches, StopWhereAnotherColumnsSavingsCanRise) {
  TableBuilder builder({"A", "B"});
  ChunkBuilder chunk = builder.make_chunk();
  auto row = [&](const std::string& a, const std::string& b) {
    chunk.add_text(0, a);
    chunk.add_text(1, b);
  };
  row("aaaaaa", "");
  row("aaaaaa", "q");
  row("bbbbbb", "");
  row("bbbbbb", "r");
  const std::string letters = "stuvwxy";
  for (int i = 0; i < 68; ++i) {
    // 36 distinct values of 7 bytes and 32 of 6: A averages 468 / 72 bytes, 52 bits.
    const std::string a = i < 36 ? fmt::format("x{:06}", i) : fmt::format("y{:05}", i);
    row(a, i < 61 ? std::string() : std::string(1, letters[static_cast<size_t>(i - 61)]));
  }
  builder.add_chunk(std::move(chunk));
  const Table table = builder.finish();
  const Expanded plain = expand(table, false, CostModelKind::kPaper, SearchPath::kPlain, 1);
  ASSERT_GE(plain.patterns.size(), 2u);
  ASSERT_EQ(plain.patterns[1].items.size(), 1u);
  EXPECT_EQ(plain.patterns[1].items[0].column, 1u);  // B's "", the case this test is for
  for (SearchPath path : {SearchPath::kIncremental, SearchPath::kAdaptive}) {
    for (int threads : {1, 2}) {
      expect_same_patterns(plain, expand(table, false, CostModelKind::kPaper, path, threads),
                           fmt::format("path {} threads {}", static_cast<int>(path), threads));
    }
  }
}

}  // namespace
}  // namespace tsum
