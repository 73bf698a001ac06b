// Preprocessing: turns a Table into the Table the engine summarizes, under the paper cost
// model (docs/binning.md):
//   1. each column gets a kind: inferred over its dictionary (type_inference.h) or forced
//      with PrepareOptions::column_types;
//   2. identifier-like columns are left out (identifier_columns.h) unless
//      keep_id_columns;
//   3. numeric and temporal columns are binned (column_bins.h) as PrepareOptions::bins
//      and column_bins say; a binned column is an ordinary categorical column whose values
//      are the bin labels, so the spec applies to it unchanged.
// Under tsum-dask and tsum-js nothing happens: the same Table comes back.
//
// Front ends call, in order:
//   Table table = read_tables(...).select(...);
//   PreparedTable prepared = prepare_table(table, prepare_options);
//   Summary summary = summarize(prepared.table, summarize_options);
//   describe_preparation(prepared, summary);   // bins and left-out columns for reports
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "prepare/column_bins.h"
#include "prepare/column_kind.h"
#include "prepare/time_text.h"
#include "prepare/prepare_options.h"
#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// What preprocessing made of one input column.
struct PreparedColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kString;  // inferred, or as forced
  bool forced = false;                    // kind given by PrepareOptions::column_types
  enum class Action { kKept, kBinned, kExcluded } action = Action::kKept;
};

struct PreparedTable {
  Table table;                              // what to summarize
  std::vector<PreparedColumn> columns;      // one per input column, input order (empty when nothing ran)
  std::vector<ColumnBins> binned;           // binned columns, table order
  std::vector<ExcludedColumn> excluded;     // left-out columns, table order, then the user's (--exclude)
  std::vector<ColumnNumbers> numbers;       // numeric and temporal kept columns, table order (reports)
};

// Throws UsageError for options naming columns the table does not have, and for a
// column-specific --bins on a column that is neither numeric nor temporal.
PreparedTable prepare_table(const Table& table, const PrepareOptions& options);

// The decision for one column, made from its dictionary and code counts only (never a
// pass over the rows), so a front end holding only a column's merged dictionary and
// counts (the Python package's Dask driver) decides exactly as prepare_table does.
struct ColumnPlan {
  PreparedColumn info;
  std::optional<BinPlan> bins;              // kBinned: which bin each code falls in
  std::optional<ExcludedColumn> excluded;   // kExcluded: why
  SlashOrder slash_order = SlashOrder::kMonthFirst;  // how dates with slashes are read
};
// Checks that every column the options name exists (UsageError as prepare_table).
void check_prepare_options(const Table& table, const PrepareOptions& options);
// Under paper only; throws UsageError as prepare_table for a column-specific --bins on
// a column that is neither numeric nor temporal.
ColumnPlan plan_column(const Column& column, const PrepareOptions& options);

// Appends options.excluded_by_user to `excluded` (each name once, in the order given),
// with the reason "excluded (--exclude)"; prepare_table and the Dask driver both call it.
void append_user_exclusions(const PrepareOptions& options, std::vector<ExcludedColumn>& excluded);

// Copies the bins, the left-out columns and the numeric distributions into the Summary,
// for the renderers.
void describe_preparation(const PreparedTable& prepared, Summary& summary);

}  // namespace tsum
