// Reading tables from files and streams.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum {

enum class InputFormat { kAuto, kCsv, kTsv, kJson, kJsonLines };

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // auto: from the extension, else sniffed
  std::optional<char> delimiter;            // CSV: detected among , \t ; | when unset
  bool header = true;                       // CSV: false names columns col1..colN
  unsigned threads = 0;                     // 0 = all hardware threads
};

// Parses "csv", "tsv", "json", "jsonl"/"ndjson"; throws UsageError otherwise.
InputFormat parse_input_format(const std::string& name);

// Reads `path` ("-" is standard input). Throws DataError with a one-line message naming
// the input and, where it applies, the line and column.
Table read_table(const std::string& path, const ReadOptions& options = {});

// Reads several inputs as one table: rows in input order, columns matched by name (a
// DataError names the inputs whose column sets differ).
Table read_tables(const std::vector<std::string>& paths, const ReadOptions& options = {});

}  // namespace tsum
