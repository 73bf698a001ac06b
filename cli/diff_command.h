// `tsum diff`: what changed between two tables (docs/diff.md).
//
//   tsum diff [options] OLD NEW
//   tsum diff [options] --old A --old B --new C      (several inputs per side)
//   tsum diff [options] --by COLUMN[=VALUE] INPUT...
#pragma once

namespace tsum::cli {

// Runs the subcommand; argv[0] is "diff". Returns the exit status; usage and data errors
// throw UsageError / DataError as the main command's do.
int run_diff(int argc, char** argv);

}  // namespace tsum::cli
