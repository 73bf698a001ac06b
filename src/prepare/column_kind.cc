#include "prepare/column_kind.h"

#include "tsum/error.h"

namespace tsum {

const char* column_kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kInteger: return "integer";
    case ColumnKind::kFloat: return "float";
    case ColumnKind::kBoolean: return "boolean";
    case ColumnKind::kDate: return "date";
    case ColumnKind::kTimestamp: return "timestamp";
    default: return "string";
  }
}

ColumnKind parse_column_kind(std::string_view name) {
  for (ColumnKind k : {ColumnKind::kString, ColumnKind::kInteger, ColumnKind::kFloat, ColumnKind::kBoolean,
                       ColumnKind::kDate, ColumnKind::kTimestamp}) {
    if (name == column_kind_name(k)) return k;
  }
  throw UsageError("unknown type '" + std::string(name) +
                   "' (expected string, integer, float, boolean, date or timestamp)");
}

}  // namespace tsum
