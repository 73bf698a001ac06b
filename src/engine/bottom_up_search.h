// The bottom-up search (`--search bottom-up`, docs/spec.md "Search strategies"): the
// TSum paper's second generation strategy. Local expansion starts from the empty pattern
// and specializes; bottom-up starts from the most specific patterns, the rows
// themselves, and generalizes them by merging.
//
// 1. Sample: the table's distinct rows, each with its count, in canonical order (by
//    codes, column by column); if there are more than kBottomUpSample, kBottomUpSample
//    of them drawn without replacement by a partial Fisher-Yates shuffle driven by
//    std::mt19937_64 seeded with kBottomUpSeed (j = i + draw mod (n - i)), kept in
//    canonical order. Independent of threads, row order and partitioning.
// 2. Pool: each sampled row as the pattern of its non-NULL cells (column order); equal
//    patterns are one entry with the summed weight.
// 3. Merge: the merge of two patterns is the pattern of their common (column, value)
//    pairs. Repeatedly take the pair of active entries (i < j, in pool order) whose
//    merge has the greatest saving on the sample (first strict maximum, in order of i
//    then j; merges matching fewer than 2 sample rows never count), if that saving is
//    > 0: the merge becomes a candidate and a new active entry, replacing the two (if it
//    equals an active entry, that entry stays and no new one is added).
//    Savings on the sample: the model's, with N and |R| the sample's weights (under
//    entropy, the column codes of the sample with nothing covered).
// 4. The candidates, in the order they were made, are marshalled on the whole table.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "engine/work_table.h"

namespace tsum {

constexpr size_t kBottomUpSample = 256;
constexpr uint64_t kBottomUpSeed = 20130408;

std::vector<CodedPattern> bottom_up_patterns(const WorkTable& table, const CostModel& model);

namespace bottom_up_detail {

// Step 1's sample: distinct rows (codes per column) in canonical order, the weight of
// each, and their total. Exposed for the tests.
struct Sample {
  std::vector<std::vector<uint32_t>> rows;
  std::vector<uint64_t> weights;
  uint64_t total = 0;
};
Sample draw_sample(const WorkTable& table);

}  // namespace bottom_up_detail

}  // namespace tsum
