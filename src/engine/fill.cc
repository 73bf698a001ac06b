#include "engine/fill.h"

#include "engine/residue.h"
#include "engine/seed_expansion.h"

namespace tsum {
namespace {

// The greedy search's loop on whatever R is left.
void continue_greedy(Residue& residue, std::vector<CodedPattern>& found) {
  const bool pairs = residue.model().kind() == CostModelKind::kEntropy;
  while (residue.rows() > 0) {
    std::vector<Seed> seeds = root_seeds(residue, pairs, /*keep=*/1);
    if (seeds.empty()) break;
    std::vector<RowId> rows;
    Seed p = expand_seed(residue, std::move(seeds[0]), &rows);
    residue.accept(p.pattern, rows);
    found.push_back(std::move(p.pattern));
  }
}

}  // namespace

std::vector<CodedPattern> fill_patterns(const WorkTable& table, const CostModel& model, const RankedList& list) {
  Residue residue(table, model);
  for (const RankedPattern& r : list.ranked) {
    const CodedPattern& p = list.pool[r.index];
    residue.accept(p, residue.rows_matching(p.items));
  }
  std::vector<CodedPattern> found;
  continue_greedy(residue, found);
  return found;
}

std::vector<CodedPattern> greedy_after(const WorkTable& table, const CostModel& model, const CodedPattern& first) {
  Residue residue(table, model);
  std::vector<CodedPattern> found{first};
  residue.accept(first, residue.rows_matching(first.items));
  continue_greedy(residue, found);
  return found;
}

}  // namespace tsum
