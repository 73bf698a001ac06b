// diff_tables and diff_by: the two ways to split rows into OLD and NEW. Both prepare one
// table holding every compared row (so types, bins and codes are shared by the sides)
// and hand each split to compare_sides.
#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <numeric>

#include "diff/column_changes.h"
#include "diff/compare_sides.h"
#include "prepare/prepare.h"
#include "report/format.h"
#include "table/arena_threads.h"
#include "table/concat.h"
#include "tsum/diff.h"
#include "tsum/error.h"

namespace tsum {
namespace {

PrepareOptions prepare_options(const DiffOptions& options) {
  PrepareOptions p = options.prepare;
  p.cost_model = options.cost_model;
  p.threads = options.threads;
  return p;
}

// `columns`/`exclude` applied where `table` has the names; a name neither table has is an
// error (Table::select's message). `keep` stays whatever they say.
Table select_columns(const Table& table, const Table& other, const DiffOptions& o, const std::string& keep = "") {
  std::vector<std::string> chosen, drop;
  for (const std::string& c : o.columns) {
    if (table.find_column(c) >= 0) chosen.push_back(c);
    else if (other.find_column(c) < 0) table.select({c}, {});  // throws with a did-you-mean
  }
  for (const std::string& c : o.exclude) {
    if (c == keep) continue;
    if (table.find_column(c) >= 0) drop.push_back(c);
    else if (other.find_column(c) < 0) table.select({}, {c});
  }
  if (!o.columns.empty() && !keep.empty() && table.find_column(keep) >= 0) chosen.push_back(keep);
  if (!o.columns.empty() && chosen.empty()) return Table({}, table.rows());
  return table.select(chosen, drop);
}

void describe(const PreparedTable& prepared, Diff& diff) {
  diff.binned_columns = prepared.binned;
  diff.excluded_columns = prepared.excluded;
}

}  // namespace

Diff diff_tables(const Table& old_input, const Table& new_input, const DiffOptions& options) {
  const Table old_table = select_columns(old_input, new_input, options);
  const Table new_table = select_columns(new_input, old_input, options);
  Diff diff;
  diff.old_name = options.old_name;
  diff.new_name = options.new_name;
  diff.cost_model = options.cost_model;
  // Everything below, the columns' types included, runs on --threads threads.
  tbb::task_arena arena(arena_threads(options.threads));
  ColumnMatch match;
  arena.execute([&] { match = match_columns(old_table, new_table, options.cost_model); });
  diff.column_changes = match.changes;
  if (match.common.empty()) {
    throw DataError(fmt::format("{} and {} have no column in common", options.old_name, options.new_name));
  }
  arena.execute([&] {
    Table both = concat_tables({old_table.select(match.common, {}), new_table.select(match.common, {})},
                               {options.old_name, options.new_name}, options.threads);
    PreparedTable prepared = prepare_table(both, prepare_options(options));
    describe(prepared, diff);
    std::vector<uint8_t> side(both.rows(), 1);
    std::fill(side.begin(), side.begin() + static_cast<ptrdiff_t>(old_table.rows()), uint8_t{0});
    compare_sides(prepared.table, side, options, diff);
  });
  return diff;
}

std::vector<Diff> diff_by(const Table& input, const std::string& column, const std::optional<std::string>& value,
                          const DiffOptions& options) {
  constexpr size_t kMaxGroups = 50;
  if (input.find_column(column) < 0) input.select({column}, {});  // throws UsageError with a did-you-mean
  const Table table = select_columns(input, input, options, column);
  const Column& by = table.column(static_cast<size_t>(table.find_column(column)));
  // Values by decreasing rows, ties in first-appearance (code) order.
  std::vector<uint32_t> codes(by.cardinality());
  std::iota(codes.begin(), codes.end(), 1u);
  std::stable_sort(codes.begin(), codes.end(), [&](uint32_t a, uint32_t b) { return by.code_counts()[a] > by.code_counts()[b]; });
  // Values no row holds (possible in an encoded categorical's dictionary) are no group.
  while (!codes.empty() && by.code_counts()[codes.back()] == 0) codes.pop_back();
  if (value) {
    auto it = std::find_if(codes.begin(), codes.end(), [&](uint32_t c) { return by.value(c) == *value; });
    if (it == codes.end()) {
      throw DataError(fmt::format("--by {}={}: no row has this value", column, display_value(*value)));
    }
  }
  if (codes.size() < 2) {
    throw DataError(codes.empty() ? fmt::format("--by {}: the column has no non-NULL value; nothing to contrast", column)
                                  : fmt::format("--by {}: the column has one value ('{}'); nothing to contrast it with",
                                                column, display_value(by.value(codes[0]))));
  }
  if (value) {
    codes = {*std::find_if(codes.begin(), codes.end(), [&](uint32_t c) { return by.value(c) == *value; })};
  } else if (codes.size() > kMaxGroups) {
    throw DataError(fmt::format("--by {}: {} distinct values (at most {} are contrasted one by one); use --by {}=VALUE",
                                column, with_thousands(codes.size()), kMaxGroups, column));
  }
  Table rest = table.select({}, {column});
  if (rest.num_columns() == 0) throw DataError(fmt::format("--by {}: no other column to compare", column));

  std::vector<Diff> diffs;
  tbb::task_arena arena(arena_threads(options.threads));
  arena.execute([&] {
    PreparedTable prepared = prepare_table(rest, prepare_options(options));
    std::vector<uint8_t> side(table.rows());
    for (uint32_t code : codes) {
      Diff diff;
      diff.cost_model = options.cost_model;
      diff.by_column = column;
      diff.by_value = std::string(by.value(code));
      diff.new_name = column + " = " + diff.by_value;
      diff.old_name = "the rest";
      describe(prepared, diff);
      by.visit_codes([&](const auto* c) {
        for (uint64_t r = 0; r < table.rows(); ++r) side[r] = c[r] == code ? 1 : 0;
      });
      compare_sides(prepared.table, side, options, diff);
      diffs.push_back(std::move(diff));
    }
  });
  return diffs;
}

}  // namespace tsum
