// RawTable: a table as plain strings, for tests. std::nullopt is NULL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum::test {

using Cell = std::optional<std::string>;

struct RawTable {
  std::vector<std::string> names;
  std::vector<std::vector<Cell>> rows;
  // Per column: whether values are typed as JSON numbers (true) or CSV text (false);
  // only CSV typing is used unless set.
  std::vector<bool> typed_numbers;
};

// Builds a Table through TableBuilder (CSV typing), split into chunks of `chunk_rows`.
Table to_table(const RawTable& raw, size_t chunk_rows = 0);

// The patients table of the spec's worked example, replicated k times.
RawTable patients(size_t k = 1);

}  // namespace tsum::test
