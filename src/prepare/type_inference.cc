#include "prepare/type_inference.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "prepare/code_blocks.h"
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

// What a check noted about the values it accepted: how many it saw, and whether some
// value had the property the check looks for (a fraction, a time of day).
struct Notes {
  size_t seen = 0;
  bool any = false;
};

// Calls f(value, notes) for each distinct non-NULL value that is not a missing marker,
// until f returns false; returns whether every call returned true, and in `notes` what
// the calls noted. A column of many distinct values (raw timestamps, measurements) is
// checked block by block on the caller's arena, each block stopping at its first misfit
// and every block once one has met one: the answer is the serial loop's, and so are the
// notes whenever the answer is true (the only time callers read them). With `marker`,
// f is called as f(code, value, notes) and marker(code) for each missing marker: when the
// answer is true, every code 1..cardinality has had one of the two calls.
template <class F, class Marker>
bool all_values(const Column& column, Notes& notes, F&& f, Marker&& marker) {
  const uint32_t cardinality = column.cardinality();
  std::vector<Notes> block_notes(code_blocks(cardinality));
  std::atomic<bool> failed{false};
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    Notes n;  // stored at the end: neighbouring blocks' notes share a cache line
    for (uint32_t code = first; code <= last; ++code) {
      if (failed.load(std::memory_order_relaxed)) break;
      std::string_view v = column.value(code);
      if (is_missing_marker(v)) {
        marker(code);
        continue;
      }
      ++n.seen;
      if (!f(code, v, n)) {
        failed.store(true, std::memory_order_relaxed);
        break;
      }
    }
    block_notes[b] = n;
  });
  notes = Notes{};
  for (const Notes& n : block_notes) {
    notes.seen += n.seen;
    notes.any = notes.any || n.any;
  }
  return !failed.load();
}

template <class F>
bool all_values(const Column& column, Notes& notes, F&& f) {
  return all_values(
      column, notes, [&](uint32_t, std::string_view v, Notes& n) { return f(v, n); }, [](uint32_t) {});
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
  Notes notes;
  bool month_first = all_values(column, notes, [](std::string_view v, Notes&) {
    return !is_slash_date(v) || parse_time_text(v, SlashOrder::kMonthFirst).has_value();
  });
  if (month_first) return SlashOrder::kMonthFirst;
  bool day_first = all_values(column, notes, [](std::string_view v, Notes&) {
    return !is_slash_date(v) || parse_time_text(v, SlashOrder::kDayFirst).has_value();
  });
  return day_first ? SlashOrder::kDayFirst : SlashOrder::kMonthFirst;
}

InferredKind infer_column_kind(const Column& column, ParsedValues* parsed) {
  InferredKind out;
  Notes notes;
  if (all_values(column, notes, [](std::string_view v, Notes&) { return is_boolean_text(v); })) {
    if (notes.seen == 0) return out;  // nothing but NULLs and markers
    out.kind = ColumnKind::kBoolean;
    return out;
  }
  // Kept for the bin plans (parsed_values.h) when asked for; left unwritten otherwise.
  const size_t slots = parsed ? size_t{column.cardinality()} + 1 : 0;
  std::unique_ptr<double[]> numbers(parsed ? new double[slots] : nullptr);
  auto keep_number = [&](uint32_t code, double value) {
    if (parsed) numbers[code] = value;
  };
  // any: some value is not an integer.
  if (all_values(
          column, notes,
          [&](uint32_t code, std::string_view v, Notes& n) {
            auto number = parse_number_text(v);
            if (!number || number->zero_padded) return false;
            n.any = n.any || !number->integer;
            keep_number(code, number->value);
            return true;
          },
          [&](uint32_t code) { keep_number(code, NAN); })) {
    out.kind = notes.any ? ColumnKind::kFloat : ColumnKind::kInteger;
    if (parsed) parsed->numbers = std::move(numbers), parsed->integers = !notes.any;
    return out;
  }
  numbers.reset();
  std::unique_ptr<TimeValue[]> times(parsed ? new TimeValue[slots] : nullptr);
  auto keep_time = [&](uint32_t code, TimeValue value) {
    if (parsed) times[code] = value;
  };
  for (SlashOrder order : {SlashOrder::kMonthFirst, SlashOrder::kDayFirst}) {
    // any: some value has a time of day. A day-first pass rewrites every code the
    // month-first one wrote.
    if (all_values(
            column, notes,
            [&](uint32_t code, std::string_view v, Notes& n) {
              auto t = parse_time_text(v, order);
              if (!t) return false;
              n.any = n.any || t->has_time;
              keep_time(code, TimeValue{t->seconds, false, t->fraction});
              return true;
            },
            [&](uint32_t code) { keep_time(code, TimeValue{0, true, false}); })) {
      out.kind = notes.any ? ColumnKind::kTimestamp : ColumnKind::kDate;
      out.slash_order = order;
      if (parsed) parsed->times = std::move(times);
      return out;
    }
    // Day first only matters when some value has the a/b/YYYY form.
    if (order == SlashOrder::kMonthFirst) {
      const bool slash = !all_values(column, notes, [](std::string_view v, Notes&) { return !is_slash_date(v); });
      if (!slash) break;
    }
  }
  return out;
}

}  // namespace tsum
