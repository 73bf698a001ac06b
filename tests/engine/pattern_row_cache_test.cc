// PatternRowCache and marshal_known(): the rows the cache holds for a pattern are the
// rows matching it, whatever the items' order, and marshalling from them ranks exactly
// as marshal() does from the table (the beam search's refinement relies on both). On a
// table of several row blocks the two build their row -> patterns indexes differently
// (block by block in parallel, or serially from the cached rows), so agreeing there
// checks marshal()'s block-built index too.
#include "engine/pattern_row_cache.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/entropy_marshal_scorer.h"
#include "engine/marshalling.h"
#include "engine/work_table.h"

namespace tsum {
namespace {

struct Fixture {
  std::vector<std::vector<uint32_t>> codes;  // per column, per row (0 = NULL)
  std::vector<uint32_t> cardinality;
  std::vector<uint64_t> weights;
  std::vector<std::string> labels;
  std::vector<ColumnProfile> profiles;
};

Fixture random_fixture(std::mt19937_64& rng) {
  Fixture f;
  const size_t columns = 2 + rng() % 4, rows = 1 + rng() % 300;
  for (uint32_t v = 1; v <= 12; ++v) f.labels.push_back(std::string(v, 'a' + static_cast<char>(v)));
  f.weights.resize(rows);
  for (uint64_t& w : f.weights) w = 1 + rng() % 3;
  for (size_t c = 0; c < columns; ++c) {
    const uint32_t card = 1 + static_cast<uint32_t>(rng() % 6);
    std::vector<uint32_t> col(rows);
    for (uint32_t& code : col) code = static_cast<uint32_t>(rng() % (card + 1));  // skewed to few values, NULLs too
    ColumnProfile p;
    p.counts.assign(card + 1, 0);
    for (size_t r = 0; r < rows; ++r) {
      p.counts[col[r]] += f.weights[r];
      if (col[r] != 0) p.non_null += f.weights[r], p.total_utf8_bytes += f.weights[r] * col[r];
    }
    for (uint32_t v = 1; v <= card; ++v) p.values.push_back(f.labels[v - 1]);
    f.codes.push_back(std::move(col));
    f.cardinality.push_back(card);
    f.profiles.push_back(std::move(p));
  }
  return f;
}

std::vector<CodedPattern> random_patterns(std::mt19937_64& rng, const Fixture& f, const CostModel& model) {
  std::vector<CodedPattern> out(1 + rng() % 12);
  for (CodedPattern& p : out) {
    std::vector<bool> used(f.codes.size(), false);
    const size_t size = 1 + rng() % std::min<size_t>(3, f.codes.size());
    while (p.items.size() < size) {
      const uint32_t c = static_cast<uint32_t>(rng() % f.codes.size());
      if (used[c]) continue;
      used[c] = true;
      const uint32_t code = 1 + static_cast<uint32_t>(rng() % f.cardinality[c]);
      p.items.push_back(Item{c, code});
      p.sum_bits += model.bits(c, code);
    }
  }
  if (out.size() > 1) out.push_back(out[0]);  // a duplicate, as refinement can make
  return out;
}

std::vector<RowId> naive_rows(const Fixture& f, const CodedPattern& p) {
  std::vector<RowId> out;
  for (size_t r = 0; r < f.weights.size(); ++r) {
    bool all = true;
    for (const Item& item : p.items) all = all && f.codes[item.column][r] == item.code;
    if (all) out.push_back(static_cast<RowId>(r));
  }
  return out;
}

void expect_same(const std::vector<RankedPattern>& a, const std::vector<RankedPattern>& b, int trial) {
  ASSERT_EQ(a.size(), b.size()) << "trial " << trial;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index) << "trial " << trial << " rank " << i;
    EXPECT_EQ(a[i].saving, b[i].saving) << "trial " << trial << " rank " << i;  // bit for bit
    EXPECT_EQ(a[i].rows, b[i].rows) << "trial " << trial << " rank " << i;
    EXPECT_EQ(a[i].covered_rows, b[i].covered_rows) << "trial " << trial << " rank " << i;
  }
}

TEST(PatternRowCache, RowsAreTheMatchingRowsWhateverTheItemOrder) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    Fixture f = random_fixture(rng);
    CostModel model(CostModelKind::kPaper, f.profiles);
    WorkTable table(f.codes, f.cardinality, f.weights);
    PatternRowCache cache(table);
    for (const CodedPattern& p : random_patterns(rng, f, model)) {
      const std::vector<RowId> expected = naive_rows(f, p);
      std::span<const RowId> first = cache.rows_of(p);
      ASSERT_EQ(std::vector<RowId>(first.begin(), first.end()), expected) << "trial " << trial;
      CodedPattern reversed = p;
      std::reverse(reversed.items.begin(), reversed.items.end());
      std::span<const RowId> again = cache.rows_of(reversed);
      EXPECT_EQ(again.data(), first.data()) << "the same item set is matched once";
      EXPECT_EQ(again.size(), first.size());
    }
  }
}

TEST(PatternRowCache, MarshalKnownRanksAsMarshal) {
  std::mt19937_64 rng(12);
  for (int trial = 0; trial < 300; ++trial) {
    Fixture f = random_fixture(rng);
    const CostModelKind kind = trial % 3 == 0 ? CostModelKind::kEntropy : CostModelKind::kPaper;
    CostModel model(kind, f.profiles);
    WorkTable table(f.codes, f.cardinality, f.weights);
    PatternRowCache cache(table);
    const std::vector<CodedPattern> patterns = random_patterns(rng, f, model);
    PatternRows rows_of;
    for (const CodedPattern& p : patterns) rows_of.push_back(cache.rows_of(p));
    std::vector<std::vector<uint64_t>> counts;
    for (const ColumnProfile& p : f.profiles) counts.push_back(p.counts);
    if (kind == CostModelKind::kEntropy) {
      EntropyMarshalScorer from_table(model, counts, patterns), from_cache(model, counts, patterns);
      expect_same(marshal(table, model, patterns, &from_table), marshal_known(table, model, patterns, rows_of, &from_cache),
                  trial);
    } else {
      expect_same(marshal(table, model, patterns), marshal_known(table, model, patterns, rows_of), trial);
    }
  }
}

TEST(PatternRowCache, MarshalAcrossRowBlocksAgreesOnAnyThreadCount) {
  // Three blocks of 2^16 rows and a partial fourth; patterns of up to 3 items over small
  // dictionaries, so most of them hold thousands of rows spread over every block, and
  // one-item patterns of ~5 x 10^4 rows: on 2 threads, rounds of 2^13 rows or more are
  // shared out in blocks.
  std::mt19937_64 rng(13);
  Fixture f;
  const size_t rows = (size_t{3} << 16) + 777;
  for (uint32_t v = 1; v <= 40; ++v) f.labels.push_back(std::string(1 + v % 7, 'a' + static_cast<char>(v % 26)));
  f.weights.resize(rows);
  for (uint64_t& w : f.weights) w = 1 + rng() % 2;
  for (uint32_t card : {3u, 5u, 9u, 40u}) {
    std::vector<uint32_t> col(rows);
    for (uint32_t& code : col) code = static_cast<uint32_t>(rng() % (card + 1));
    ColumnProfile p;
    p.counts.assign(card + 1, 0);
    for (size_t r = 0; r < rows; ++r) {
      p.counts[col[r]] += f.weights[r];
      if (col[r] != 0) p.non_null += f.weights[r], p.total_utf8_bytes += f.weights[r] * f.labels[col[r] - 1].size();
    }
    for (uint32_t v = 1; v <= card; ++v) p.values.push_back(f.labels[v - 1]);
    f.codes.push_back(std::move(col));
    f.cardinality.push_back(card);
    f.profiles.push_back(std::move(p));
  }
  CostModel model(CostModelKind::kPaper, f.profiles);
  std::vector<CodedPattern> patterns;
  for (uint32_t code = 1; code <= 3; ++code) patterns.push_back(CodedPattern{{Item{0, code}}, model.bits(0, code)});
  for (int i = 0; i < 20; ++i) {
    std::vector<CodedPattern> some = random_patterns(rng, f, model);
    patterns.insert(patterns.end(), some.begin(), some.end());
  }
  std::vector<std::vector<RankedPattern>> results;
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      WorkTable table(f.codes, f.cardinality, f.weights);
      results.push_back(marshal(table, model, patterns));
      results.push_back(marshal(table, model, patterns, nullptr, SearchOptions{.path = SearchPath::kPlain}));
      PatternRowCache cache(table);
      PatternRows rows_of;
      for (const CodedPattern& p : patterns) rows_of.push_back(cache.rows_of(p));
      results.push_back(marshal_known(table, model, patterns, rows_of));
      // Lists out of order and with repeats (not what PatternRows promises) rank the same,
      // large rounds included.
      std::vector<std::vector<RowId>> scrambled;
      for (std::span<const RowId> list : rows_of) {
        std::vector<RowId>& copy = scrambled.emplace_back(list.rbegin(), list.rend());
        if (!copy.empty()) copy.push_back(copy[copy.size() / 2]);
      }
      PatternRows scrambled_rows(scrambled.begin(), scrambled.end());
      results.push_back(marshal_known(table, model, patterns, scrambled_rows));
    });
  }
  ASSERT_GT(results[0].size(), 20u);
  for (size_t i = 1; i < results.size(); ++i) expect_same(results[0], results[i], static_cast<int>(i));
}

}  // namespace
}  // namespace tsum
