#include "engine/greedy_search.h"

#include "engine/local_expansion.h"
#include "engine/residue.h"
#include "engine/seed_expansion.h"
#include "report/progress.h"

namespace tsum {

std::vector<CodedPattern> greedy_patterns(const WorkTable& table, const CostModel& model, ProgressMeter* progress,
                                          const SearchOptions& search, SearchCounters* counters) {
  if (model.kind() != CostModelKind::kEntropy) return local_expansion(table, model, progress, search, counters);
  std::vector<CodedPattern> found;
  Residue residue(table, model);
  while (residue.rows() > 0) {
    std::vector<Seed> seeds = root_seeds(residue, /*pairs=*/true, /*keep=*/1);
    if (seeds.empty()) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(seeds[0]), &rows);
    residue.accept(p.pattern, rows);
    found.push_back(std::move(p.pattern));
    if (progress) progress->search(found.size(), residue.weight());
  }
  return found;
}

}  // namespace tsum
