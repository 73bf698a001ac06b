// Identifier-like columns: keys, UUIDs, names and free text, where nearly every value is
// distinct. Such a column can take part in no pattern (a value held by one row saves
// nothing) and only adds cost, so under the paper model it is left out unless the user
// keeps it (--keep-id-columns). The rule (docs/binning.md), for a column with at least
// kIdentifierMinRows non-NULL cells:
//   string or boolean column: distinct values >= kIdentifierDistinctShare x non-NULL cells;
//   integer column: every value distinct and max - min + 1 <= 2 x distinct values (a key
//     or row number: nearly consecutive integers).
// Numbers and times with many distinct values are binned instead.
#pragma once

#include <optional>
#include <string>

#include "prepare/column_kind.h"
#include "tsum/table.h"

namespace tsum {

// Why the column is identifier-like ("identifier-like: 3,176 distinct values in 3,200
// non-NULL rows (99.3 %)"), or nullopt.
std::optional<std::string> identifier_reason(const Column& column, ColumnKind kind);

}  // namespace tsum
