// Deciding the bins of one numeric or temporal column from its dictionary: which bin each
// distinct value falls in, the bins' labels and edges (docs/binning.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prepare/column_kind.h"
#include "prepare/time_text.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

struct ParsedValues;  // prepare/parsed_values.h

// How many bins: none, chosen automatically, or at most a given count.
struct BinSetting {
  enum class Mode { kNone, kAuto, kCount };
  Mode mode = Mode::kAuto;
  unsigned count = 0;  // kCount: at most this many bins (>= 2)
  bool operator==(const BinSetting&) const = default;
};

struct BinPlan {
  std::vector<int32_t> bin_of;      // per code (index 0 unused): bin index, or kKeepValue
  std::vector<std::string> labels;  // one per bin, ascending
  std::vector<std::string> edges;   // labels.size() - 1 edges: bin i starts at edges[i - 1]
  bool numeric_edges = true;        // edges are numbers (else ISO dates / timestamps)
  std::string unit;                 // "range", or the calendar unit ("month", "5 years", ...)
  // The smallest and largest binned values as the input writes them: what the open
  // end bins ("< 50", "≥ 88", "1990–1999") reach down and up to.
  std::string lowest, highest;
};

// Values that are not numbers (missing markers, or anything under a forced type) are kept
// as they are. nullopt when the column is left as it is (too few distinct values, or
// binning would not group anything). `parsed`, when given, holds every code's value as
// type inference read it (parsed_values.h: numbers, or times in `order`), so the plans
// need not parse the column again; the plans are the same with or without it.
std::optional<BinPlan> plan_numeric_bins(const Column& column, bool integer, BinSetting setting,
                                         const ParsedValues* parsed = nullptr);
std::optional<BinPlan> plan_calendar_bins(const Column& column, SlashOrder order, BinSetting setting,
                                          const ParsedValues* parsed = nullptr);

// What a summary reports of the bins `plan` gives the column `name` of kind `kind`
// (tsum/summary.h): type, unit, edges, ends and labels; its rows are the relabelling's.
ColumnBins describe_bins(const BinPlan& plan, const std::string& name, ColumnKind kind);

}  // namespace tsum
