#include "engine/whole_table_seeds.h"

#include <algorithm>
#include <stdexcept>

namespace tsum {

std::vector<Seed> WholeTableSeeds::best(Residue& residue, size_t keep) {
  if (!residue.untouched()) throw std::logic_error("WholeTableSeeds: the residue has accepted a pattern");
  const bool pairs = residue.model().kind() == CostModelKind::kEntropy;
  if (keep == 0 || keep > most_) return root_seeds(residue, pairs, keep);
  if (!seeds_) seeds_ = root_seeds(residue, pairs, most_);
  return {seeds_->begin(), seeds_->begin() + static_cast<std::ptrdiff_t>(std::min(keep, seeds_->size()))};
}

}  // namespace tsum
