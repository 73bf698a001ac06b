// PlainTable: a Table as plain values, for comparing what readers produce. Two Tables
// with equal PlainTables have the same names, rows, types, dictionaries in code order
// and code counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum::test {

using PlainCell = std::optional<std::string>;  // nullopt = NULL
using PlainRows = std::vector<std::vector<PlainCell>>;

struct PlainTable {
  std::vector<std::string> names;
  PlainRows rows;
  std::vector<ValueType> types;
  std::vector<std::vector<std::string>> dictionaries;  // per column, in code order
  std::vector<std::vector<uint64_t>> counts;           // per column; index 0 = NULLs
  uint64_t row_count = 0;                              // also for tables without columns
  bool operator==(const PlainTable&) const = default;
};

inline PlainTable plain(const Table& table) {
  PlainTable p;
  p.row_count = table.rows();
  p.names = table.column_names();
  p.rows.assign(table.rows(), std::vector<PlainCell>(table.num_columns()));
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    p.types.push_back(column.type());
    std::vector<std::string>& dictionary = p.dictionaries.emplace_back();
    for (uint32_t code = 1; code <= column.cardinality(); ++code) dictionary.emplace_back(column.value(code));
    p.counts.push_back(column.code_counts());
    for (uint64_t r = 0; r < table.rows(); ++r) {
      const uint32_t code = column.code_at(r);
      if (code != Column::kNull) p.rows[r][c] = std::string(column.value(code));
    }
  }
  return p;
}

}  // namespace tsum::test
