// `tsum state`: keep a table's current rows in a state file from change events
// (docs/state.md). Summarizing a state is `tsum STATE [options]`, like any input.
//
//   tsum state init STATE [--key COLUMN] [--table SCHEMA.TABLE] [--from INPUT [read options]]
//   tsum state apply STATE EVENTS... [--skip-bad N]     (EVENTS: JSON Lines files, - for stdin)
//   tsum state info STATE
#pragma once

namespace tsum::cli {

// Runs the subcommand; argv[0] is "state". Returns the exit status; usage and data errors
// throw UsageError / DataError as the main command's do.
int run_state(int argc, char** argv);

}  // namespace tsum::cli
