// Helpers for the JSON reader tests: reading from memory, tables as plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/json/json_reader.h"
#include "tsum/error.h"
#include "support/plain_table.h"
#include "tsum/table.h"

namespace tsum::json_test {

using Cell = std::optional<std::string>;  // nullopt = NULL
using Rows = std::vector<std::vector<Cell>>;

// A Table as plain values (tests/support/plain_table.h).
using Plain = test::PlainTable;
using test::plain;

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
