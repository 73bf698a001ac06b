// libFuzzer target for the CLI's argument parsing (cli/cli_options.cc): any argv must
// give options, an exit code (--help, --version) or a one-line UsageError, never a crash,
// a sanitizer report or another exception.
//
// The input is split at NUL bytes into the arguments after "tsum". What --help and
// --version print goes to a discarded stream.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_options.h"
#include "fuzz_table_text.h"
#include "tsum/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args{"tsum"};
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(current);
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  args.push_back(current);
  if (args.size() > 64) return 0;  // long command lines add nothing but time
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::ostringstream discard;
  std::streambuf* saved = std::cout.rdbuf(discard.rdbuf());
  try {
    tsum::cli::parse_command_line(static_cast<int>(args.size()), argv.data());
  } catch (const tsum::Error& e) {
    std::string message = e.what();
    std::cout.rdbuf(saved);
    tsum::fuzz::require(!message.empty() && message.find('\n') == std::string::npos,
                        "error message must be one non-empty line");
    tsum::fuzz::require(e.exit_code() == 2 || e.exit_code() == 1, "exit code");
    return 0;
  }
  std::cout.rdbuf(saved);
  return 0;
}
