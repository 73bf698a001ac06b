// The search strategies (docs/spec.md, "Search strategies") behind one call: generate a
// pattern list with the chosen strategy, then marshal it under the chosen cost model.
// Shared by summarize() and the Dask driver's gathered-rows path.
#pragma once

#include <vector>

#include "engine/cost_model.h"
#include "engine/marshalling.h"
#include "engine/pattern.h"
#include "engine/search_options.h"
#include "engine/work_table.h"
#include "tsum/summarize.h"

namespace tsum {

class ProgressMeter;

struct SearchResult {
  std::vector<CodedPattern> found;    // discovery order
  std::vector<RankedPattern> ranked;  // rank order, indexes into found
  double expand_seconds = 0;
  double marshal_seconds = 0;
  // Savings evaluated by the greedy search and by marshalling without a scorer (the
  // other strategies and the entropy scorer do not count theirs yet).
  SearchCounters counters;
};

// `counts[c][code]`: rows of the whole table holding each code (the entropy model's
// starting cell counts); the table's own code counts when omitted. `beside`, when given,
// is called once on the final pattern list by the greedy and bottom-up searches, beside
// their ranking (marshal()); the beam search, whose list is final only when ranked, does
// not call it.
SearchResult search_and_rank(const WorkTable& table, const CostModel& model, const SummarizeOptions& options,
                             ProgressMeter* progress, const std::vector<std::vector<uint64_t>>* counts = nullptr,
                             const BesideRanking& beside = {});

// Marshals `found` under the model (EntropyMarshalScorer under entropy).
std::vector<RankedPattern> rank_patterns(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& found,
                                         const std::vector<std::vector<uint64_t>>& counts,
                                         const SearchOptions& search = {}, SearchCounters* counters = nullptr,
                                         const BesideRanking& beside = {});

}  // namespace tsum
