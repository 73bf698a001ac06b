// Filling a marshalled list (the beam search's re-marshalling step; docs/spec.md,
// "Search strategies"): the rows no ranked pattern covers are searched greedily again.
//
// The residue starts as the whole table; the list's ranked patterns are accepted in rank
// order (their rows leave R and, under entropy, their cells leave the column codes),
// then the greedy search's loop (continue_greedy, engine/greedy_search.h) runs on what
// is left: seeds from engine/seed_expansion.h (two-item ones under entropy), each
// expanded by the spec's one-item extension. Refinement moves drop or change patterns and so leave rows that
// the patterns kept no longer cover; this finds patterns for them.
//
// greedy_after() is the same greedy continuation after one given first pattern: the
// beam search's other starting points.
#pragma once

#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "engine/refine.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {

class WholeTableSeeds;

// Patterns found on the rows `list`'s ranked patterns leave, in discovery order.
// `counters`, when given, gains the savings computed (both functions). `whole`, when
// given, serves the root step when nothing is ranked (engine/whole_table_seeds.h).
std::vector<CodedPattern> fill_patterns(const WorkTable& table, const CostModel& model, const RankedList& list,
                                       const SearchOptions& search = {}, SearchCounters* counters = nullptr,
                                       WholeTableSeeds* whole = nullptr);

// `first`, then the greedy search on the rows it leaves, in discovery order.
std::vector<CodedPattern> greedy_after(const WorkTable& table, const CostModel& model, const CodedPattern& first,
                                      const SearchOptions& search = {}, SearchCounters* counters = nullptr);

}  // namespace tsum
