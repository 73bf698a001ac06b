// libFuzzer target for the Parquet reader: any bytes must give a Table or a DataError /
// UsageError, never a crash, a sanitizer report or another exception.
//
// Not part of the CMake build (GCC has no libFuzzer). Build with clang, e.g.:
//   SRCS="src/io/parquet/*.cc src/table/table.cc src/table/table_builder.cc \
//         src/table/dictionary.cc src/io/input_file.cc"
//   clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
//     tests/io/parquet/parquet_fuzz.cc $SRCS -o parquet_fuzz -ltbb -lzstd -lsnappy -lz
//   ./parquet_fuzz -max_len=20000 -rss_limit_mb=4096 CORPUS_DIR SEED_DIR
// with SEED_DIR holding small Parquet files (the DuckDB fixtures under
// node_modules/.tsum-testdata/parquet/, files from parquet_handmade_test).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/parquet/parquet_reader.h"
#include "tsum/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tsum::ParquetOptions options;
  options.threads = 1;
  try {
    tsum::read_parquet(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", options);
  } catch (const tsum::DataError&) {
  } catch (const tsum::UsageError&) {
  }
  return 0;
}
