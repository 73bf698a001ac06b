// libFuzzer target for the CSV reader (src/io/csv): any bytes must give a Table or a
// one-line DataError/UsageError, never a crash, a sanitizer report or another exception.
//
// The first input byte chooses the options (delimiter, header, chunk size); the rest is
// the file. Each input is read twice: as one chunk, and cut into tiny chunks so that the
// quote-parity chunk boundaries are exercised, and once more with every cell held in
// blocks of a few rows (csv_cell_block.h). The reader promises the same Table and the
// same first error whatever the chunking and the cell path, so the outcomes must be
// identical.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_table_text.h"
#include "io/csv/csv_chunk_parser.h"
#include "io/csv/csv_reader.h"
#include "tsum/error.h"

namespace {

std::string outcome(std::string_view bytes, const tsum::CsvOptions& options) {
  return tsum::fuzz::outcome([&] { return tsum::read_csv(bytes, "fuzz.csv", options); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  tsum::CsvOptions options;
  options.threads = 1;
  static constexpr char kDelimiters[] = {',', '\t', ';', '|'};
  if ((control & 7) < 4) options.delimiter = kDelimiters[control & 7];
  options.header = (control & 8) == 0;

  options.chunk_bytes = 1 << 30;  // one chunk
  std::string whole = outcome(bytes, options);
  options.chunk_bytes = 1 + (control >> 4);  // 1..16 bytes
  std::string chunked = outcome(bytes, options);
  tsum::fuzz::require(whole == chunked, "one chunk and many chunks disagree");
  tsum::csv::set_cell_blocks_for_testing(tsum::csv::CellBlocks::kAlways);
  std::string held = outcome(bytes, options);
  tsum::csv::set_cell_blocks_for_testing(tsum::csv::CellBlocks::kAuto);
  tsum::fuzz::require(whole == held, "cells held in blocks and cell by cell disagree");
  return 0;
}
