// The greedy search (`--search greedy`): the spec's local expansion.
//
// Under paper, tsum-dask and tsum-js it is engine/local_expansion.cc, unchanged and
// spec-exact. Under entropy no one-item pattern saves bits on the whole table (docs/
// spec.md, "Cost model `entropy`"), so expand(R, {}) would stop at once; the entropy
// model's greedy search therefore looks two items ahead at the root: the first step of
// every expansion picks the best one- or two-item pattern on R (engine/seed_expansion.h
// gives the order), and every later step is the spec's one-item extension.
#pragma once

#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {

class ProgressMeter;
class Residue;
class WholeTableSeeds;

// Patterns in discovery order (`search` and `counters`: engine/search_options.h).
// `whole`, when given, serves the root step on the whole table (engine/whole_table_seeds.h).
std::vector<CodedPattern> greedy_patterns(const WorkTable& table, const CostModel& model, ProgressMeter* progress,
                                          const SearchOptions& search = {}, SearchCounters* counters = nullptr,
                                          WholeTableSeeds* whole = nullptr);

// The seed-and-expand loop on whatever R `residue` holds (it may have accepted patterns
// already): the best seed (two-item ones too under entropy), expanded by the spec's
// one-item extension, its rows accepted, until no seed saves bits; appends to `found`.
// The entropy model's greedy search is this loop on the whole table; filling and the
// beam's other starting points run it after patterns of their own. Under entropy with
// search.incremental() the root step keeps its keys across steps when it can
// (engine/lazy_root_seeds.h): the same patterns. `counters`, when given, gains the
// savings computed (Residue::evaluations).
void continue_greedy(Residue& residue, std::vector<CodedPattern>& found, const SearchOptions& search,
                     ProgressMeter* progress = nullptr, SearchCounters* counters = nullptr,
                     WholeTableSeeds* whole = nullptr);

}  // namespace tsum
