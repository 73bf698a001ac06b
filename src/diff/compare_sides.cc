#include "diff/compare_sides.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "diff/contrast_search.h"
#include "diff/g_test.h"
#include "diff/pattern_counts.h"
#include "diff/pattern_space.h"
#include "diff/row_subset.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

struct Tested {
  CodePattern pattern;
  SideCounts counts;
  double g = 0;
  double log_p = 0;  // ln of the unadjusted p-value
};

// x AND r as one pattern, or nullopt when they hold different values of a column (no
// row matches both).
std::optional<CodePattern> conjunction(const CodePattern& x, const CodePattern& r) {
  CodePattern both;
  std::merge(x.items.begin(), x.items.end(), r.items.begin(), r.items.end(), std::back_inserter(both.items));
  both.items.erase(std::unique(both.items.begin(), both.items.end()), both.items.end());
  for (size_t i = 1; i < both.items.size(); ++i) {
    if (both.items[i].first == both.items[i - 1].first) return std::nullopt;
  }
  return both;
}

// Whether `reported` explains the change of `x` (docs/diff.md, "Explained"): within the
// rows matching the reported pattern and within the other rows, x's share is the same
// in OLD and NEW: the stratified G-test (one G per stratum, summed; one degree of
// freedom per stratum where x's share is defined and not forced) is not significant at
// x's own corrected level. `both` counts the rows matching x and the reported pattern.
bool explains(const Tested& reported, const Tested& x, const SideCounts& both, uint64_t n_old, uint64_t n_new,
              const PatternSpace& space, double alpha) {
  auto stratum = [](uint64_t a, uint64_t n1, uint64_t b, uint64_t n2, double& g, int& df) {
    if (n1 == 0 || n2 == 0 || a + b == 0 || a + b == n1 + n2) return;  // x's share is forced here
    g += g_statistic(a, n1, b, n2);
    ++df;
  };
  double g = 0;
  int df = 0;
  const SideCounts& r = reported.counts;
  stratum(both.old_rows, r.old_rows, both.new_rows, r.new_rows, g, df);
  stratum(x.counts.old_rows - both.old_rows, n_old - r.old_rows, x.counts.new_rows - both.new_rows, n_new - r.new_rows, g, df);
  if (df == 0) return true;
  // Chi-squared survival: 1 degree of freedom erfc(sqrt(g/2)); 2 degrees exp(-g/2).
  const double log_p = df == 1 ? chi2_1_log_survival(g) : -g / 2.0;
  return !space.significant(log_p, x.pattern.items.size(), alpha);
}

void add_candidates(const Table& table, const std::vector<SummaryPattern>& patterns, std::set<CodePattern>& out) {
  for (const SummaryPattern& p : patterns) {
    CodePattern codes = to_codes(table, p.items);
    if (codes.items.empty()) continue;
    // Each item alone too: a change of one value is the most general explanation of a
    // change of the patterns holding it, and must be a candidate to be found.
    if (codes.items.size() > 1) {
      for (const auto& item : codes.items) out.insert(CodePattern{{item}});
    }
    out.insert(std::move(codes));
  }
}

// The summary of `table` under the options' cost model (no limit).
Summary mine(const Table& table, const DiffOptions& options) {
  SummarizeOptions s;
  s.cost_model = options.cost_model;
  s.threads = options.threads;
  if (table.rows() == 0 || table.num_columns() == 0) return Summary{};
  return summarize(table, s);
}

}  // namespace

void compare_sides(const Table& table, const std::vector<uint8_t>& side, const DiffOptions& options, Diff& diff) {
  diff.columns = table.column_names();
  diff.alpha = options.alpha;
  diff.old_rows = static_cast<uint64_t>(std::count(side.begin(), side.end(), uint8_t{0}));
  diff.new_rows = static_cast<uint64_t>(std::count(side.begin(), side.end(), uint8_t{1}));
  if (diff.old_rows == 0 || diff.new_rows == 0) {
    diff.note = (diff.old_rows == 0 ? diff.old_name : diff.new_name) + " has no rows: no pattern can be compared";
    return;
  }
  if (table.num_columns() == 0) {
    diff.note = "no column is left to compare after preprocessing";
    return;
  }

  // Candidates: the patterns of each side's summary and those of the contrast search.
  std::set<CodePattern> candidate_set;
  Table old_side = rows_where(table, side, 0, options.threads), new_side = rows_where(table, side, 1, options.threads);
  add_candidates(table, mine(old_side, options).patterns, candidate_set);
  add_candidates(table, mine(new_side, options).patterns, candidate_set);
  SideCounter counter(old_side, new_side);
  for (CodePattern& p : contrast_search(counter.old_work(), counter.new_work(), options.search_seeds)) {
    candidate_set.insert(std::move(p));
  }
  std::vector<CodePattern> candidates(candidate_set.begin(), candidate_set.end());
  std::vector<SideCounts> counts;
  for (const CodePattern& p : candidates) counts.push_back(counter.count(p));

  std::vector<Tested> tested(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    tested[i].pattern = std::move(candidates[i]);
    tested[i].counts = counts[i];
    tested[i].g = g_statistic(counts[i].old_rows, diff.old_rows, counts[i].new_rows, diff.new_rows);
    tested[i].log_p = chi2_1_log_survival(tested[i].g);
  }
  // Decreasing G; on ties the more general pattern first (fewer items: the simpler
  // explanation), then the candidates' code order (a total order: deterministic).
  std::stable_sort(tested.begin(), tested.end(), [](const Tested& x, const Tested& y) {
    if (x.g != y.g) return x.g > y.g;
    return x.pattern.items.size() < y.pattern.items.size();
  });
  diff.candidates = tested.size();
  const PatternSpace space(table);

  std::vector<const Tested*> reported;
  for (const Tested& t : tested) {
    if (!space.significant(t.log_p, t.pattern.items.size(), options.alpha)) continue;
    ++diff.significant;
    bool explained = false;
    for (size_t k = 0; k < reported.size() && !explained; ++k) {
      std::optional<CodePattern> conj = conjunction(t.pattern, reported[k]->pattern);
      SideCounts both = conj ? counter.count(*conj) : SideCounts{};
      explained = explains(*reported[k], t, both, diff.old_rows, diff.new_rows, space, options.alpha);
    }
    if (explained) {
      ++diff.explained;
      continue;
    }
    reported.push_back(&t);
  }
  diff.total_patterns = reported.size();
  if (options.limit && reported.size() > *options.limit) reported.resize(*options.limit);
  for (const Tested* t : reported) {
    DiffPattern p;
    for (const auto& [column, code] : t->pattern.items) {
      p.items.push_back({table.column(column).name(), std::string(table.column(column).value(code))});
    }
    p.old_rows = t->counts.old_rows;
    p.new_rows = t->counts.new_rows;
    p.old_share = 100.0 * static_cast<double>(p.old_rows) / static_cast<double>(diff.old_rows);
    p.new_share = 100.0 * static_cast<double>(p.new_rows) / static_cast<double>(diff.new_rows);
    p.change = p.new_share - p.old_share;
    p.g = t->g;
    p.p_value = space.adjusted(t->log_p, t->pattern.items.size());
    p.status = p.old_rows == 0 ? "new" : p.new_rows == 0 ? "gone" : p.change > 0 ? "up" : "down";
    diff.patterns.push_back(std::move(p));
  }
}

}  // namespace tsum
