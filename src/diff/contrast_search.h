// Contrast search: local expansion, as TSum's (src/engine/local_expansion.h), but growing
// a pattern by the item that most increases its G statistic between OLD and NEW instead
// of its MDL saving. TSum's summaries of either side describe what is typical there and
// are often coarse (single values partitioning the table); the change may live in a
// combination neither summary lists, which this search finds. Its candidates, like the
// summaries', are tested against the whole pattern space (layered Bonferroni,
// docs/diff.md), so how they were found does not bias the test.
#pragma once

#include <vector>

#include "diff/pattern_counts.h"
#include "engine/work_table.h"
#include "tsum/table.h"

namespace tsum {

// OLD's and NEW's work tables (from tables sharing dictionaries, row_subset.h). Seeds are the `seeds` single items with
// the greatest G (ties: column, then code); each is grown greedily, one item at a time,
// while the best extension's G exceeds the current pattern's. Every pattern met on the
// way is returned (seeds included). Counting goes through the engine's kernels
// (engine/kernels.h) over each side's work table, distinct rows weighted when cheap.
// Deterministic; runs in the caller's TBB arena.
std::vector<CodePattern> contrast_search(const WorkTable& old_work, const WorkTable& new_work, size_t seeds);

}  // namespace tsum
