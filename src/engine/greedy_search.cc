#include "engine/greedy_search.h"

#include "engine/local_expansion.h"
#include "engine/residue.h"
#include "engine/root_steps.h"
#include "engine/seed_expansion.h"
#include "report/progress.h"

namespace tsum {

std::vector<CodedPattern> greedy_patterns(const WorkTable& table, const CostModel& model, ProgressMeter* progress,
                                          const SearchOptions& search, SearchCounters* counters,
                                          WholeTableSeeds* whole) {
  if (model.kind() != CostModelKind::kEntropy) return local_expansion(table, model, progress, search, counters);
  std::vector<CodedPattern> found;
  Residue residue(table, model);
  continue_greedy(residue, found, search, progress, counters, whole);
  return found;
}

void continue_greedy(Residue& residue, std::vector<CodedPattern>& found, const SearchOptions& search,
                     ProgressMeter* progress, SearchCounters* counters, WholeTableSeeds* whole) {
  const uint64_t evaluations_before = residue.evaluations();
  RootSteps root(residue, search, whole);  // the root step across steps when it fits; the same seed
  while (residue.rows() > 0) {
    std::vector<Seed> seeds = root.best(1);
    if (seeds.empty()) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(seeds[0]), &rows);
    residue.accept(p.pattern, rows);
    root.accepted(p.pattern, rows);
    found.push_back(std::move(p.pattern));
    if (progress) progress->search(found.size(), residue.weight());
  }
  if (counters) counters->expand_evaluations += residue.evaluations() - evaluations_before;
}

}  // namespace tsum
