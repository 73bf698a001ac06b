// libFuzzer target for the JSON reader (src/io/json): any bytes must give a Table or a
// one-line DataError/UsageError, never a crash, a sanitizer report or another exception.
//
// The first input byte chooses the layout (auto, array, lines) and a small chunk size;
// the rest is the file. Each input is read twice, as one work unit and cut into tiny ones;
// the reader promises the same Table and the same first error whatever the chunking, so
// the two outcomes must be identical.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_table_text.h"
#include "io/json/json_reader.h"
#include "tsum/error.h"

namespace {

std::string outcome(std::string_view bytes, const tsum::JsonOptions& options) {
  return tsum::fuzz::outcome([&] { return tsum::read_json(bytes, "fuzz.json", options); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  tsum::JsonOptions options;
  options.threads = 1;
  switch (control & 3) {
    case 1: options.layout = tsum::JsonLayout::kArray; break;
    case 2: options.layout = tsum::JsonLayout::kLines; break;
    default: options.layout = tsum::JsonLayout::kAuto; break;
  }

  options.chunk_bytes = 1 << 30;  // one work unit
  std::string whole = outcome(bytes, options);
  options.chunk_bytes = 1 + (control >> 2);  // 1..64 bytes
  std::string chunked = outcome(bytes, options);
  tsum::fuzz::require(whole == chunked, "one work unit and many disagree");
  return 0;
}
