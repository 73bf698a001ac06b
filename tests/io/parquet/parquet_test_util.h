// Helpers for the Parquet reader tests: tables as plain values, reading bytes with
// errors captured, and the generated test data (`make testdata`).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/parquet/parquet_reader.h"
#include "tsum/error.h"
#include "support/plain_table.h"
#include "tsum/table.h"

namespace tsum::parquet_test {

using Text = std::optional<std::string>;
using Rows = std::vector<std::vector<Text>>;

// A Table as plain values (tests/support/plain_table.h).
using Plain = test::PlainTable;
using test::plain;

// `prefix` followed by `n` in decimal. Built by appending: GCC 12 misreports
// "literal" + std::string temporaries as overlapping copies (-Wrestrict).
inline std::string numbered(const char* prefix, long long n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

// The cells of column `c`.
inline std::vector<Text> column_cells(const Plain& p, size_t c) {
  std::vector<Text> out;
  for (const auto& row : p.rows) out.push_back(row[c]);
  return out;
}

// Either the table or the error ("DataError: ..." / "UsageError: ..."); the file is
// named "FILE" in messages.
struct Outcome {
  std::optional<Plain> table;
  std::string error;
};

inline Outcome read_bytes(const std::string& bytes, const ParquetOptions& options = {}) {
  Outcome o;
  try {
    o.table = plain(read_parquet(bytes, "FILE", options));
  } catch (const DataError& e) {
    o.error = std::string("DataError: ") + e.what();
  } catch (const UsageError& e) {
    o.error = std::string("UsageError: ") + e.what();
  }
  return o;
}

inline std::string error_of(const std::string& bytes, const ParquetOptions& options = {}) {
  Outcome o = read_bytes(bytes, options);
  return o.table ? std::string("(no error)") : o.error;
}

inline ParquetOptions threads(unsigned n) {
  ParquetOptions o;
  o.threads = n;
  return o;
}

// Where `make testdata` puts derived files ($TSUM_TESTDATA_DIR, else the default).
inline std::string testdata_dir() {
  const char* env = std::getenv("TSUM_TESTDATA_DIR");
  return env && *env ? std::string(env) : std::string(TSUM_SOURCE_DIR) + "/node_modules/.tsum-testdata";
}

// The path of a generated file; a missing one fails the test (it never skips).
inline std::string required_file(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << path << " is missing: run `make testdata` (scripts/fetch-testdata.sh) to generate it";
    return "";
  }
  return path;
}

inline std::string parquet_fixture(const std::string& name) { return required_file(testdata_dir() + "/parquet/" + name); }

}  // namespace tsum::parquet_test
