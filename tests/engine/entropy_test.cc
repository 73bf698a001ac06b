// The entropy cost model (docs/spec.md, "Cost model `entropy`"): its bits and savings on
// hand-computed examples, and its greedy search against a literal transcription of the
// spec's definition over plain strings (no engine code shared) on seeded random tables.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include <stdlib.h>

#include "engine/cost_model.h"
#include "engine/entropy_coder.h"
#include "engine/residue.h"
#include "engine/work_table.h"
#include "support/raw_table.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

using Items = std::vector<PatternItem>;

Summary run(const Table& t, unsigned threads = 0, bool collapse = true) {
  SummarizeOptions o;
  o.cost_model = CostModelKind::kEntropy;
  o.threads = threads;
  o.collapse_duplicate_rows = collapse;
  return summarize(t, o);
}

// Values computed by hand (with a calculator's log2) from the definitions in docs/spec.md.
TEST(EntropyModel, BitsAreMinusLog2OfTheShareNullsIncluded) {
  test::RawTable raw{{"a", "b"}, {{"x", std::nullopt}, {"x", "p"}, {"y", std::nullopt}, {"x", "p"}}, {}};
  CostModel m(CostModelKind::kEntropy, test::to_table(raw));
  EXPECT_DOUBLE_EQ(m.bits(0, 1), std::log2(4.0 / 3.0));  // x: 3 of 4
  EXPECT_DOUBLE_EQ(m.bits(0, 2), 2.0);                   // y: 1 of 4
  EXPECT_DOUBLE_EQ(m.bits(1, 0), 1.0);                   // NULL: 2 of 4
  EXPECT_DOUBLE_EQ(m.bits(1, 1), 1.0);                   // p: 2 of 4
  // 3 log2(4/3) + 2 + 2 + 2 (NULL cells are coded too).
  EXPECT_NEAR(m.table_bits(test::to_table(raw)), 3 * std::log2(4.0 / 3.0) + 6.0, 1e-12);
}

TEST(EntropyModel, PatientsTableBitsAreTheColumnEntropies) {
  Table t = test::to_table(test::patients());
  CostModel m(CostModelKind::kEntropy, t);
  // gender 7/3, age 5/4/1, blood_pressure 3/5/2 of 10 rows: 37.2773024390 bits.
  EXPECT_NEAR(m.table_bits(t), 37.27730243901708, 1e-9);
  EXPECT_NEAR(run(t).table_bits, 37.27730243901708, 1e-9);
}

TEST(EntropyModel, OneItemPatternOnTheWholeTableSavesMinusItsDescription) {
  Table t = test::to_table(test::patients());
  CostModel m(CostModelKind::kEntropy, t);
  std::vector<std::vector<uint64_t>> counts;
  for (size_t c = 0; c < t.num_columns(); ++c) counts.push_back(t.column(c).code_counts());
  EntropyCoder coder(m, counts);
  // gender = M (7 of 10): 1 + log2 3 + log2 C(3, 1) + log2 10 + log2(10 / 7) = 8.0064262692.
  std::vector<Item> m_item = {{0, 1}};
  EXPECT_NEAR(coder.saving(m_item, 7, 10), -8.006426269159434, 1e-9);
  // {gender = M, age = adult}: 5 rows; negative on ten rows (-5.0482702491).
  std::vector<Item> pair = {{0, 1}, {1, 1}};
  EXPECT_NEAR(coder.saving(pair, 5, 10), -5.048270249125844, 1e-9);
}

TEST(EntropyModel, TenPatientsAreTooFewToPayForAPattern) {
  Summary s = run(test::to_table(test::patients()));
  EXPECT_TRUE(s.patterns.empty());
  EXPECT_EQ(s.total_saving, 0.0);
}

TEST(EntropyModel, PatientsTimesTen) {
  Summary s = run(test::to_table(test::patients(10)));
  ASSERT_EQ(s.patterns.size(), 2u);
  EXPECT_EQ(s.patterns[0].items, (Items{{"gender", "F"}, {"age", "child"}}));
  EXPECT_NEAR(s.patterns[0].saving, 41.80529006443326, 1e-9);  // by hand, docs/spec.md
  EXPECT_EQ(s.patterns[0].rows, 30u);
  EXPECT_EQ(s.patterns[1].items, (Items{{"gender", "M"}, {"age", "teen"}, {"blood_pressure", "high"}}));
  EXPECT_NEAR(s.patterns[1].saving, 12.026884478657413, 1e-9);
  EXPECT_EQ(s.covered_rows, 40u);
}

// ---- A literal transcription of the entropy model and its greedy search. ----

using Pattern = std::vector<std::pair<size_t, std::string>>;

struct Oracle {
  const test::RawTable& t;
  size_t d;
  std::vector<std::vector<std::string>> dictionary;           // non-NULL values, first-appearance order
  std::vector<std::map<std::optional<std::string>, double>> cells;  // uncovered cells per value (NULL too)
  std::vector<double> total;                                    // uncovered cells per column
  std::vector<std::map<std::string, double>> standard;          // -log2 share in the whole column

  explicit Oracle(const test::RawTable& table) : t(table), d(table.names.size()), cells(d), total(d, 0), standard(d) {
    for (size_t c = 0; c < d; ++c) {
      std::vector<std::string> values;
      for (const auto& row : t.rows) {
        cells[c][row[c]] += 1;
        total[c] += 1;
        if (row[c] && std::find(values.begin(), values.end(), *row[c]) == values.end()) values.push_back(*row[c]);
      }
      dictionary.push_back(values);
      for (const auto& v : values) standard[c][v] = std::log2(total[c] / cells[c][v]);
    }
  }
  static double g(double x) { return x > 0 ? x * std::log2(x) : 0.0; }
  bool matches(size_t r, const Pattern& p) const {
    for (const auto& [c, v] : p)
      if (!t.rows[r][c] || *t.rows[r][c] != v) return false;
    return true;
  }
  double count(const std::vector<size_t>& rows, const Pattern& p) const {
    double n = 0;
    for (size_t r : rows) n += matches(r, p);
    return n;
  }
  double saving(const Pattern& p, const std::vector<size_t>& rows) const {
    double n = count(rows, p), r = static_cast<double>(rows.size());
    double cells_saved = 0, values = 0;
    for (const auto& [c, v] : p) {
      double u = cells.at(c).at(v);
      cells_saved += g(total[c]) - g(total[c] - n) - g(u) + g(u - n);
      values += standard[c].at(v);
    }
    double naming = g(r) - g(n) - g(r - n);
    double k = static_cast<double>(p.size()), dd = static_cast<double>(d);
    double choose = std::lgamma(dd + 1) - std::lgamma(k + 1) - std::lgamma(dd - k + 1);
    double description = 1 + std::log2(dd) + choose / std::log(2.0) + std::log2(std::max(r, 1.0)) + values;
    return cells_saved - naming - description;
  }
  void cover(const Pattern& p, double n) {
    for (const auto& [c, v] : p) cells[c][v] -= n, total[c] -= n;
  }
  // expand(R, {}) with the two-item look-ahead at the root.
  Pattern expand(const std::vector<size_t>& rows) const {
    Pattern best;
    double best_s = 0;
    auto consider = [&](const Pattern& q) {
      if (count(rows, q) < 2) return;
      double s = saving(q, rows);
      if (s > best_s + 1e-9) best = q, best_s = s;  // first maximum; tolerance for rounding order
    };
    for (size_t c = 0; c < d; ++c)
      for (const auto& v : dictionary[c]) consider({{c, v}});
    for (size_t c1 = 0; c1 < d; ++c1)
      for (const auto& v1 : dictionary[c1])
        for (size_t c2 = c1 + 1; c2 < d; ++c2)
          for (const auto& v2 : dictionary[c2]) consider({{c1, v1}, {c2, v2}});
    if (best.empty()) return best;
    for (;;) {
      Pattern next;
      double next_s = 0;
      for (size_t c = 0; c < d; ++c) {
        bool used = false;
        for (const auto& item : best) used = used || item.first == c;
        if (used) continue;
        for (const auto& v : dictionary[c]) {
          Pattern q = best;
          q.push_back({c, v});
          if (count(rows, q) < 2) continue;
          double s = saving(q, rows);
          if (s > next_s + 1e-9) next = q, next_s = s;
        }
      }
      if (next.empty() || !(next_s > best_s + 1e-9)) return best;
      best = next, best_s = next_s;
    }
  }
};

std::vector<std::pair<Pattern, double>> oracle_summary(const test::RawTable& table) {
  std::vector<size_t> all(table.rows.size());
  for (size_t r = 0; r < all.size(); ++r) all[r] = r;
  std::vector<Pattern> found;
  {
    Oracle o(table);
    std::vector<size_t> residue = all;
    while (!residue.empty()) {
      Pattern p = o.expand(residue);
      if (p.empty()) break;
      o.cover(p, o.count(residue, p));
      std::vector<size_t> left;
      for (size_t r : residue)
        if (!o.matches(r, p)) left.push_back(r);
      residue = left;
      found.push_back(p);
    }
  }
  Oracle o(table);
  std::vector<std::pair<Pattern, double>> out;
  std::vector<size_t> residue = all;
  while (!found.empty()) {
    size_t best = 0;
    for (size_t i = 1; i < found.size(); ++i)
      if (o.saving(found[i], residue) > o.saving(found[best], residue) + 1e-9) best = i;
    double s = o.saving(found[best], residue);
    Pattern p = found[best];
    found.erase(found.begin() + static_cast<long>(best));
    if (!(s > 0)) break;
    o.cover(p, o.count(residue, p));
    std::vector<size_t> left;
    for (size_t r : residue)
      if (!o.matches(r, p)) left.push_back(r);
    residue = left;
    out.push_back({p, s});
  }
  return out;
}

void agrees_with_literal_transcription(uint64_t seed, bool large_dictionary = false, bool null_heavy = false);

TEST(EntropyModel, GreedySearchAgreesWithALiteralTranscription) { agrees_with_literal_transcription(20261202); }

// The same without pair counts: two-item seeds counted by scanning the residue.
TEST(EntropyModel, GreedySearchWithoutPairCountsAgreesToo) {
  setenv("TSUM_PAIR_COUNT_BYTES", "0", 1);
  agrees_with_literal_transcription(977);
  unsetenv("TSUM_PAIR_COUNT_BYTES");
}

// The same with the pairs counted in grids (engine/pair_grid.h) of small blocks, beside
// the gather for the columns whose pairs are sparse.
TEST(EntropyModel, GreedySearchWithPairGridsAgreesToo) {
  setenv("TSUM_PAIR_COUNT_BYTES", "0", 1);
  setenv("TSUM_PAIR_GRID_BYTES", "64", 1);
  agrees_with_literal_transcription(983);
  agrees_with_literal_transcription(4111, true);
  unsetenv("TSUM_PAIR_GRID_BYTES");
  unsetenv("TSUM_PAIR_COUNT_BYTES");
}

// A first column of ~100 values over 150-300 rows: once the residue is small, selections
// of a few rows in a large dictionary (counted in a short list, count_few_codes).
TEST(EntropyModel, GreedySearchWithALargeDictionaryAgreesToo) { agrees_with_literal_transcription(4099, true); }

// The same with a third of that column NULL: a few rows' list often holds NULL twice or
// more, and NULL is never a pattern's value.
TEST(EntropyModel, GreedySearchWithALargeDictionaryOfNullsAgreesToo) {
  agrees_with_literal_transcription(5107, true, true);
}

// a = k and c = z hold 20 rows whose b is NULL, the only value b repeats among them; b's
// other 100 values make its dictionary far larger than the selection (count_few_codes).
// Adding "b = NULL" to {a = k, c = z} would keep the 20 rows and save their NULLs' bits: a
// candidate only the rule "NULL is no value" excludes, with and without pair counts.
TEST(EntropyModel, NullIsNoCandidateAmongAFewRowsOfALargeDictionary) {
  test::RawTable raw{{"a", "b", "c"}, {}, {}};
  for (int i = 0; i < 20; ++i) raw.rows.push_back({std::string("k"), std::nullopt, std::string("z")});
  for (int i = 0; i < 100; ++i) {
    raw.rows.push_back({fmt::format("f{}", i), fmt::format("w{}", i), fmt::format("g{}", i)});
  }
  const auto expected = oracle_summary(raw);
  ASSERT_FALSE(expected.empty());
  for (const char* count_bytes : {"", "0"}) {
    setenv("TSUM_PAIR_COUNT_BYTES", count_bytes, 1);
    const Summary s = run(test::to_table(raw), 1, false);
    ASSERT_EQ(s.patterns.size(), expected.size()) << "pair count bytes '" << count_bytes << "'";
    for (size_t i = 0; i < expected.size(); ++i) {
      Items items;
      for (const auto& [c, v] : expected[i].first) items.push_back({raw.names[c], v});
      EXPECT_EQ(s.patterns[i].items, items) << "rank " << i << ", pair count bytes '" << count_bytes << "'";
    }
  }
  unsetenv("TSUM_PAIR_COUNT_BYTES");
}

void agrees_with_literal_transcription(uint64_t seed, bool large_dictionary, bool null_heavy) {
  std::mt19937_64 rng(seed);
  size_t nonempty = 0;
  for (int trial = 0; trial < 300; ++trial) {
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    test::RawTable raw;
    size_t d = 2 + pick(3), rows = large_dictionary ? 200 + pick(200) : 20 + pick(80);
    for (size_t c = 0; c < d; ++c) raw.names.push_back(fmt::format("c{}", c));
    // Planted structure: a few row templates repeated, plus noise and NULLs.
    std::vector<std::vector<size_t>> templates(1 + pick(3), std::vector<size_t>(d));
    for (auto& tpl : templates)
      for (auto& v : tpl) v = pick(4);
    for (size_t r = 0; r < rows; ++r) {
      const auto& tpl = templates[pick(templates.size())];
      std::vector<test::Cell> row;
      for (size_t c = 0; c < d; ++c) {
        size_t v = pick(5) == 0 ? pick(4) : tpl[c];
        if (large_dictionary && c == 0 && pick(2) == 0) v = 4 + pick(150);  // else the template's
        if (pick(20) == 0 || (null_heavy && c == 0 && pick(3) == 0)) row.push_back(std::nullopt);
        else row.push_back(fmt::format("v{}", v));
      }
      raw.rows.push_back(row);
    }
    auto expected = oracle_summary(raw);
    Summary s = run(test::to_table(raw), 1 + trial % 2, trial % 3 != 0);
    ASSERT_EQ(s.patterns.size(), expected.size()) << "trial " << trial;
    nonempty += !expected.empty();
    for (size_t i = 0; i < expected.size(); ++i) {
      Items items;
      Pattern sorted = expected[i].first;
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [c, v] : sorted) items.push_back({raw.names[c], v});
      EXPECT_EQ(s.patterns[i].items, items) << "trial " << trial << " rank " << i;
      EXPECT_NEAR(s.patterns[i].saving, expected[i].second, 1e-6) << "trial " << trial << " rank " << i;
    }
  }
  EXPECT_GT(nonempty, 100u);  // the tables do have structure worth summarizing
}

// Residue::pair_bound stands for every pair {(c1, v1), (c2, v2)} over the values v2 and
// the counts up to the n_max it is given: at least each one's saving, in the states a
// search meets (patterns accepted, their cells covered, R shrinking), on tables of
// NULLs, skew and repeated rows.
TEST(EntropyModel, PairBoundIsAboveEverySavingItStandsFor) {
  std::mt19937_64 rng(8087);
  size_t compared = 0;
  for (int trial = 0; trial < 40; ++trial) {
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    test::RawTable raw;
    const size_t d = 2 + pick(3), rows = 20 + pick(150);
    for (size_t c = 0; c < d; ++c) raw.names.push_back(fmt::format("c{}", c));
    for (size_t r = 0; r < rows; ++r) {
      std::vector<test::Cell> row;
      for (size_t c = 0; c < d; ++c) {
        if (pick(12) == 0) row.push_back(std::nullopt);
        else row.push_back(fmt::format("v{}", std::min(pick(6), pick(6))));
      }
      raw.rows.push_back(row);
    }
    const Table t = test::to_table(raw);
    const WorkTable table(t, false);
    const CostModel model(CostModelKind::kEntropy, t);
    Residue residue(table, model);
    for (int step = 0; step < 4 && residue.rows() > 0; ++step) {
      for (size_t c1 = 0; c1 < d; ++c1) {
        for (size_t c2 = c1 + 1; c2 < d; ++c2) {
          std::map<std::pair<uint32_t, uint32_t>, uint64_t> pairs;  // N_R of each (v1, v2)
          for (uint64_t r = 0; r < table.rows(); ++r) {
            const uint32_t v1 = table.column(c1).code_at(r), v2 = table.column(c2).code_at(r);
            if (residue.alive(static_cast<RowId>(r)) && v1 != 0 && v2 != 0) pairs[{v1, v2}] += table.weight(r);
          }
          for (const auto& [values, n] : pairs) {
            if (n < 2) continue;
            const Item item{static_cast<uint32_t>(c1), values.first}, extra{static_cast<uint32_t>(c2), values.second};
            const CodedPattern first{{item}, model.bits(c1, values.first)};
            const double saving = residue.saving(first, &extra, n);
            for (uint64_t n_max : {n, n + 1 + pick(5)}) {
              EXPECT_LE(saving, residue.pair_bound(item, c2, n_max)) << "trial " << trial << " step " << step;
              ++compared;
            }
          }
        }
      }
      // Accept the pattern of one or two items of a random row of R, as a search would.
      std::vector<RowId> left;
      for (uint64_t r = 0; r < table.rows(); ++r)
        if (residue.alive(static_cast<RowId>(r))) left.push_back(static_cast<RowId>(r));
      const RowId row = left[pick(left.size())];
      CodedPattern p;
      for (size_t c = 0; c < d && p.items.size() < 1 + pick(2); ++c) {
        if (table.column(c).code_at(row) != 0) add_item(p, model, static_cast<uint32_t>(c), table.column(c).code_at(row));
      }
      if (p.items.empty()) continue;
      const std::vector<RowId> covered = residue.rows_matching(p.items);
      residue.accept(p, covered);
    }
  }
  EXPECT_GT(compared, 2000u);
}

// The bound is exact, but for its slack, on a pair whose values occur only together and
// whose second value is its column's most frequent: a bound set lower would pass over
// a pair that beats the seeds kept so far.
TEST(EntropyModel, PairBoundIsTightOnValuesThatOccurOnlyTogether) {
  test::RawTable raw{{"a", "b"}, {}, {}};
  for (int i = 0; i < 20; ++i) raw.rows.push_back({std::string("x"), std::string("y")});
  for (int i = 0; i < 12; ++i) raw.rows.push_back({fmt::format("p{}", i % 4), fmt::format("q{}", i % 3)});
  const Table t = test::to_table(raw);
  const WorkTable table(t, false);
  const CostModel model(CostModelKind::kEntropy, t);
  Residue residue(table, model);
  const Item x{0, 1}, y{1, 1};  // the first values met
  const CodedPattern first{{x}, model.bits(0, 1)};
  const double saving = residue.saving(first, &y, 20);
  const double bound = residue.pair_bound(x, 1, 20);
  EXPECT_GE(bound, saving);
  EXPECT_LT(bound - saving, 1e-3);
  EXPECT_GT(saving, 0);
  // More rows than x holds change nothing: the pair cannot cover more than x's 20.
  EXPECT_EQ(residue.pair_bound(x, 1, 1000), bound);
  // Fewer than two rows: no pair to stand for.
  EXPECT_EQ(residue.pair_bound(x, 1, 1), -std::numeric_limits<double>::infinity());
}

TEST(EntropyModel, SameJsonForAnyThreadCountAndRowCollapse) {
  Table t = test::to_table(test::patients(1000));
  Summary a = run(t, 1, true), b = run(t, 2, false);
  ASSERT_EQ(a.patterns.size(), b.patterns.size());
  ASSERT_FALSE(a.patterns.empty());
  for (size_t i = 0; i < a.patterns.size(); ++i) {
    EXPECT_EQ(a.patterns[i].items, b.patterns[i].items);
    EXPECT_EQ(a.patterns[i].saving, b.patterns[i].saving);  // bit for bit
  }
}

}  // namespace
}  // namespace tsum
