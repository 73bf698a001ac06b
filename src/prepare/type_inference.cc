#include "prepare/type_inference.h"

#include <cctype>
#include <string>

#include "prepare/missing_marker.h"
#include "prepare/number_text.h"
#include "tsum/error.h"

namespace tsum {
namespace {

bool is_boolean_text(std::string_view v) {
  if (v.size() > 5) return false;
  std::string lower(v);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "true" || lower == "false" || lower == "yes" || lower == "no";
}

// Calls f(value) for each distinct non-NULL value that is not a missing marker, until f
// returns false; returns whether every call returned true, and counts the values seen.
template <class F>
bool all_values(const Column& column, size_t& seen, F&& f) {
  seen = 0;
  for (uint32_t code = 1; code <= column.cardinality(); ++code) {
    std::string_view v = column.value(code);
    if (is_missing_marker(v)) continue;
    ++seen;
    if (!f(v)) return false;
  }
  return true;
}

bool fits_kind(std::string_view v, ColumnKind kind, SlashOrder order) {
  switch (kind) {
    case ColumnKind::kString: return true;
    case ColumnKind::kInteger: {
      auto n = parse_number_text(v);
      return n && n->integer;
    }
    case ColumnKind::kFloat: return parse_number_text(v).has_value();
    case ColumnKind::kBoolean: return is_boolean_text(v);
    case ColumnKind::kDate:
    case ColumnKind::kTimestamp: return parse_time_text(v, order).has_value();
  }
  return true;
}

}  // namespace

void check_forced_kind(const Column& column, ColumnKind kind, SlashOrder order) {
  // Codes follow first appearance, so the lowest misfit code is the first in row order.
  uint32_t bad = 0;
  for (uint32_t code = 1; code <= column.cardinality() && bad == 0; ++code) {
    const std::string_view v = column.value(code);
    if (!is_missing_marker(v) && !fits_kind(v, kind, order)) bad = code;
  }
  if (bad == 0) return;
  uint64_t row = 0;
  column.visit_codes([&](const auto* codes) {
    while (row < column.rows() && codes[row] != bad) ++row;
  });
  const char* name = column_kind_name(kind);
  const bool vowel = kind == ColumnKind::kInteger;
  throw DataError("--type " + column.name() + "=" + name + ": row " + std::to_string(row + 1) + " of column '" +
                  column.name() + "' holds '" + std::string(column.value(bad)) + "', which is not " +
                  (vowel ? "an " : "a ") + name);
}

SlashOrder infer_slash_order(const Column& column) {
  size_t seen = 0;
  bool month_first = all_values(column, seen, [](std::string_view v) {
    return !is_slash_date(v) || parse_time_text(v, SlashOrder::kMonthFirst).has_value();
  });
  if (month_first) return SlashOrder::kMonthFirst;
  bool day_first = all_values(column, seen, [](std::string_view v) {
    return !is_slash_date(v) || parse_time_text(v, SlashOrder::kDayFirst).has_value();
  });
  return day_first ? SlashOrder::kDayFirst : SlashOrder::kMonthFirst;
}

InferredKind infer_column_kind(const Column& column) {
  InferredKind out;
  size_t seen = 0;
  if (all_values(column, seen, is_boolean_text)) {
    if (seen == 0) return out;  // nothing but NULLs and markers
    out.kind = ColumnKind::kBoolean;
    return out;
  }
  bool all_integer = true;
  if (all_values(column, seen, [&](std::string_view v) {
        auto n = parse_number_text(v);
        if (!n || n->zero_padded) return false;
        all_integer = all_integer && n->integer;
        return true;
      })) {
    out.kind = all_integer ? ColumnKind::kInteger : ColumnKind::kFloat;
    return out;
  }
  for (SlashOrder order : {SlashOrder::kMonthFirst, SlashOrder::kDayFirst}) {
    bool any_time = false, any_slash = false;
    if (all_values(column, seen, [&](std::string_view v) {
          auto t = parse_time_text(v, order);
          if (!t) return false;
          any_time = any_time || t->has_time;
          any_slash = any_slash || is_slash_date(v);
          return true;
        })) {
      out.kind = any_time ? ColumnKind::kTimestamp : ColumnKind::kDate;
      out.slash_order = order;
      return out;
    }
    // Day first only matters when some value has the a/b/YYYY form.
    if (order == SlashOrder::kMonthFirst) {
      bool slash = false;
      all_values(column, seen, [&](std::string_view v) {
        slash = is_slash_date(v);
        return !slash;
      });
      if (!slash) break;
    }
  }
  return out;
}

}  // namespace tsum
