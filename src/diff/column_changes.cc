#include "diff/column_changes.h"

#include "prepare/type_inference.h"

namespace tsum {
namespace {

std::string type_name(const Column& column, CostModelKind model) {
  if (model == CostModelKind::kPaper) return column_kind_name(infer_column_kind(column).kind);
  return column.type() == ValueType::kNumeric ? "numeric" : "string";
}

}  // namespace

ColumnMatch match_columns(const Table& old_table, const Table& new_table, CostModelKind model) {
  ColumnMatch m;
  std::vector<ColumnChange> type_changes;
  for (size_t i = 0; i < old_table.num_columns(); ++i) {
    const Column& old_column = old_table.column(i);
    ptrdiff_t j = new_table.find_column(old_column.name());
    if (j < 0) {
      m.changes.push_back({old_column.name(), "removed", type_name(old_column, model), ""});
      continue;
    }
    m.common.push_back(old_column.name());
    const Column& new_column = new_table.column(static_cast<size_t>(j));
    if (old_column.non_null_count() == 0 || new_column.non_null_count() == 0) continue;
    std::string old_type = type_name(old_column, model), new_type = type_name(new_column, model);
    if (old_type != new_type) type_changes.push_back({old_column.name(), "type_changed", old_type, new_type});
  }
  for (size_t j = 0; j < new_table.num_columns(); ++j) {
    const Column& new_column = new_table.column(j);
    if (old_table.find_column(new_column.name()) < 0) {
      m.changes.push_back({new_column.name(), "added", "", type_name(new_column, model)});
    }
  }
  m.changes.insert(m.changes.end(), type_changes.begin(), type_changes.end());
  return m;
}

}  // namespace tsum
