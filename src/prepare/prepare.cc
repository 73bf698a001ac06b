#include "prepare/prepare.h"

#include <algorithm>

#include <tbb/task_arena.h>

#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "prepare/column_bins.h"
#include "prepare/column_numbers.h"
#include "prepare/identifier_columns.h"
#include "prepare/relabel_column.h"
#include "prepare/type_inference.h"
#include "table/arena_threads.h"
#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum {
namespace {

void check_column(const Table& table, const std::string& name, const std::string& option) {
  if (table.find_column(name) >= 0) return;
  try {
    table.select({name}, {});  // throws the usual "unknown column ... (did you mean ...)"
  } catch (const UsageError& e) {
    throw UsageError(option + ": " + e.what());
  }
  throw UsageError(option + ": unknown column '" + name + "'");
}

}  // namespace

void check_prepare_options(const Table& table, const PrepareOptions& options) {
  if (!prepares_columns(options.cost_model)) return;
  for (const auto& [name, setting] : options.column_bins) check_column(table, name, "--bins " + name);
  for (const auto& [name, kind] : options.column_types) check_column(table, name, "--type " + name);
}

ColumnPlan plan_column(const Column& column, const PrepareOptions& options) {
  ColumnPlan result;
  PreparedColumn& info = result.info;
  info.name = column.name();
  auto own_bins = options.column_bins.find(info.name);
  bool explicit_bins = own_bins != options.column_bins.end();
  BinSetting setting = explicit_bins ? own_bins->second : options.bins;
  InferredKind kind;
  // Typing's numbers or instants, for the plans: not kept under a forced type, nor when
  // the column is not binned (--bins none), where no plan would read them.
  ParsedValues parsed;
  if (auto forced = options.column_types.find(info.name); forced != options.column_types.end()) {
    kind.kind = forced->second;
    if (is_temporal_kind(kind.kind)) kind.slash_order = infer_slash_order(column);
    check_forced_kind(column, kind.kind, kind.slash_order);
    info.forced = true;
  } else {
    kind = infer_column_kind(column, setting.mode == BinSetting::Mode::kNone ? nullptr : &parsed);
  }
  info.kind = kind.kind;
  result.slash_order = kind.slash_order;

  // Identifier-like columns are left out, unless kept or binned on request.
  if (!options.keep_id_columns && !(explicit_bins && setting.mode != BinSetting::Mode::kNone)) {
    if (auto reason = identifier_reason(column, kind.kind)) {
      info.action = PreparedColumn::Action::kExcluded;
      result.excluded = ExcludedColumn{info.name, *reason};
      return result;
    }
  }

  if (is_numeric_kind(kind.kind)) {
    result.bins = plan_numeric_bins(column, kind.kind == ColumnKind::kInteger, setting, &parsed);
  } else if (is_temporal_kind(kind.kind)) {
    result.bins = plan_calendar_bins(column, kind.slash_order, setting, &parsed);
  } else if (explicit_bins && setting.mode != BinSetting::Mode::kNone) {
    throw UsageError("--bins " + info.name + ": column '" + info.name + "' holds " + column_kind_name(kind.kind) +
                     " values; only numbers, dates and timestamps are binned (--type " + info.name +
                     "=float reads it as numbers)");
  }
  if (result.bins) info.action = PreparedColumn::Action::kBinned;
  return result;
}

PreparedTable prepare_table(const Table& table, const PrepareOptions& options) {
  PreparedTable out;
  out.table = table;
  if (!prepares_columns(options.cost_model)) {
    append_user_exclusions(options, out.excluded);
    return out;
  }
  check_prepare_options(table, options);

  // Columns are prepared independently (in parallel), each from its own dictionary; the
  // results, and the first error in column order, do not depend on the threads.
  struct Result {
    PreparedColumn info;
    std::shared_ptr<const Column> column;  // what to summarize (nullptr: left out)
    std::optional<ColumnBins> bins;
    std::optional<ExcludedColumn> excluded;
    std::optional<ColumnNumbers> numbers;
    std::exception_ptr error;
  };
  std::vector<Result> results(table.num_columns());
  auto prepare_column = [&](size_t i) {
    Result& result = results[i];
    const Column& column = table.column(i);
    ColumnPlan plan = plan_column(column, options);
    result.info = std::move(plan.info);
    if (plan.excluded) {
      result.excluded = std::move(plan.excluded);
      return;
    }
    if (options.describe_numbers) result.numbers = column_numbers(column, result.info.kind, plan.slash_order);
    if (!plan.bins) {
      result.column = table.column_ptr(i);
      return;
    }
    const BinPlan& p = *plan.bins;
    ColumnBins bins = describe_bins(p, result.info.name, result.info.kind);
    result.column = relabel_column(column, p.bin_of, p.labels, &bins.rows);
    result.bins = std::move(bins);
  };
  tbb::task_arena arena(arena_threads(options.threads));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, table.num_columns(), [&](size_t i) {
      try {
        prepare_column(i);
      } catch (...) {
        results[i].error = std::current_exception();
      }
    });
  });

  std::vector<std::shared_ptr<const Column>> columns;
  for (Result& r : results) {
    if (r.error) std::rethrow_exception(r.error);
    if (r.column) columns.push_back(std::move(r.column));
    if (r.bins) out.binned.push_back(std::move(*r.bins));
    if (r.excluded) out.excluded.push_back(std::move(*r.excluded));
    if (r.numbers) out.numbers.push_back(std::move(*r.numbers));
    out.columns.push_back(std::move(r.info));
  }
  out.table = Table(std::move(columns), table.rows());
  append_user_exclusions(options, out.excluded);
  return out;
}

void append_user_exclusions(const PrepareOptions& options, std::vector<ExcludedColumn>& excluded) {
  for (size_t i = 0; i < options.excluded_by_user.size(); ++i) {
    const std::string& name = options.excluded_by_user[i];
    const auto first = options.excluded_by_user.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(options.excluded_by_user.begin(), first, name) != first) continue;
    excluded.push_back(ExcludedColumn{name, std::string(kExcludedByUser)});
  }
}

void describe_preparation(const PreparedTable& prepared, Summary& summary) {
  summary.binned_columns = prepared.binned;
  summary.excluded_columns = prepared.excluded;
  summary.column_numbers = prepared.numbers;
  // One vocabulary for types in every report: where preparation typed the columns, the
  // column summaries say the same type (integer, date, ...) as the bins and the text, not
  // the spec's numeric/string.
  // By name through a map: a pairwise scan was quadratic in the width (100 s at 10^5
  // columns).
  std::unordered_map<std::string_view, const PreparedColumn*> by_name;
  by_name.reserve(prepared.columns.size());
  for (const PreparedColumn& p : prepared.columns) by_name.emplace(p.name, &p);
  for (ColumnSummary& c : summary.column_summaries) {
    auto it = by_name.find(c.name);
    if (it != by_name.end()) c.type = column_kind_name(it->second->kind);
  }
}

}  // namespace tsum
