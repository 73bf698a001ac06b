// `tsum state`: parses its options (CLI11) and calls the state functions (tsum/state.h).
#include "state_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "io/memory_limit.h"
#include "tsum/error.h"
#include "tsum/read.h"
#include "tsum/state.h"

namespace tsum::cli {

int run_state(int argc, char** argv) {
  CLI::App app{"tsum state: a table's current rows, kept up to date by Debezium change events.\n"
               "  tsum state init STATE [--key COLUMN] [--from INPUT]\n"
               "  tsum state apply STATE EVENTS... [--skip-bad N]\n"
               "  tsum state info STATE\n"
               "Summarize a state like any input: tsum STATE [options]",
               "tsum state"};
  app.require_subcommand(1);
  std::string path;

  CLI::App* init = app.add_subcommand("init", "create a state file, empty or from a snapshot");
  StateInitOptions init_options;
  std::string input_format, delimiter;
  bool no_header = false;
  std::optional<std::string> max_memory;
  init->add_option("STATE", path, "the state file to create")->required();
  init->add_option("--key", init_options.key, "the primary-key column (default: the first keyed event's key)");
  init->add_option("--table", init_options.table, "only events for this SCHEMA.TABLE (default: the first event's table)");
  init->add_option("--from", init_options.from, "an initial snapshot: any input tsum reads (needs --key)");
  init->add_option("--input-format", input_format, "--from: csv, tsv, json, jsonl, parquet or arrow (default: from the extension)");
  init->add_option("--delimiter", delimiter, "--from: CSV field delimiter");
  init->add_flag("--no-header", no_header, "--from: the CSV has no header row");
  init->add_option("--query", init_options.read.query, "--from a database: run this SQL instead of the URL's ?table=");
  init->add_option("--max-memory", max_memory, "stop with an error when reading --from would need more memory than SIZE");

  CLI::App* apply = app.add_subcommand("apply", "apply change events (JSON Lines) to a state, as one batch");
  std::vector<std::string> events;
  long long skip_bad = 0;
  apply->add_option("STATE", path, "the state file")->required();
  apply->add_option("EVENTS", events, "JSON Lines files of events; - reads standard input")->required();
  apply->add_option("--skip-bad", skip_bad, "skip and count up to N bad events instead of stopping at the first");
  bool quiet = false;
  apply->add_flag("-q,--quiet", quiet, "do not print what was applied");

  CLI::App* info = app.add_subcommand("info", "rows, columns, key and last applied source position of a state");
  info->add_option("STATE", path, "the state file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string(e.what()) + " (run tsum state --help)");
  }
  if (path.empty()) throw UsageError("STATE is an empty string; expected a file name");

  if (init->parsed()) {
    if (!input_format.empty()) init_options.read.format = parse_input_format(input_format);
    if (!delimiter.empty()) init_options.read.delimiter = parse_delimiter(delimiter);
    init_options.read.header = !no_header;
    if (max_memory) init_options.read.max_memory = MemoryLimit::parse(*max_memory);
    init_state(path, init_options);
    return 0;
  }
  if (apply->parsed()) {
    if (skip_bad < 0) throw UsageError(fmt::format("--skip-bad must be 0 or more, got {}", skip_bad));
    ApplyOptions options;
    options.skip_bad = static_cast<uint64_t>(skip_bad);
    ApplyCounts counts = apply_state(path, events, options);
    if (!quiet) fmt::print(stderr, "tsum state: {}\n", describe_counts(counts));
    return 0;
  }
  std::string text = describe_info(state_info(path));
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace tsum::cli
