// Marshalling of many patterns over several blocks of rows: the matches are gathered (and,
// when the counts are decremented, the row -> patterns index built) block by block on the
// threads, and the ranking keeps stale keys (every pattern's bits are large), so the
// ranks, savings and coverage must be the plain path's on any threads: counting lazily,
// decrementing from the start, lazily until the counts give way to decrements, and with a
// caller's task beside the ranking. And a pattern read again reads only the rows left at
// its last read (counted in rows read).
// (tests/engine/incremental_search_test.cc compares the paths on thousands of small
// tables; tests/engine/pattern_row_cache_test.cc, few patterns over several blocks.)
#include "engine/marshalling.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/work_table.h"

namespace tsum {
namespace {

// A `paper` model of the codes (column-major; code v of column c the text "c<c>v<v>",
// five digits, code 0 NULL), each row counted with its weight. (The model keeps its bits,
// not the texts.)
CostModel paper_model(const std::vector<std::vector<uint32_t>>& codes, const std::vector<uint32_t>& cardinality,
                      const std::vector<uint64_t>& weights) {
  std::vector<std::string> storage;
  std::vector<ColumnProfile> profiles(codes.size());
  for (size_t c = 0; c < codes.size(); ++c) {
    for (uint32_t v = 1; v <= cardinality[c]; ++v) storage.push_back(fmt::format("c{}v{:05}", c, v));
  }
  for (size_t c = 0, s = 0; c < codes.size(); ++c) {
    ColumnProfile& p = profiles[c];
    p.counts.assign(cardinality[c] + 1, 0);
    for (size_t r = 0; r < codes[c].size(); ++r) p.counts[codes[c][r]] += weights[r];
    for (uint32_t v = 1; v <= cardinality[c]; ++v) {
      p.non_null += p.counts[v];
      p.total_utf8_bytes += p.counts[v] * storage[s].size();
      p.values.push_back(storage[s++]);
    }
  }
  return CostModel(CostModelKind::kPaper, profiles);
}

TEST(Marshalling, ManyPatternsOverSeveralBlocksRankAlikeOnAnyThreads) {
  // Three blocks of 2^16 rows and a partial fourth; column 0 of 16,000 values (about a
  // dozen rows each), every one a pattern, and pairs with column 1 (5 values), so that
  // rounds take rows shared with patterns not yet ranked.
  const size_t rows = (size_t{3} << 16) + 777;
  const std::vector<uint32_t> cardinality{16000, 5};
  std::mt19937_64 rng(17);
  std::vector<std::vector<uint32_t>> codes(2, std::vector<uint32_t>(rows));
  std::vector<uint64_t> weights(rows);
  for (size_t r = 0; r < rows; ++r) {
    codes[0][r] = 1 + static_cast<uint32_t>(rng() % cardinality[0]);
    codes[1][r] = static_cast<uint32_t>(rng() % (cardinality[1] + 1));
    weights[r] = 1 + rng() % 2;
  }
  const CostModel model = paper_model(codes, cardinality, weights);
  std::vector<CodedPattern> patterns;
  for (uint32_t v = 1; v <= cardinality[0]; ++v) {
    patterns.push_back(CodedPattern{{Item{0, v}}, model.bits(0, v)});
    if (v % 3 == 0) {
      const uint32_t w = 1 + v % cardinality[1];
      patterns.push_back(CodedPattern{{Item{0, v}, Item{1, w}}, model.bits(0, v) + model.bits(1, w)});
    }
  }
  // The plain path once (it rescans every pattern each round); on 1-3 threads the default
  // (lazy counts throughout), decrements from the start, lazy counts giving way after a
  // quarter of a row read per match, and the default with a task beside the ranking (called once, with
  // the patterns being ranked).
  std::vector<std::vector<RankedPattern>> results;
  std::vector<uint64_t> evaluations;
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      const WorkTable table(codes, cardinality, weights);
      if (threads == 1) results.push_back(marshal(table, model, patterns, nullptr, SearchOptions{.path = SearchPath::kPlain}));
      for (double reads : {8.0, 0.0, 0.25}) {
        SearchCounters counters;
        results.push_back(
            marshal(table, model, patterns, nullptr, SearchOptions{.lazy_reads_per_match = reads}, &counters));
        evaluations.push_back(counters.marshal_evaluations);
        const std::string label = fmt::format("{} threads, {} reads per match", threads, reads);
        if (reads == 0) {
          EXPECT_EQ(counters.marshal_rows_read, 0u) << label;
        } else if (reads == 8) {
          EXPECT_GE(counters.marshal_rows_read, rows) << label;  // every winner's rows at least
        } else {
          EXPECT_GT(counters.marshal_rows_read, 0u) << label;
          EXPECT_LT(counters.marshal_rows_read, rows) << label;
        }
        EXPECT_EQ(counters.marshal_gave_way, reads == 0.25 ? 1u : 0u) << label;
      }
      int calls = 0;
      const std::vector<CodedPattern>* seen = nullptr;
      results.push_back(marshal(table, model, patterns, nullptr, {}, nullptr, [&](const std::vector<CodedPattern>& p) {
        ++calls;
        seen = &p;
      }));
      EXPECT_EQ(calls, 1) << threads << " threads";
      EXPECT_EQ(seen, &patterns) << threads << " threads";
    });
  }
  ASSERT_GT(results[0].size(), 1000u);
  for (uint64_t e : evaluations) EXPECT_EQ(e, evaluations[0]);  // the same counts, so the same stale keys
  for (size_t k = 1; k < results.size(); ++k) {
    ASSERT_EQ(results[k].size(), results[0].size()) << "run " << k;
    for (size_t i = 0; i < results[0].size(); ++i) {
      ASSERT_EQ(results[k][i].index, results[0][i].index) << "run " << k << " rank " << i;
      ASSERT_EQ(results[k][i].saving, results[0][i].saving) << "run " << k << " rank " << i;
      ASSERT_EQ(results[k][i].rows, results[0][i].rows) << "run " << k << " rank " << i;
      ASSERT_EQ(results[k][i].covered_rows, results[0][i].covered_rows) << "run " << k << " rank " << i;
    }
  }
}

// A pattern read again reads only the rows left at its last read (the lazy counts cut its
// list): A and B hold ten rows each, five of them shared, with the same bits, so they tie
// and A wins the first round; in the second B is read twice, stale (its ten rows, five
// gone) and then exact (the five left): 10 + 10 + 5 rows read. A list read whole again
// would make it 30.
TEST(Marshalling, ALazyReadCutsTheRowsItFindsGone) {
  const size_t rows = 15;
  const std::vector<uint32_t> cardinality{6, 6};
  std::vector<std::vector<uint32_t>> codes(2, std::vector<uint32_t>(rows));
  for (uint32_t r = 0; r < rows; ++r) {
    codes[0][r] = r < 10 ? 1 : r - 8;  // x on rows 0-9, then five values once each
    codes[1][r] = r >= 5 ? 1 : r + 2;  // y on rows 5-14, five values once each before
  }
  const std::vector<uint64_t> weights(rows, 1);
  const CostModel model = paper_model(codes, cardinality, weights);
  const std::vector<CodedPattern> patterns{CodedPattern{{Item{0, 1}}, model.bits(0, 1)},
                                           CodedPattern{{Item{1, 1}}, model.bits(1, 1)}};
  ASSERT_EQ(patterns[0].sum_bits, patterns[1].sum_bits);
  const WorkTable table(codes, cardinality, weights);
  SearchCounters counters;
  const std::vector<RankedPattern> ranked = marshal(table, model, patterns, nullptr, SearchOptions{}, &counters);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].index, 0u);
  EXPECT_EQ(ranked[1].index, 1u);
  EXPECT_EQ(ranked[1].covered_rows, 15u);
  EXPECT_EQ(counters.marshal_gave_way, 0u);
  EXPECT_EQ(counters.marshal_rows_read, 25u);
}

}  // namespace
}  // namespace tsum
