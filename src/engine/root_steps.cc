#include "engine/root_steps.h"

namespace tsum {

RootSteps::RootSteps(Residue& residue, const SearchOptions& search, WholeTableSeeds* whole)
    : residue_(residue), pairs_(residue.model().kind() == CostModelKind::kEntropy), whole_(whole) {
  if (!search.incremental()) return;
  if (pairs_) {
    if (LazyRootSeeds::usable(residue)) lazy_.emplace(residue);
  } else if (RootSeedHeap::usable(residue)) {
    heap_.emplace(residue);
  }
}

std::vector<Seed> RootSteps::best(size_t keep) {
  if (lazy_) return lazy_->best(keep);
  if (heap_) return heap_->best(keep);
  if (whole_ && residue_.untouched()) return whole_->best(residue_, keep);
  return root_seeds(residue_, pairs_, keep);
}

void RootSteps::accepted(const CodedPattern& p, std::span<const RowId> rows) {
  if (lazy_) lazy_->accepted(p, rows);
  if (heap_) heap_->accepted(rows);
}

}  // namespace tsum
