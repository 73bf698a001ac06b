// A literal, slow transcription of the spec (docs/spec.md) over plain strings:
// the oracle the engine is checked against. Shares no code with the engine.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/raw_table.h"
#include "tsum/summary.h"

namespace tsum::test {

struct BrutePattern {
  std::vector<std::pair<size_t, std::string>> items;  // (column index, value), expansion order
  double saving = 0;
  uint64_t rows = 0;
  double coverage = 0;
};

std::vector<BrutePattern> brute_force_summary(const RawTable& table, CostModelKind model);

}  // namespace tsum::test
