#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "io/compressed_input.h"
#include "io/arrow/ipc/ipc_reader.h"
#include "io/csv/csv_reader.h"
#include "io/file_signature.h"
#include "io/latin1.h"
#include "io/null_values.h"
#include "io/input_file.h"
#include "io/json/json_reader.h"
#include "io/memory_limit.h"
#include "io/parquet/parquet_reader.h"
#include "report/progress.h"
#include "io/postgres/database_url.h"
#include "io/postgres/postgres_reader.h"
#include "io/sqlite/sqlite_reader.h"
#include "state/state_file.h"
#include "table/concat.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum {
namespace {

std::string lower_extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

InputFormat from_extension(const std::string& path) {
  std::string ext = lower_extension(path);
  if (ext == "csv") return InputFormat::kCsv;
  if (ext == "tsv" || ext == "tab") return InputFormat::kTsv;
  if (ext == "json") return InputFormat::kJson;
  if (ext == "jsonl" || ext == "ndjson") return InputFormat::kJsonLines;
  if (ext == "parquet") return InputFormat::kParquet;
  if (ext == "arrow" || ext == "feather" || ext == "ipc" || ext == "arrows") return InputFormat::kArrow;
  return InputFormat::kAuto;
}

// No telling extension: Parquet when the bytes start with its magic "PAR1"; Arrow IPC with
// "ARROW1" (a file) or a message's continuation marker (a stream); JSON when the first
// non-blank byte opens an array or object; CSV otherwise.
InputFormat sniff(std::string_view bytes) {
  if (looks_like_parquet(bytes)) return InputFormat::kParquet;
  if (looks_like_arrow_ipc(bytes)) return InputFormat::kArrow;
  size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (i < bytes.size() && (bytes[i] == '[' || bytes[i] == '{')) return InputFormat::kJson;
  return InputFormat::kCsv;
}

}  // namespace

char parse_delimiter(const std::string& text) {
  if (text == "\\t" || text == "tab" || text == "\t") return '\t';
  if (text.size() != 1 || text[0] == '"' || text[0] == '\n' || text[0] == '\r') {
    throw UsageError("--delimiter must be one character other than a quote or newline (or 'tab'), got '" + text + "'");
  }
  return text[0];
}

TextEncoding parse_encoding(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "utf-8" || n == "utf8") return TextEncoding::kUtf8;
  if (n == "latin-1" || n == "latin1" || n == "iso-8859-1" || n == "iso8859-1") return TextEncoding::kLatin1;
  throw UsageError("unknown --encoding '" + name + "' (expected utf-8 or latin-1)");
}

RaggedRows parse_ragged(const std::string& name) {
  if (name == "error") return RaggedRows::kError;
  if (name == "pad") return RaggedRows::kPad;
  if (name == "skip") return RaggedRows::kSkip;
  throw UsageError("unknown --ragged '" + name + "' (expected error, pad or skip)");
}

InputFormat parse_input_format(const std::string& name) {
  if (name == "csv") return InputFormat::kCsv;
  if (name == "tsv") return InputFormat::kTsv;
  if (name == "json") return InputFormat::kJson;
  if (name == "jsonl" || name == "ndjson") return InputFormat::kJsonLines;
  if (name == "parquet") return InputFormat::kParquet;
  if (name == "arrow") return InputFormat::kArrow;
  throw UsageError("unknown input format '" + name + "' (expected csv, tsv, json, jsonl, parquet or arrow)");
}

namespace {

// A SQLite database given as a plain path: its only table, or the --query; with several
// tables, a usage error listing them.
Table read_sqlite_file(const std::string& path, const ReadOptions& options, const ProgressCallback& callback) {
  std::string url = "sqlite://";
  for (const char c : path) {  // the path as a sqlite:// URL spells it (database_url.h)
    if (c == '%' || c == '?' || c == '#') url += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else url += c;
  }
  SqliteOptions lite{options.query, options.threads};
  if (!options.query) {
    const std::vector<std::string> tables = sqlite_tables(path);
    if (tables.empty()) throw DataError(path + ": a SQLite database with no tables");
    if (tables.size() > 1) {
      std::string list;
      for (const std::string& t : tables) list += (list.empty() ? "" : ", ") + t;
      throw UsageError(path + ": a SQLite database with " + std::to_string(tables.size()) + " tables (" + list +
                       "); choose one: sqlite://" + path + "?table=NAME, or pass --query");
    }
    std::string quoted = "\"";
    for (const char c : tables[0]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    lite.query = "SELECT * FROM " + quoted + "\"";
  }
  ProgressMeter progress(callback, Progress{.stage = Progress::Stage::kRead});
  lite.progress = &progress;
  return read_sqlite(url, lite);
}

// `selected`: set when the reader applied options.columns/exclude itself.
Table read_one(const std::string& path, const ReadOptions& options, const MemoryLimit& limit,
               const ProgressCallback& callback, bool& selected) {
  if (db::is_postgres_url(path) || db::is_sqlite_url(path)) {
    // Rows received so far; a database does not say how many are coming.
    ProgressMeter progress(callback, Progress{.stage = Progress::Stage::kRead});
    if (db::is_postgres_url(path)) {
      PostgresOptions pg{options.query, options.threads};
      pg.progress = &progress;
      return read_postgres(path, pg);
    }
    SqliteOptions lite{options.query, options.threads};
    lite.progress = &progress;
    return read_sqlite(path, lite);
  }
  if (options.query) {
    // Only a SQLite file takes --query; anything else (a missing file too) is a usage
    // error, found from the file's first bytes before it is read.
    char head[16] = {};
    std::ifstream in(path, std::ios::binary);
    if (path == "-" || !in.read(head, sizeof head) || !looks_like_sqlite(std::string_view(head, sizeof head))) {
      throw UsageError("--query applies to database inputs (postgresql://, postgres://, sqlite://), not to " +
                       (path == "-" ? std::string("<stdin>") : path));
    }
    return read_sqlite_file(path, options, callback);
  }
  InputFile file(path, &limit);
  if (looks_like_sqlite(file.bytes()) && path != "-") return read_sqlite_file(path, options, callback);
  // Compressed: decompressed in memory first, then read as what the rest of the name
  // (data.csv.gz) or the bytes say.
  const Compression compression = detect_compression(file.bytes());
  std::string decoded;
  std::string_view bytes = file.bytes();
  if (compression != Compression::kNone) {
    decoded = decompress(bytes, compression, file.display_name(), &limit);
    bytes = decoded;
  }
  // A state file (docs/state.md) is recognized by its magic, whatever its name.
  if (options.format == InputFormat::kAuto && state::looks_like_state(bytes)) {
    return state::read_state_table(bytes, file.display_name());
  }
  if (auto foreign = foreign_format(bytes)) {
    throw DataError(file.display_name() + ": this looks like " + *foreign +
                    ", which tsum does not read; tsum reads CSV, TSV, JSON, JSON Lines, Parquet, Arrow IPC "
                    "(Feather v2) and SQLite (export the data to one of them)");
  }
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = from_extension(without_compression_suffix(path));
  if (format == InputFormat::kAuto) format = sniff(bytes);
  if (options.encoding == TextEncoding::kLatin1 && format != InputFormat::kParquet && format != InputFormat::kArrow) {
    decoded = latin1_to_utf8(bytes);
    bytes = decoded;
  }
  const std::string& name = file.display_name();
  // The estimate comes before the first progress report, which measures memory: an input
  // too large for the limit is refused for its size, before any work.
  if (format != InputFormat::kParquet && format != InputFormat::kArrow) {
    const char delimiter = options.delimiter ? *options.delimiter : format == InputFormat::kTsv ? '\t' : '\0';
    limit.check_estimate(name, bytes, delimiter,
                         format == InputFormat::kJson || format == InputFormat::kJsonLines);
  }
  // Reports the start now and the end when it goes out of scope (tsum/progress.h).
  ProgressMeter progress(callback, Progress{.stage = Progress::Stage::kRead, .bytes_total = bytes.size()});
  switch (format) {
    case InputFormat::kParquet: {
      ParquetOptions parquet;
      parquet.threads = options.threads;
      parquet.progress = &progress;
      return read_parquet(bytes, name, parquet);
    }
    case InputFormat::kArrow: {
      ArrowReadOptions arrow;
      arrow.input_name = name;
      arrow.columns = options.columns;
      arrow.exclude = options.exclude;
      arrow.threads = options.threads;
      selected = true;
      return read_arrow_ipc(bytes, arrow, &progress);
    }
    case InputFormat::kJson:
    case InputFormat::kJsonLines: {
      JsonOptions json;
      // A .json file may still hold JSON Lines; the reader tells them apart.
      json.layout = format == InputFormat::kJsonLines ? JsonLayout::kLines : JsonLayout::kAuto;
      json.threads = options.threads;
      json.progress = &progress;
      return read_json(bytes, name, json);
    }
    default: {
      CsvOptions csv;
      csv.delimiter = options.delimiter;
      if (!csv.delimiter && format == InputFormat::kTsv) csv.delimiter = '\t';
      csv.header = options.header;
      csv.threads = options.threads;
      csv.progress = &progress;
      csv.ragged = options.ragged;
      csv.warn = options.warn;
      return read_csv(bytes, name, csv);
    }
  }
}

}  // namespace

Table read_table(const std::string& path, const ReadOptions& options) {
  // The memory limit is checked at every progress report (io/memory_limit.h).
  const MemoryLimit limit(options.max_memory ? *options.max_memory : MemoryLimit::default_bytes());
  const std::string name = path == "-" ? "<stdin>" : display_input_name(path);
  const ProgressCallback callback = limit.guard(options.progress, name);
  bool selected = false;
  Table table = apply_null_values(read_one(path, options, limit, callback, selected), options.null_values, options.threads);
  if (!selected && (!options.columns.empty() || !options.exclude.empty())) {
    table = table.select(options.columns, options.exclude);
  }
  limit.check(name, "after reading it");
  return table;
}

Table read_tables(const std::vector<std::string>& paths, const ReadOptions& options) {
  if (paths.size() == 1) return read_table(paths[0], options);
  std::vector<Table> parts;
  std::vector<std::string> names;  // for messages: database URLs without their password
  for (const std::string& path : paths) {
    parts.push_back(read_table(path, options));
    names.push_back(display_input_name(path));
  }
  return concat_tables(parts, names, options.threads);
}

std::string display_input_name(const std::string& input) { return db::redact_input(input); }

}  // namespace tsum
