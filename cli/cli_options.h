// The tsum command's options, parsed from argv with CLI11.
#pragma once

#include <optional>
#include <variant>
#include <string>
#include <vector>

#include "prepare/prepare_options.h"
#include "tsum/read.h"
#include "tsum/summarize.h"

namespace tsum::cli {

enum class OutputFormat { kText, kJson, kMarkdown, kHtml, kCsv };

struct CliOptions {
  std::vector<std::string> inputs;
  std::optional<std::string> output;
  OutputFormat format = OutputFormat::kText;
  std::vector<std::string> columns;
  std::vector<std::string> exclude;
  ReadOptions read;
  SummarizeOptions summarize;
  PrepareOptions prepare;  // --bins, --type, --keep-id-columns (src/prepare)
  std::optional<std::string> where;    // --where: summarize only the rows matching it (src/drilldown)
  std::optional<size_t> explain;       // --explain N: drill into pattern N instead of the summary
  bool stats = false;
  bool quiet = false;  // no progress bar on stderr
};

// `tsum explain N INPUT... [OPTIONS]` is `tsum --explain N INPUT... [OPTIONS]`: main()
// rewrites it before parsing.
//
// Parses argv. Returns the options, or the exit code when the run is over (--help and
// --version print and return 0). Usage errors throw UsageError with a one-line message.
std::variant<CliOptions, int> parse_command_line(int argc, char** argv);

}  // namespace tsum::cli
