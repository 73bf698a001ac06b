// summarize(): the TSum engine's entry point. The contract it meets: docs/spec.md.
#pragma once

#include <cstddef>
#include <optional>

#include "tsum/progress.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// How the search finds its best candidates; every path gives the same answer, bit for bit
// (docs/engine.md, "Incremental structures"). For tests and benchmarks.
enum class SearchPath {
  kAdaptive,     // tournament trees updated where counts change; a column whose counts a
                 // pattern changed wholesale scans instead until its next small change
  kIncremental,  // the trees always, however many counts change, and marshalling's lazy counts
                 // giving way to decrements early (tests both on small tables)
  kPlain,        // every candidate and every unranked pattern rescored each time: the spec's loops
};

struct SummarizeOptions {
  CostModelKind cost_model = CostModelKind::kPaper;
  SearchKind search = SearchKind::kGreedy;  // docs/spec.md, "Search strategies"
  size_t beam = 3;                          // beam width (search == kBeam)
  unsigned threads = 0;          // 0 = all hardware threads; the answer never depends on it
  std::optional<size_t> limit;   // keep only the top `limit` patterns in the Summary; 0: all of them
  // Search distinct rows weighted by multiplicity when that is cheap (same answer;
  // false forces the row-by-row search, for tests and benchmarks).
  bool collapse_duplicate_rows = true;
  SearchPath search_path = SearchPath::kAdaptive;
  // Optional: search progress (patterns found, rows left; tsum/progress.h).
  ProgressCallback progress;
};

// Summarizes every column of `table` (select columns first with Table::select).
Summary summarize(const Table& table, const SummarizeOptions& options = {});

}  // namespace tsum
