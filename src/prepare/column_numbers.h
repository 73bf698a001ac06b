// The distribution of a numeric or temporal column (ColumnNumbers, tsum/summary.h), from
// its dictionary and counts only: each distinct value is parsed once, never a row.
#pragma once

#include <optional>

#include "prepare/column_kind.h"
#include "prepare/time_text.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// nullopt for other kinds, and when no value parses as the kind says (numbers for
// integer and float, dates or timestamps read with `order` for date and timestamp).
std::optional<ColumnNumbers> column_numbers(const Column& column, ColumnKind kind, SlashOrder order);

}  // namespace tsum
