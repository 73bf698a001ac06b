// Matching the columns of OLD and NEW by name: the common columns (OLD's order) and the
// added, removed and type-changed ones, which a diff reports first.
#pragma once

#include <string>
#include <vector>

#include "tsum/diff.h"
#include "tsum/table.h"

namespace tsum {

struct ColumnMatch {
  std::vector<std::string> common;     // in OLD's column order
  std::vector<ColumnChange> changes;   // removed (OLD order), added (NEW order), type_changed (OLD order)
};

// A column's type is what preprocessing infers under the paper model (integer, float,
// boolean, date, timestamp, string; a --type forces both sides alike), and the spec's
// numeric / string under the compatibility models. A column with no non-NULL value on a
// side has no type there and is never reported as type-changed.
ColumnMatch match_columns(const Table& old_table, const Table& new_table, CostModelKind model);

}  // namespace tsum
