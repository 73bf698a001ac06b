// Local expansion: the spec's pattern generation. Returns the patterns in discovery
// order.
//
// How it stays fast and exact:
// - The residue R is a flag per row; the rows of R holding a pattern's first value come
//   from inverted lists (PostingIndex), so no pattern rescans the residue.
// - Histograms of R ("root histograms") start as the columns' code counts and are
//   decremented by the rows each new pattern removes, never recounted; each column's
//   best value at the root comes from a tournament tree over its codes updated only for
//   the values whose counts changed (engine/root_candidates.h), not from a scan.
// - Expansion below the root scans only the rows of R matching the current prefix,
//   a selection vector that shrinks with every pair added; on a wide table, a sparse
//   selection is counted in every small-dictionary column at once, row by row
//   (engine/row_major_codes.h), and so are the rows leaving the root histograms.
// - Each candidate (c, v) is scored with CostModel::saving in table column order and
//   dictionary order, keeping the first strict maximum, exactly as the spec's loops.
// - When the root's pick is one of many values of a column held by the same number of
//   rows (tables of many small groups), the next picks are known: the column's other
//   values at that count, in dictionary order. They are expanded as one batch, side by
//   side on the caller's threads, and their rows leave the root histograms in one
//   removal (local_expansion.cc says why that is the spec's order).
#pragma once

#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {

// `progress`, when given, is told of every pattern found (report/progress.h);
// `counters`, when given, gets the candidate evaluations added to it.
std::vector<CodedPattern> local_expansion(const WorkTable& table, const CostModel& model,
                                          class ProgressMeter* progress = nullptr, const SearchOptions& options = {},
                                          SearchCounters* counters = nullptr);

}  // namespace tsum
