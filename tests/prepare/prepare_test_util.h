// Small tables for the preprocessing tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "support/raw_table.h"
#include "tsum/table.h"

namespace tsum::test {

// One column named `name` holding `values` (nullopt = NULL), CSV typing.
inline Table one_column(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  RawTable raw;
  raw.names = {name};
  for (const auto& v : values) raw.rows.push_back({v});
  return to_table(raw);
}

inline std::vector<std::optional<std::string>> texts(const std::vector<std::string>& values) {
  return std::vector<std::optional<std::string>>(values.begin(), values.end());
}

// The column's values row by row ("<NULL>" for NULL).
inline std::vector<std::string> cells(const Column& c) {
  std::vector<std::string> out;
  for (uint64_t r = 0; r < c.rows(); ++r) {
    uint32_t code = c.code_at(r);
    out.push_back(code == Column::kNull ? "<NULL>" : std::string(c.value(code)));
  }
  return out;
}

// The dictionary in code order.
inline std::vector<std::string> dictionary(const Column& c) {
  std::vector<std::string> out;
  for (uint32_t code = 1; code <= c.cardinality(); ++code) out.emplace_back(c.value(code));
  return out;
}

}  // namespace tsum::test
