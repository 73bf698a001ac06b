// Documentation generated from the CLI's own option tables (the CLI11 apps of
// cli_options.cc and diff_command.cc): the man page tsum.1 and the bash, zsh and fish
// completions. The build runs the hidden commands
//
//   tsum --help-man               roff man page on stdout
//   tsum --completions SHELL      completion script for bash, zsh or fish on stdout
//
// and installs their output (cmake/install.cmake), so an option added to the CLI is in the
// man page and the completions without being written a second time.
#pragma once

#include <optional>

namespace CLI {
class App;
}

namespace tsum::cli {

// The main command's hook, called with its app just before parsing: when argv is
// `--help-man` or `--completions SHELL`, prints that document (for tsum and tsum diff)
// and returns the exit status (2 for an unknown SHELL); otherwise returns nullopt.
std::optional<int> print_docs_if_asked(const CLI::App& app, int argc, char** argv);

// The diff subcommand's hook, called with its app just before parsing: true when the
// main command is collecting the subcommand's options for a document (the subcommand
// then returns at once, as after --help); false in every normal run.
bool capture_app_for_docs(const CLI::App& app);

}  // namespace tsum::cli
