// summarize(): the TSum engine's entry point. See shared spec tsum-semantics.md.
#pragma once

#include <cstddef>
#include <optional>

#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

struct SummarizeOptions {
  CostModelKind cost_model = CostModelKind::kPaper;
  unsigned threads = 0;          // 0 = all hardware threads; the answer never depends on it
  std::optional<size_t> limit;   // keep only the top `limit` patterns in the Summary
};

// Summarizes every column of `table` (select columns first with Table::select).
Summary summarize(const Table& table, const SummarizeOptions& options = {});

}  // namespace tsum
