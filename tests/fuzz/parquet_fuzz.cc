// libFuzzer target for the Parquet reader (src/io/parquet): any file bytes must give a
// Table or a one-line DataError/UsageError, never a crash, a sanitizer report, another
// exception, or an allocation far beyond what the bytes can describe (libFuzzer's
// -malloc_limit_mb / -rss_limit_mb catch that). A Table it returns must be consistent.
//
// Seeds: small Parquet files (the DuckDB fixtures under node_modules/.tsum-testdata/parquet/);
// run with -max_len large enough for them (see tests/fuzz/run-fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_table_text.h"
#include "io/parquet/parquet_reader.h"
#include "tsum/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tsum::ParquetOptions options;
  options.threads = 1;
  try {
    tsum::Table table =
        tsum::read_parquet(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.parquet", options);
    tsum::fuzz::check_invariants(table);
  } catch (const tsum::Error& e) {
    std::string message = e.what();
    tsum::fuzz::require(!message.empty() && message.find('\n') == std::string::npos,
                        "error message must be one non-empty line");
  }
  return 0;
}
