// Fuzz-only helpers (tests/fuzz/): a canonical text form of a Table, and a check of the
// Table's internal invariants.
//
// The differential checks read the same bytes twice (e.g. with different chunk sizes);
// the readers promise the same Table whatever the chunking (names, types, dictionary order
// and codes), so the two dumps, which spell out codes and values, must be identical.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tsum/error.h"
#include "tsum/table.h"

namespace tsum::fuzz {

// Aborts (a finding for libFuzzer) with a message when `ok` is false.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
  }
}

// Every code is NULL or a dictionary code, the per-code counts match the codes, and every
// column has the table's row count.
inline void check_invariants(const Table& table) {
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    require(column.rows() == table.rows(), "column rows differ from table rows");
    require(column.code_counts().size() == size_t{column.cardinality()} + 1, "code_counts size");
    std::vector<uint64_t> counts(column.cardinality() + 1, 0);
    for (uint64_t r = 0; r < column.rows(); ++r) {
      uint32_t code = column.code_at(r);
      require(code <= column.cardinality(), "code beyond the dictionary");
      ++counts[code];
    }
    require(counts == column.code_counts(), "code_counts disagree with the codes");
    require(counts[0] == column.null_count(), "null_count disagrees with the codes");
  }
}

inline std::string table_text(const Table& table) {
  std::string out = std::to_string(table.rows()) + " rows\n";
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    out += column.name();
    out += column.type() == ValueType::kNumeric ? "\x1e" "numeric\n" : "\x1e" "string\n";
    for (uint64_t r = 0; r < column.rows(); ++r) {
      uint32_t code = column.code_at(r);
      out += std::to_string(code);
      if (code != Column::kNull) {
        out += '=';
        out += column.value(code);
      }
      out += '\x1f';
    }
    out += '\n';
  }
  return out;
}

// "T:<table text>" for the Table `read()` returns, or "E<exit code>:<message>" for the
// tsum::Error it throws, whose message must be one non-empty line.
template <class Read>
std::string outcome(const Read& read) {
  try {
    Table table = read();
    check_invariants(table);
    return "T:" + table_text(table);
  } catch (const Error& e) {
    std::string message = e.what();
    require(!message.empty() && message.find('\n') == std::string::npos, "error message must be one non-empty line");
    return "E" + std::to_string(e.exit_code()) + ":" + message;
  }
}

}  // namespace tsum::fuzz
