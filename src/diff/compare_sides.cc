#include "diff/compare_sides.h"

#include <algorithm>
#include <set>

#include "diff/contrast_search.h"
#include "diff/g_test.h"
#include "diff/pattern_counts.h"
#include "diff/pattern_space.h"
#include "diff/row_subset.h"
#include "diff/strata.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

struct Tested {
  CodePattern pattern;
  SideCounts counts;
  double g = 0;
  double log_p = 0;  // ln of the unadjusted p-value
};

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
  Table old_side = rows_where(table, side, 0), new_side = rows_where(table, side, 1);
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

  // Each significant candidate, by decreasing G, is tested within the strata of the
  // patterns reported before it (docs/diff.md, "Explained").
  std::vector<const Tested*> reported;
  Strata strata(counter);
  for (const Tested& t : tested) {
    const size_t length = t.pattern.items.size();
    if (!space.significant(t.log_p, length, options.alpha)) continue;
    ++diff.significant;
    if (!reported.empty()) {
      Strata::Test within = strata.test(t.pattern);
      if (within.df == 0 || !space.significant(chi2_log_survival(within.g, within.df), length, options.alpha)) {
        ++diff.explained;
        continue;
      }
    }
    reported.push_back(&t);
    strata.split(t.pattern);
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
