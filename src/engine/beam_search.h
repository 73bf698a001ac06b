// The beam search (`--search beam`, docs/spec.md "Search strategies"): local expansion
// with a beam of width K, then a refinement of the marshalled list.
//
// Generation: while R is not empty, the K best seeds on R (engine/seed_expansion.h:
// one-item patterns, and two-item ones under entropy; under entropy with
// search.incremental() from keys kept across steps when they fit, engine/
// lazy_root_seeds.h, the same seeds) form the beam; each level
// replaces the beam by the K best one-item extensions of its members that save
// strictly more than the member they extend (equal savings: generation order; the same
// item set met twice counts once). The best pattern any level held (first strict
// maximum, levels in order) is the pattern found; its rows leave R.
// engine/search.cc then combines it with the greedy search's own list, other starting
// points, refinement (engine/refine.h) and filling (engine/fill.h), keeping a list only
// when its total saving is strictly greater: never below greedy's.
#pragma once

#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {

class ProgressMeter;
class WholeTableSeeds;

// Patterns found by the beam alone, in discovery order. `counters`, when given, gains the
// savings computed (Residue::evaluations). `whole`, when given, serves the root step on
// the whole table (engine/whole_table_seeds.h).
std::vector<CodedPattern> beam_patterns(const WorkTable& table, const CostModel& model, size_t width,
                                        ProgressMeter* progress, const SearchOptions& search = {},
                                        SearchCounters* counters = nullptr, WholeTableSeeds* whole = nullptr);

}  // namespace tsum
