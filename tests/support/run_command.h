// Runs a program with arguments and optional standard input; captures its output.
#pragma once

#include <string>
#include <vector>

namespace tsum::test {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
  int out_pipe_bytes = 0;  // the capacity of the pipe the command's standard output went to, at its end
};

// `run_as_uid` >= 0 switches to that user before exec (to test permission errors as root).
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = "",
                          int run_as_uid = -1);

// The path of the built tsum binary.
std::string tsum_binary();

}  // namespace tsum::test
