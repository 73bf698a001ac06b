#include "engine/beam_search.h"

#include <algorithm>
#include <set>

#include "engine/residue.h"
#include "engine/root_steps.h"
#include "engine/seed_expansion.h"
#include "report/progress.h"

namespace tsum {
namespace {

std::vector<std::pair<uint32_t, uint32_t>> key_of(const CodedPattern& p) {
  std::vector<std::pair<uint32_t, uint32_t>> key;
  for (const Item& item : p.items) key.emplace_back(item.column, item.code);
  std::sort(key.begin(), key.end());
  return key;
}

Seed beam_expand(Residue& residue, size_t width, RootSteps& root) {
  std::vector<Seed> beam = root.best(width);
  if (beam.empty()) return Seed{};
  Seed best = beam[0];
  const size_t d = residue.table().num_columns();
  while (!beam.empty()) {
    std::vector<Seed> next;
    std::set<std::vector<std::pair<uint32_t, uint32_t>>> seen;
    for (const Seed& member : beam) {
      if (member.pattern.items.size() == d) continue;
      std::vector<RowId> rows = residue.rows_matching(member.pattern.items);
      std::vector<bool> used(d, false);
      for (const Item& item : member.pattern.items) used[item.column] = true;
      for (const Candidate& c : residue.extensions(member.pattern, &rows, used)) {
        if (!(c.saving > member.saving)) continue;
        Seed s = member;
        add_item(s.pattern, residue.model(), c.column, c.code);
        s.saving = c.saving;
        s.count = c.count;
        if (!seen.insert(key_of(s.pattern)).second) continue;
        next.push_back(std::move(s));
      }
    }
    // The K best, equal savings in generation order.
    std::stable_sort(next.begin(), next.end(), [](const Seed& a, const Seed& b) { return a.saving > b.saving; });
    if (next.size() > width) next.resize(width);
    if (!next.empty() && next[0].saving > best.saving) best = next[0];
    beam = std::move(next);
  }
  return best;
}

}  // namespace

std::vector<CodedPattern> beam_patterns(const WorkTable& table, const CostModel& model, size_t width,
                                        ProgressMeter* progress, const SearchOptions& search,
                                        SearchCounters* counters, WholeTableSeeds* whole) {
  std::vector<CodedPattern> found;
  Residue residue(table, model);
  RootSteps root(residue, search, whole);
  while (residue.rows() > 0) {
    Seed p = beam_expand(residue, std::max<size_t>(width, 1), root);
    if (p.pattern.items.empty()) break;
    std::vector<RowId> rows = residue.rows_matching(p.pattern.items);
    residue.accept(p.pattern, rows);
    root.accepted(p.pattern, rows);
    found.push_back(std::move(p.pattern));
    if (progress) progress->search(found.size(), residue.weight());
  }
  if (counters) counters->expand_evaluations += residue.evaluations();
  return found;
}

}  // namespace tsum
