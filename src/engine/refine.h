// Refinement of a marshalled pattern list (the beam search's last step; docs/spec.md,
// "Search strategies").
//
// Moves, tried on the top kRefineTop ranked patterns in rank order: drop one item of a
// pattern (items in pattern order); add to a pattern the value held by most of the
// table's rows that match it, in a column it lacks (first such column on ties); split a
// pattern (keep it and add its specializations by the kSplitValues most frequent values
// of one column it lacks, columns in order); replace
// two patterns P (ranked above) and Q by their common items (when that leaves at least
// one item and differs from both). Each move re-marshals the changed list (the patterns
// ranked, less the one(s) changed, plus the new one(s), in that order); the first move whose
// total saving is strictly greater is accepted, and the moves start over. At most
// kRefineBudget lists are marshalled, so the cost is bounded by that many marshallings.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/cost_model.h"
#include "engine/marshalling.h"
#include "engine/pattern.h"
#include "engine/pattern_row_cache.h"
#include "engine/work_table.h"

namespace tsum {

constexpr size_t kRefineTop = 8;
constexpr size_t kRefineBudget = 48;
constexpr size_t kSplitValues = 8;

struct RankedList {
  std::vector<CodedPattern> pool;     // the patterns marshalled
  std::vector<RankedPattern> ranked;  // indexes into pool
  double total = 0;                   // sum of the ranked savings, in rank order
};

// Marshals `pool` and totals it; with a cache, from the rows it holds (the same ranking).
// `counters`, when given, gains the marshalling's work (here and in refine()).
RankedList ranked_list(const WorkTable& table, const CostModel& model, std::vector<CodedPattern> pool,
                       const std::vector<std::vector<uint64_t>>& counts, PatternRowCache* cache = nullptr,
                       SearchCounters* counters = nullptr);

// At most `budget` lists are marshalled (kRefineBudget at most; the beam search lowers
// it on large tables, engine/search.cc).
RankedList refine(const WorkTable& table, const CostModel& model, RankedList list,
                  const std::vector<std::vector<uint64_t>>& counts, size_t budget = kRefineBudget,
                  PatternRowCache* cache = nullptr, SearchCounters* counters = nullptr);

}  // namespace tsum
