// Type inference: the ColumnKind of a column, decided over its dictionary (each distinct
// value once), never per row. The rule (docs/binning.md):
//
//   Ignore NULLs and missing-value markers (prepare/missing_marker.h). With no value left
//   the column is a string column. Otherwise the first kind below that every remaining
//   distinct value fits:
//     boolean    true/false/yes/no, any letter case
//     integer    the spec's number syntax, digits only, not zero-padded
//     float      the spec's number syntax, not zero-padded ("007" and "02134" are codes)
//     date       a date form of prepare/time_text.h, no time of day
//     timestamp  a date or timestamp form, at least one with a time of day
//     string     anything else
//   M/D/YYYY versus D/M/YYYY: month first unless some value only reads day first.
//
// JSON numbers have their literal text and JSON true/false the text true/false, so the
// same rule gives JSON columns their types as read.
#pragma once

#include "prepare/column_kind.h"
#include "prepare/parsed_values.h"
#include "prepare/time_text.h"
#include "tsum/table.h"

namespace tsum {

struct InferredKind {
  ColumnKind kind = ColumnKind::kString;
  SlashOrder slash_order = SlashOrder::kMonthFirst;  // for date/timestamp columns
};

// With `parsed`, also leaves there the values as the answered kind reads them
// (parsed_values.h): numbers for integer and float, times for date and timestamp.
InferredKind infer_column_kind(const Column& column, ParsedValues* parsed = nullptr);

// The slash order that reads every temporal value of the column (month first when both
// or neither do); used when a column is forced to date or timestamp.
SlashOrder infer_slash_order(const Column& column);

// --type COLUMN=KIND: throws DataError naming the first value (in row order) that does
// not read as KIND, its row (data rows from 1) and the column:
//   --type age=integer: row 3 of column 'age' holds 'adult', which is not an integer
// NULL cells and missing markers (missing_marker.h) are allowed in any column.
void check_forced_kind(const Column& column, ColumnKind kind, SlashOrder order);

}  // namespace tsum
