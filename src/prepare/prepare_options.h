// PrepareOptions: what preprocessing does, and the parsing of the options' text forms
// shared by the CLI and the Python package (--bins, --type, --keep-id-columns).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "prepare/column_bins.h"
#include "prepare/column_kind.h"
#include "tsum/summary.h"

namespace tsum {

struct PrepareOptions {
  // Preprocessing happens only under the paper model. Under tsum-dask and tsum-js the
  // table is summarized exactly as read, whatever the other options say.
  CostModelKind cost_model = CostModelKind::kPaper;
  BinSetting bins;                                   // every column (default: auto)
  std::map<std::string, BinSetting> column_bins;     // per column, overrides `bins`
  std::map<std::string, ColumnKind> column_types;    // per column, overrides inference
  bool keep_id_columns = false;                      // keep identifier-like columns
  unsigned threads = 0;                              // 0 = all hardware threads; never changes the result
  // Also describe numeric and temporal columns' distributions (Summary::column_numbers,
  // shown only by the HTML report): a parse and a sort of each such column's distinct
  // values, so the CLI asks for it only when it renders HTML.
  bool describe_numbers = true;
  // The columns the user left out before preprocessing (--exclude), named in the
  // summary's left-out columns after those preprocessing leaves out, so that reports
  // count them ("3 of 5 columns (id: identifier-like, note: excluded (--exclude))").
  // Whatever the cost model; never changes the patterns.
  std::vector<std::string> excluded_by_user;

  // True when any option differs from its default (the CLI notes that such options do
  // nothing under the compatibility models).
  bool customized() const;
};

// The non-empty items of a comma-separated list ("a,,b" -> a, b); also the CLI's
// --columns, --exclude and --null-values. An item may be quoted as a CSV field is, to
// hold commas: "a,b",c -> a,b and c ("" inside quotes is one "). An unterminated quote
// throws UsageError.
std::vector<std::string> split_commas(const std::string& text);

// "none", "auto" or a count N >= 2. Throws UsageError.
BinSetting parse_bin_setting(const std::string& text);

// One --bins argument: "none", "auto", "N", or "COLUMN=none|auto|N"; several may be
// given separated by commas ("auto,delay=5"). Throws UsageError.
void apply_bins_argument(const std::string& text, PrepareOptions& options);

// One --type argument: "COLUMN=string|integer|float|boolean|date|timestamp", or several
// separated by commas. Throws UsageError.
void apply_type_argument(const std::string& text, PrepareOptions& options);

}  // namespace tsum
