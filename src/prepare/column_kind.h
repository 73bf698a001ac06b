// ColumnKind: what the values of a column are, as preprocessing sees them (docs/binning.md).
//
// This is richer than the spec's ValueType (string / numeric), which only the
// compatibility cost models use and which preprocessing never changes.
#pragma once

#include <string>
#include <string_view>

namespace tsum {

enum class ColumnKind { kString, kInteger, kFloat, kBoolean, kDate, kTimestamp };

// "string", "integer", "float", "boolean", "date", "timestamp".
const char* column_kind_name(ColumnKind kind);

// Parses one of the names above; throws UsageError listing them otherwise.
ColumnKind parse_column_kind(std::string_view name);

inline bool is_numeric_kind(ColumnKind k) { return k == ColumnKind::kInteger || k == ColumnKind::kFloat; }
inline bool is_temporal_kind(ColumnKind k) { return k == ColumnKind::kDate || k == ColumnKind::kTimestamp; }

}  // namespace tsum
