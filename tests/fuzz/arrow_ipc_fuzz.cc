// libFuzzer target for the Arrow IPC reader (src/io/arrow/ipc): any bytes must give a
// Table or a one-line tsum::Error, never a crash, a sanitizer report, another exception,
// or an allocation far beyond what the bytes can describe. A Table it returns must be
// consistent. The first byte chooses how the rest is read: bit 0 leaves the nested
// columns of the seeds out, as --exclude would.
//
// Seeds: the committed fixtures (tests/data/arrow-ipc/*.arrow, *.arrows); see
// tests/fuzz/make_seeds.py.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_table_text.h"
#include "io/arrow/ipc/ipc_reader.h"
#include "tsum/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  tsum::ArrowReadOptions options;
  options.input_name = "fuzz.arrow";
  options.threads = 1;
  if (data[0] & 1) options.exclude = {"list", "s", "u", "ree"};
  try {
    tsum::Table table = tsum::read_arrow_ipc(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), options);
    tsum::fuzz::check_invariants(table);
  } catch (const tsum::Error& e) {
    std::string message = e.what();
    tsum::fuzz::require(!message.empty() && message.find('\n') == std::string::npos,
                        "error message must be one non-empty line");
  }
  return 0;
}
