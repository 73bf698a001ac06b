#include "engine/greedy_search.h"

#include "engine/lazy_root_seeds.h"
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
  continue_greedy(residue, found, search, progress, counters);
  return found;
}

void continue_greedy(Residue& residue, std::vector<CodedPattern>& found, const SearchOptions& search,
                     ProgressMeter* progress, SearchCounters* counters) {
  const uint64_t evaluations_before = residue.evaluations();
  const bool pairs = residue.model().kind() == CostModelKind::kEntropy;
  // The root step across steps when it fits (engine/lazy_root_seeds.h); the same seed.
  std::optional<LazyRootSeeds> lazy;
  if (pairs && search.incremental() && LazyRootSeeds::usable(residue)) lazy.emplace(residue);
  while (residue.rows() > 0) {
    std::optional<Seed> seed;
    if (lazy) {
      seed = lazy->best();
    } else if (std::vector<Seed> seeds = root_seeds(residue, pairs, /*keep=*/1); !seeds.empty()) {
      seed = std::move(seeds[0]);
    }
    if (!seed) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(*seed), &rows);
    residue.accept(p.pattern, rows);
    if (lazy) lazy->accepted(p.pattern, rows);
    found.push_back(std::move(p.pattern));
    if (progress) progress->search(found.size(), residue.weight());
  }
  if (counters) counters->expand_evaluations += residue.evaluations() - evaluations_before;
}

}  // namespace tsum
