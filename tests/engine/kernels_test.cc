// The counting kernels against their definitions: filter_equal against a loop over the
// rows, count_few_codes against the histogram (count_codes) on weighted and unweighted
// tables, and the search that uses it on weighted rows against the same search on the
// rows copied out.
#include "engine/kernels.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/local_expansion.h"
#include "engine/work_table.h"

namespace tsum {
namespace {

struct Codes {
  std::vector<std::vector<uint32_t>> codes;  // column-major
  std::vector<uint32_t> cardinality;
  std::vector<uint64_t> weights;
};

// Up to 3 columns of up to 300 values (some NULLs) over 40-400 rows; weights 1-4 in half
// the cases, else 1.
Codes random_codes(std::mt19937_64& rng) {
  Codes out;
  const size_t columns = 1 + rng() % 3;
  const uint64_t rows = 40 + rng() % 361;
  const bool weighted = rng() % 2 == 0;
  out.weights.resize(rows);
  for (uint64_t& w : out.weights) w = weighted ? 1 + rng() % 4 : 1;
  for (size_t c = 0; c < columns; ++c) {
    const uint32_t card = 1 + static_cast<uint32_t>(rng() % 300);
    out.cardinality.push_back(card);
    std::vector<uint32_t> codes(rows);
    for (uint32_t& code : codes) code = rng() % 10 == 0 ? 0 : 1 + static_cast<uint32_t>(rng() % card);
    out.codes.push_back(std::move(codes));
  }
  return out;
}

// Tables around the filter's blocks of 2^18 rows (one block, a block and a row, three
// and a part), codes of each width: the rows holding a code, ascending, at one thread and
// two, from every row and from a selection.
TEST(FilterEqual, KeepsTheRowsHoldingTheCodeInAscendingOrder) {
  std::mt19937_64 rng(47);
  const uint64_t block = uint64_t{1} << 18;
  for (const uint64_t rows : {uint64_t{0}, uint64_t{1}, block - 1, block, block + 1, 3 * block + 17}) {
    for (const uint32_t card : {3u, 300u, 70000u}) {  // 8-, 16- and 32-bit codes
      std::vector<uint32_t> codes(rows);
      for (uint32_t& code : codes) code = rng() % 8 == 0 ? 0 : 1 + static_cast<uint32_t>(rng() % card);
      const uint32_t wanted = card == 3 ? 2 : static_cast<uint32_t>(rng() % card) + 1;
      if (rows > 0) codes[rows - 1] = wanted;  // the last row is kept
      const WorkTable table({codes}, {card}, std::vector<uint64_t>(rows, 1));
      std::vector<RowId> selection;
      for (RowId r = 0; r < rows; ++r)
        if (rng() % 3 != 0) selection.push_back(r);
      for (const bool all : {true, false}) {
        const RowSet from = all ? RowSet{true, rows, {}} : RowSet{false, rows, selection};
        std::vector<RowId> expected;
        for (uint64_t i = 0; i < from.size(); ++i) {
          const RowId r = all ? static_cast<RowId>(i) : selection[i];
          if (codes[r] == wanted) expected.push_back(r);
        }
        for (const int threads : {1, 2}) {
          std::vector<RowId> kept;
          tbb::task_arena(threads).execute([&] { kept = filter_equal(table.column(0), from, wanted); });
          ASSERT_EQ(kept, expected) << rows << " rows, " << card << " values, "
                                    << (all ? "every row" : "a selection") << ", " << threads << " threads";
        }
      }
    }
  }
}

TEST(CountFewCodes, GivesTheHistogramsCountsInOrderOfFirstAppearance) {
  std::mt19937_64 rng(41);
  for (int i = 0; i < 300; ++i) {
    const Codes k = random_codes(rng);
    const WorkTable table(k.codes, k.cardinality, k.weights);
    for (int trial = 0; trial < 20; ++trial) {
      // A sorted selection of 1 .. kFewCodesMaxRows distinct rows.
      std::vector<RowId> all(table.rows());
      for (RowId r = 0; r < all.size(); ++r) all[r] = r;
      std::shuffle(all.begin(), all.end(), rng);
      std::vector<RowId> rows(all.begin(), all.begin() + 1 + rng() % kFewCodesMaxRows);
      std::sort(rows.begin(), rows.end());
      const size_t c = rng() % table.num_columns();
      const std::string label = fmt::format("case {} trial {} column {}", i, trial, c);

      std::vector<uint64_t> hist(k.cardinality[c] + 1, 0);
      count_codes(table, c, rows, hist.data());
      uint32_t codes[kFewCodesMaxRows];
      uint64_t counts[kFewCodesMaxRows];
      const size_t distinct = count_few_codes(table, c, rows, codes, counts);

      ASSERT_EQ(distinct, static_cast<size_t>(std::count_if(hist.begin(), hist.end(), [](uint64_t n) { return n > 0; })))
          << label;
      size_t previous_first = 0;
      for (size_t j = 0; j < distinct; ++j) {
        EXPECT_EQ(counts[j], hist[codes[j]]) << label << " code " << codes[j];
        const size_t first = static_cast<size_t>(
            std::find_if(rows.begin(), rows.end(), [&](RowId r) { return k.codes[c][r] == codes[j]; }) - rows.begin());
        if (j > 0) {
          EXPECT_GT(first, previous_first) << label << " code " << codes[j];
        }
        previous_first = first;
      }
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// Profiles for the paper model: every value 4 bytes (32 bits over the non-NULL rows).
std::vector<ColumnProfile> profiles_of(const Codes& k, std::vector<std::string>& storage) {
  std::vector<ColumnProfile> profiles(k.codes.size());
  storage.clear();
  for (size_t c = 0; c < k.codes.size(); ++c)
    for (uint32_t v = 0; v < k.cardinality[c]; ++v) storage.push_back(fmt::format("{:04}", v % 10000));
  for (size_t c = 0, s = 0; c < k.codes.size(); ++c) {
    ColumnProfile& p = profiles[c];
    p.counts.assign(k.cardinality[c] + 1, 0);
    for (size_t r = 0; r < k.weights.size(); ++r) p.counts[k.codes[c][r]] += k.weights[r];
    p.non_null = 0;
    for (size_t v = 1; v < p.counts.size(); ++v) p.non_null += p.counts[v];
    p.total_utf8_bytes = 4 * p.non_null;
    for (uint32_t v = 0; v < k.cardinality[c]; ++v) p.values.push_back(storage[s++]);
  }
  return profiles;
}

// Weighted rows of large dictionaries (most selections below the root hold a few rows,
// counted by count_few_codes): the same patterns as the table with each row written out
// as many times as its weight, where the counts come from more rows.
TEST(CountFewCodes, WeightedRowsSearchLikeTheirCopies) {
  std::mt19937_64 rng(43);
  int weighted_cases = 0;
  for (int i = 0; i < 200; ++i) {
    Codes weighted = random_codes(rng);
    for (uint32_t& card : weighted.cardinality) card = std::max<uint32_t>(card, 100);
    if (std::all_of(weighted.weights.begin(), weighted.weights.end(), [](uint64_t w) { return w == 1; })) continue;
    ++weighted_cases;
    Codes copies;
    copies.cardinality = weighted.cardinality;
    copies.codes.resize(weighted.codes.size());
    for (size_t r = 0; r < weighted.weights.size(); ++r) {
      for (uint64_t k = 0; k < weighted.weights[r]; ++k) {
        for (size_t c = 0; c < weighted.codes.size(); ++c) copies.codes[c].push_back(weighted.codes[c][r]);
        copies.weights.push_back(1);
      }
    }
    std::vector<std::string> storage;
    const std::vector<ColumnProfile> profiles = profiles_of(weighted, storage);
    const CostModel model(CostModelKind::kPaper, profiles);
    const std::vector<CodedPattern> expected =
        local_expansion(WorkTable(copies.codes, copies.cardinality, copies.weights), model);
    const std::vector<CodedPattern> actual =
        local_expansion(WorkTable(weighted.codes, weighted.cardinality, weighted.weights), model);
    ASSERT_EQ(actual.size(), expected.size()) << "case " << i;
    for (size_t p = 0; p < expected.size(); ++p) {
      ASSERT_EQ(actual[p].items.size(), expected[p].items.size()) << "case " << i << " pattern " << p;
      for (size_t j = 0; j < expected[p].items.size(); ++j) {
        EXPECT_EQ(actual[p].items[j].column, expected[p].items[j].column) << "case " << i << " pattern " << p;
        EXPECT_EQ(actual[p].items[j].code, expected[p].items[j].code) << "case " << i << " pattern " << p;
      }
      if (::testing::Test::HasFailure()) return;
    }
  }
  EXPECT_GT(weighted_cases, 50);
}

}  // namespace
}  // namespace tsum
