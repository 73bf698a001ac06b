// The search strategies (docs/spec.md, "Search strategies") on tiny tables: against a
// brute-force search over every pattern list up to a size, beam against greedy, and
// determinism across thread counts and row collapsing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "support/raw_table.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

Summary run(const test::RawTable& raw, CostModelKind cost, SearchKind search, unsigned threads = 0,
            bool collapse = true) {
  SummarizeOptions o;
  o.cost_model = cost;
  o.search = search;
  o.threads = threads;
  o.collapse_duplicate_rows = collapse;
  return summarize(test::to_table(raw), o);
}

test::RawTable tiny_table(std::mt19937_64& rng, size_t max_rows) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  test::RawTable raw;
  size_t d = 2 + pick(2), rows = 6 + pick(max_rows - 5);
  for (size_t c = 0; c < d; ++c) raw.names.push_back(fmt::format("c{}", c));
  std::vector<std::vector<size_t>> templates(1 + pick(3), std::vector<size_t>(d));
  for (auto& tpl : templates)
    for (auto& v : tpl) v = pick(3);
  for (size_t r = 0; r < rows; ++r) {
    const auto& tpl = templates[pick(templates.size())];
    std::vector<test::Cell> row;
    for (size_t c = 0; c < d; ++c) {
      size_t v = pick(4) == 0 ? pick(3) : tpl[c];
      row.push_back(pick(15) == 0 ? test::Cell{} : test::Cell{fmt::format("{}", std::string(1 + v, 'a' + char(c)))});
    }
    raw.rows.push_back(row);
  }
  return raw;
}

// ---- Brute force under the paper model, written from the spec's definitions. ----
using Pattern = std::vector<std::pair<size_t, std::string>>;

struct Paper {
  const test::RawTable& t;
  std::vector<double> w;
  explicit Paper(const test::RawTable& table) : t(table) {
    for (size_t c = 0; c < t.names.size(); ++c) {
      double bytes = 0, n = 0;
      for (const auto& row : t.rows)
        if (row[c]) bytes += static_cast<double>(row[c]->size()), n += 1;
      w.push_back(n > 0 ? 8 * bytes / n : 0);
    }
  }
  bool matches(size_t r, const Pattern& p) const {
    for (const auto& [c, v] : p)
      if (!t.rows[r][c] || *t.rows[r][c] != v) return false;
    return true;
  }
  double saving(const Pattern& p, const std::vector<size_t>& rows) const {
    double n = 0, sum = 0;
    for (size_t r : rows) n += matches(r, p);
    for (const auto& item : p) sum += w[item.first];
    return (n - 1) * sum - (static_cast<double>(t.names.size()) + 2 * std::ceil(std::log2(n + 2)));
  }
  // The spec's marshalling of a pattern set: its total saving.
  double total(std::vector<Pattern> set) const {
    std::vector<size_t> residue(t.rows.size());
    for (size_t r = 0; r < residue.size(); ++r) residue[r] = r;
    double total = 0;
    while (!set.empty()) {
      size_t best = 0;
      for (size_t i = 1; i < set.size(); ++i)
        if (saving(set[i], residue) > saving(set[best], residue)) best = i;
      double s = saving(set[best], residue);
      Pattern p = set[best];
      set.erase(set.begin() + static_cast<long>(best));
      if (!(s > 0)) continue;
      total += s;
      std::vector<size_t> left;
      for (size_t r : residue)
        if (!matches(r, p)) left.push_back(r);
      residue = left;
    }
    return total;
  }
  // Every pattern that matches at least two rows.
  std::vector<Pattern> patterns() const {
    std::vector<Pattern> out;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      size_t d = t.names.size();
      for (uint32_t mask = 1; mask < (1u << d); ++mask) {
        Pattern p;
        bool ok = true;
        for (size_t c = 0; c < d; ++c)
          if (mask & (1u << c)) {
            if (!t.rows[r][c]) ok = false;
            else p.push_back({c, *t.rows[r][c]});
          }
        if (!ok || std::find(out.begin(), out.end(), p) != out.end()) continue;
        size_t n = 0;
        for (size_t q = 0; q < t.rows.size(); ++q) n += matches(q, p);
        if (n >= 2) out.push_back(p);
      }
    }
    return out;
  }
  // The best total over every list (set, in any order) of at most `size` patterns.
  double best_total(size_t size) const {
    std::vector<Pattern> all = patterns();
    double best = 0;
    std::vector<size_t> pick;
    auto recurse = [&](auto&& self, size_t from) -> void {
      if (!pick.empty()) {
        // Every order of the set: marshalling breaks ties between equal savings by list
        // order, so the same set can total differently in another order.
        std::vector<Pattern> set;
        for (size_t i : pick) set.push_back(all[i]);
        std::sort(set.begin(), set.end());
        do best = std::max(best, total(set));
        while (std::next_permutation(set.begin(), set.end()));
      }
      if (pick.size() == size) return;
      for (size_t i = from; i < all.size(); ++i) {
        pick.push_back(i);
        self(self, i + 1);
        pick.pop_back();
      }
    };
    recurse(recurse, 0);
    return best;
  }
};

double total_of(const Summary& s) { return s.total_saving; }

TEST(Search, NoSearchBeatsTheBruteForceOptimumOfItsSize) {
  std::mt19937_64 rng(7);
  double greedy_sum = 0, beam_sum = 0, bottom_up_sum = 0, optimum_sum = 0;
  int tables = 0;
  for (int trial = 0; trial < 60; ++trial) {
    test::RawTable raw = tiny_table(rng, 14);
    Paper paper(raw);
    double optimum = paper.best_total(2);
    for (SearchKind search : {SearchKind::kGreedy, SearchKind::kBeam, SearchKind::kBottomUp}) {
      Summary s = run(raw, CostModelKind::kPaper, search);
      if (s.total_patterns > 2) continue;  // the bound is for lists of at most two patterns
      EXPECT_LE(total_of(s), optimum + 1e-9) << "trial " << trial << " " << search_name(search);
      // The engine's own total agrees with the spec's marshalling of its list.
      std::vector<Pattern> list;
      for (const SummaryPattern& p : s.patterns) {
        Pattern q;
        for (const PatternItem& item : p.items) {
          size_t c = static_cast<size_t>(std::find(raw.names.begin(), raw.names.end(), item.column) - raw.names.begin());
          q.push_back({c, item.value});
        }
        list.push_back(q);
      }
      EXPECT_NEAR(paper.total(list), total_of(s), 1e-6) << "trial " << trial;
    }
    ++tables;
    optimum_sum += optimum;
    greedy_sum += std::min(optimum, run(raw, CostModelKind::kPaper, SearchKind::kGreedy).total_saving);
    beam_sum += std::min(optimum, run(raw, CostModelKind::kPaper, SearchKind::kBeam).total_saving);
    bottom_up_sum += std::min(optimum, run(raw, CostModelKind::kPaper, SearchKind::kBottomUp).total_saving);
  }
  // What each finds, relative to the optimum over lists of two (shown in the test log).
  RecordProperty("greedy_share", fmt::format("{:.3f}", greedy_sum / optimum_sum));
  RecordProperty("beam_share", fmt::format("{:.3f}", beam_sum / optimum_sum));
  RecordProperty("bottom_up_share", fmt::format("{:.3f}", bottom_up_sum / optimum_sum));
  std::printf("share of the 2-pattern optimum: greedy %.3f, beam %.3f, bottom-up %.3f\n", greedy_sum / optimum_sum,
              beam_sum / optimum_sum, bottom_up_sum / optimum_sum);
  EXPECT_GE(beam_sum, greedy_sum);
}

TEST(Search, BeamIsNeverWorseThanGreedy) {
  std::mt19937_64 rng(11);
  int better = 0;
  for (int trial = 0; trial < 80; ++trial) {
    test::RawTable raw = tiny_table(rng, 60);
    for (CostModelKind cost : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs,
                               CostModelKind::kEntropy}) {
      double greedy = run(raw, cost, SearchKind::kGreedy).total_saving;
      double beam = run(raw, cost, SearchKind::kBeam).total_saving;
      EXPECT_GE(beam, greedy) << "trial " << trial << " " << cost_model_name(cost);
      better += beam > greedy;
    }
  }
  EXPECT_GT(better, 0);  // the beam does find more, sometimes
}

TEST(Search, BeamOnAMillionRowsTakesTheSameStepsWithOrWithoutRowCollapse) {
  // A million rows is "large" for beam (docs/spec.md, "Search strategies") whether the
  // engine works on the rows or on the ten distinct rows they collapse to: the steps
  // depend on the table's rows, so both give the same list, never below greedy's.
  const test::RawTable raw = test::patients(100000);
  for (CostModelKind cost : {CostModelKind::kPaper, CostModelKind::kEntropy}) {
    const double greedy = run(raw, cost, SearchKind::kGreedy).total_saving;
    Summary collapsed = run(raw, cost, SearchKind::kBeam, 0, true);
    Summary rows = run(raw, cost, SearchKind::kBeam, 0, false);
    EXPECT_GE(collapsed.total_saving, greedy) << cost_model_name(cost);
    EXPECT_EQ(collapsed.total_saving, rows.total_saving) << cost_model_name(cost);
    ASSERT_EQ(collapsed.patterns.size(), rows.patterns.size()) << cost_model_name(cost);
    for (size_t i = 0; i < rows.patterns.size(); ++i) {
      EXPECT_EQ(collapsed.patterns[i].items, rows.patterns[i].items) << cost_model_name(cost) << " " << i;
      EXPECT_EQ(collapsed.patterns[i].saving, rows.patterns[i].saving) << cost_model_name(cost) << " " << i;
    }
  }
}

TEST(Search, GreedyIsTheSpecsLocalExpansion) {
  // --search greedy is the default path: the spec's worked example, bit for bit.
  Summary s = run(test::patients(), CostModelKind::kPaper, SearchKind::kGreedy);
  ASSERT_EQ(s.patterns.size(), 2u);
  EXPECT_DOUBLE_EQ(s.patterns[0].saving, 179.8);
  EXPECT_EQ(s.patterns[1].saving, 135.0);
  EXPECT_EQ(s.search, SearchKind::kGreedy);
}

TEST(Search, SameAnswerForAnyThreadCountAndRowCollapse) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 10; ++trial) {
    test::RawTable raw = tiny_table(rng, 400);
    for (SearchKind search : {SearchKind::kBeam, SearchKind::kBottomUp}) {
      for (CostModelKind cost : {CostModelKind::kPaper, CostModelKind::kEntropy}) {
        Summary a = run(raw, cost, search, 1, true), b = run(raw, cost, search, 2, false);
        ASSERT_EQ(a.patterns.size(), b.patterns.size()) << trial;
        for (size_t i = 0; i < a.patterns.size(); ++i) {
          EXPECT_EQ(a.patterns[i].items, b.patterns[i].items);
          EXPECT_EQ(a.patterns[i].saving, b.patterns[i].saving);
        }
      }
    }
  }
}

TEST(Search, BottomUpFindsThePatientsGroups) {
  Summary s = run(test::patients(100), CostModelKind::kPaper, SearchKind::kBottomUp);
  ASSERT_FALSE(s.patterns.empty());
  EXPECT_EQ(s.search, SearchKind::kBottomUp);
  EXPECT_GT(s.total_saving, 0);
}

TEST(Search, Names) {
  EXPECT_EQ(parse_search("bottom-up"), SearchKind::kBottomUp);
  EXPECT_STREQ(search_name(SearchKind::kBeam), "beam");
  EXPECT_THROW(parse_search("best"), std::exception);
}

}  // namespace
}  // namespace tsum
