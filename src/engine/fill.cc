#include "engine/fill.h"

#include "engine/greedy_search.h"
#include "engine/residue.h"

namespace tsum {

std::vector<CodedPattern> fill_patterns(const WorkTable& table, const CostModel& model, const RankedList& list,
                                       const SearchOptions& search, SearchCounters* counters,
                                       WholeTableSeeds* whole) {
  Residue residue(table, model);
  for (const RankedPattern& r : list.ranked) {
    const CodedPattern& p = list.pool[r.index];
    residue.accept(p, residue.rows_matching(p.items));
  }
  std::vector<CodedPattern> found;
  continue_greedy(residue, found, search, nullptr, counters, whole);
  return found;
}

std::vector<CodedPattern> greedy_after(const WorkTable& table, const CostModel& model, const CodedPattern& first,
                                      const SearchOptions& search, SearchCounters* counters) {
  Residue residue(table, model);
  std::vector<CodedPattern> found{first};
  residue.accept(first, residue.rows_matching(first.items));
  continue_greedy(residue, found, search, nullptr, counters);
  return found;
}

}  // namespace tsum
