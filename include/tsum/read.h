// Reading tables from files and streams.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tsum/progress.h"
#include "tsum/table.h"

namespace tsum {

enum class InputFormat { kAuto, kCsv, kTsv, kJson, kJsonLines, kParquet, kArrow };
enum class TextEncoding { kUtf8, kLatin1 };
enum class RaggedRows { kError, kPad, kSkip };

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // auto: from the extension, else sniffed
  std::optional<char> delimiter;            // CSV: detected among , \t ; | when unset
  bool header = true;                       // CSV: false names columns col1..colN
  unsigned threads = 0;                     // 0 = all hardware threads
  ProgressCallback progress;                // optional: reading progress (tsum/progress.h)
  // Database inputs (postgresql://, postgres://, sqlite://): the SQL to run instead of the
  // URL's ?table=; run on every database input. An error with any other input.
  std::optional<std::string> query;
  // The most memory reading may use, in bytes (src/io/memory_limit.h): an input that
  // would need more fails early with a DataError instead of being killed by the kernel.
  // Unset: 75 % of the physical memory (or of the container's limit); 0: no limit.
  std::optional<uint64_t> max_memory;
  // Texts that stand for NULL (--null-values), compared with the whole cell: cells equal
  // to one become NULL, in every format. A column that held one is typed again from its
  // remaining values' text (the CSV rule).
  std::vector<std::string> null_values;
  // The text encoding of CSV and JSON files: UTF-8 (default; invalid UTF-8 is an error
  // naming its byte offset) or Latin-1 (ISO 8859-1), converted to UTF-8 as read.
  TextEncoding encoding = TextEncoding::kUtf8;
  // CSV rows with more or fewer fields than the header: an error (default), padded with
  // NULLs / cut to the header's width (kPad), or left out (kSkip). `warn` is told how
  // many rows were touched.
  RaggedRows ragged = RaggedRows::kError;
  // Optional: told each warning as one line, "<input>: ..." (e.g. a repeated header name
  // renamed, ragged rows padded). Unset: warnings are not shown.
  std::function<void(const std::string&)> warn;
  // Columns to keep / to leave out of each input, as Table::select takes them (unknown
  // names: a UsageError). Empty: all. Readers that can skip columns do (Arrow IPC: a
  // column of a type tsum cannot read is no error when left out); the others select
  // after reading.
  std::vector<std::string> columns;
  std::vector<std::string> exclude;
};

// Parses --encoding: "utf-8"/"utf8", "latin-1"/"latin1"/"iso-8859-1" (any case); throws
// UsageError otherwise.
TextEncoding parse_encoding(const std::string& name);
// Parses --ragged: "error", "pad" or "skip"; throws UsageError otherwise.
RaggedRows parse_ragged(const std::string& name);

// Parses "csv", "tsv", "json", "jsonl"/"ndjson", "parquet", "arrow" (Arrow IPC file or
// stream, Feather v2); throws UsageError otherwise.
InputFormat parse_input_format(const std::string& name);

// Parses the CLI's --delimiter: one character other than a quote or a line end, or "tab"
// (also "\t" spelled as two characters); throws UsageError otherwise.
char parse_delimiter(const std::string& text);

// Reads `path` ("-" is standard input) or a database URL: postgresql:// or postgres://
// (src/io/postgres/postgres_reader.h), sqlite:// (src/io/sqlite/sqlite_reader.h). Throws
// DataError with a one-line message naming the input and, where it applies, the line and
// column.
Table read_table(const std::string& path, const ReadOptions& options = {});

// Reads several inputs as one table: rows in input order, columns matched by name (a
// DataError names the inputs whose column sets differ).
Table read_tables(const std::vector<std::string>& paths, const ReadOptions& options = {});

// An input's name as messages and reports may show it: a database URL without its
// password (postgresql://user:secret@host/db -> postgresql://user@host/db), else unchanged.
std::string display_input_name(const std::string& input);

}  // namespace tsum
