// The committed Arrow IPC fixtures (tests/data/arrow-ipc, written by make_fixtures.py)
// and ways to read them.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "io/arrow/ipc/ipc_reader.h"
#include "io/parquet/parquet_reader.h"
#include "tsum/error.h"

namespace tsum::ipc_test {

inline std::string fixture_path(const std::string& name) {
  return std::string(TSUM_SOURCE_DIR) + "/tests/data/arrow-ipc/" + name;
}

inline std::string fixture(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + fixture_path(name));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline Table read_ipc(const std::string& bytes, ArrowReadOptions options = {}) {
  options.input_name = "t.arrow";
  options.threads = 1;
  return read_arrow_ipc(bytes, options);
}

inline Table read_parquet_fixture(const std::string& name) {
  ParquetOptions options;
  options.threads = 1;
  return read_parquet(fixture(name), name, options);
}

// The message of the error reading `bytes`, or "no error".
inline std::string ipc_error(const std::string& bytes, ArrowReadOptions options = {}) {
  try {
    read_ipc(bytes, std::move(options));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace tsum::ipc_test
