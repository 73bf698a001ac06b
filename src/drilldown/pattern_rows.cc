#include "drilldown/pattern_rows.h"

#include <algorithm>

#include "tsum/error.h"

namespace tsum {
namespace {

// Per item, its column and its value's code (kNull when the column lacks the value).
struct ItemCodes {
  std::vector<const Column*> columns;
  std::vector<uint32_t> codes;
  bool possible = true;  // false: some value is absent, no row matches
};

ItemCodes item_codes(const Table& table, const std::vector<PatternItem>& items) {
  ItemCodes out;
  for (const PatternItem& item : items) {
    const ptrdiff_t c = table.find_column(item.column);
    if (c < 0) throw UsageError("the data has no column '" + item.column + "', which the pattern uses");
    const Column& column = table.column(static_cast<size_t>(c));
    uint32_t code = Column::kNull;
    for (uint32_t k = 1; k <= column.cardinality() && code == Column::kNull; ++k) {
      if (column.value(k) == item.value) code = k;
    }
    out.possible = out.possible && code != Column::kNull;
    out.columns.push_back(&column);
    out.codes.push_back(code);
  }
  return out;
}

}  // namespace

std::vector<uint8_t> rows_of_pattern(const Table& table, const std::vector<PatternItem>& items) {
  const ItemCodes items_codes = item_codes(table, items);
  std::vector<uint8_t> match(table.rows(), items_codes.possible ? 1 : 0);
  if (!items_codes.possible) return match;
  for (size_t i = 0; i < items_codes.columns.size(); ++i) {
    const uint32_t code = items_codes.codes[i];
    items_codes.columns[i]->visit_codes([&](const auto* codes) {
      for (uint64_t r = 0; r < table.rows(); ++r) match[r] &= codes[r] == code;
    });
  }
  return match;
}

std::vector<uint64_t> first_rows_of_pattern(const Table& table, const std::vector<PatternItem>& items, size_t limit) {
  const ItemCodes items_codes = item_codes(table, items);
  std::vector<uint64_t> rows;
  if (!items_codes.possible) return rows;
  for (uint64_t r = 0; r < table.rows() && rows.size() < limit; ++r) {
    bool all = true;
    for (size_t i = 0; i < items_codes.columns.size() && all; ++i) all = items_codes.columns[i]->code_at(r) == items_codes.codes[i];
    if (all) rows.push_back(r);
  }
  return rows;
}

std::vector<std::optional<std::string>> row_values(const Table& table, uint64_t row) {
  std::vector<std::optional<std::string>> values;
  values.reserve(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const uint32_t code = column.code_at(row);
    values.push_back(code == Column::kNull ? std::nullopt : std::optional<std::string>(column.value(code)));
  }
  return values;
}

void describe_samples(const Table& table, const Table& prepared, Summary& summary, size_t patterns, size_t rows) {
  summary.sample_columns = table.column_names();
  summary.pattern_samples.clear();
  for (size_t i = 0; i < std::min(patterns, summary.patterns.size()); ++i) {
    PatternSample sample;
    sample.rank = i + 1;
    for (uint64_t r : first_rows_of_pattern(prepared, summary.patterns[i].items, rows)) {
      sample.rows.push_back(r + 1);
      sample.values.push_back(row_values(table, r));
    }
    summary.pattern_samples.push_back(std::move(sample));
  }
}

}  // namespace tsum
