// Helpers for the JSON reader tests: reading from memory, tables as plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/json/json_reader.h"
#include "tsum/error.h"
#include "tsum/table.h"

namespace tsum::json_test {

using Cell = std::optional<std::string>;  // nullopt = NULL
using Rows = std::vector<std::vector<Cell>>;

// A Table as plain values: names, rows, types, each column's dictionary in code order
// and its code counts (index 0 = NULLs).
struct Plain {
  std::vector<std::string> names;
  Rows rows;
  std::vector<ValueType> types;
  std::vector<std::vector<std::string>> dictionaries;
  std::vector<std::vector<uint64_t>> counts;
  uint64_t row_count = 0;
  bool operator==(const Plain&) const = default;
};

inline Plain plain(const Table& table) {
  Plain p;
  p.row_count = table.rows();
  p.names = table.column_names();
  p.rows.assign(table.rows(), std::vector<Cell>(table.num_columns()));
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    p.types.push_back(column.type());
    std::vector<std::string> dictionary;
    for (uint32_t code = 1; code <= column.cardinality(); ++code) dictionary.emplace_back(column.value(code));
    p.dictionaries.push_back(std::move(dictionary));
    p.counts.push_back(column.code_counts());
    for (uint64_t r = 0; r < table.rows(); ++r) {
      uint32_t code = column.code_at(r);
      if (code != Column::kNull) p.rows[r][c] = std::string(column.value(code));
    }
  }
  return p;
}

inline JsonOptions options(JsonLayout layout = JsonLayout::kAuto, unsigned threads = 1, size_t chunk_bytes = 0) {
  JsonOptions o;
  o.layout = layout;
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  return o;
}

inline Plain read(std::string_view text, const JsonOptions& o = options()) {
  return plain(read_json(text, "in.json", o));
}

// The message of the DataError that reading `text` throws, or "no error".
inline std::string error_of(std::string_view text, const JsonOptions& o = options()) {
  try {
    read_json(text, "in.json", o);
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace tsum::json_test
