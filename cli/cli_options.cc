#include "cli_options.h"
#include "cli_docs.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "io/memory_limit.h"
#include "tsum/error.h"

namespace tsum::cli {
namespace {

constexpr long long kMaxThreads = 1024;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

OutputFormat parse_output_format(const std::string& name) {
  const std::string format = lowercase(name);
  if (format == "text") return OutputFormat::kText;
  if (format == "json") return OutputFormat::kJson;
  if (format == "markdown" || format == "md") return OutputFormat::kMarkdown;
  if (format == "html") return OutputFormat::kHtml;
  if (format == "csv") return OutputFormat::kCsv;
  throw UsageError("unknown --format '" + name + "' (expected text, json, markdown, html or csv)");
}

OutputFormat format_from_extension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return OutputFormat::kText;
  const std::string ext = lowercase(path.substr(dot + 1));
  if (ext == "json") return OutputFormat::kJson;
  if (ext == "md" || ext == "markdown") return OutputFormat::kMarkdown;
  if (ext == "html" || ext == "htm") return OutputFormat::kHtml;
  if (ext == "csv") return OutputFormat::kCsv;
  return OutputFormat::kText;
}

std::variant<CliOptions, int> parse_command_line(int argc, char** argv) {
  CliOptions o;
  CLI::App app{"tsum: summarize a table as a short ranked list of patterns (TSum, minimum description length)."};
  app.set_version_flag("--version", std::string("tsum ") + TSUM_VERSION_STRING);
  std::string cost = "paper", search = "greedy", format, input_format, delimiter, columns, exclude, null_values, encoding,
              ragged;
  std::vector<std::string> column_args;
  std::optional<long long> width;
  std::optional<long long> limit;
  long long threads = 0;
  std::optional<std::string> max_memory;
  bool no_header = false;
  app.add_option("INPUT", o.inputs,
                 "table(s) to summarize: .csv/.tsv/.json/.jsonl/.ndjson/.parquet/.arrow/.feather/.arrows files, "
                 "- for stdin, or postgresql://…?table=T / sqlite:///path.db?table=T (or with --query); several inputs are "
                 "read as one table (columns matched by name, rows in input order)")
      ->required();
  app.add_option("--cost", cost, "cost model: paper (default), tsum-dask, tsum-js or entropy");
  long long beam = 3;
  app.add_option("--search", search, "pattern search: greedy (default; the spec's local expansion), beam or bottom-up");
  app.add_option("--beam", beam, "beam width K for --search beam (default 3)");
  app.add_option("--columns", columns,
                 "summarize only these columns (comma-separated; a name holding a comma in double quotes: '\"a,b\",c')");
  app.add_option("--column", column_args, "summarize only this column (repeatable; any name, commas included)")
      ->allow_extra_args(false);
  app.add_option("--exclude", exclude, "leave these columns out (comma-separated, quoted as --columns)");
  app.add_option("--format", format,
                 "output: text (default), json, markdown, html (one self-contained page) or csv, any case; "
                 "default with -o: from its extension (.json, .md, .html, .csv), else text");
  app.add_option("-o,--output", o.output, "write the output to FILE (atomically) instead of stdout (- is stdout)");
  app.add_option("--width", width,
                 "text output: at most N columns wide, long values shortened with an ellipsis (default: the "
                 "terminal's width on a terminal, else no limit; 0: no limit)");
  app.add_option("--limit", limit, "report only the top K patterns, in every format (0: all; default: all in JSON/CSV/HTML, 20 in text and Markdown)");
  app.add_option("--threads", threads, "worker threads (default: all cores); never changes the answer");
  app.add_option("--input-format", input_format, "csv, tsv, json, jsonl, parquet or arrow (default: from the extension, else sniffed)");
  app.add_option("--delimiter", delimiter, "CSV field delimiter (default: detected among , tab ; |)");
  app.add_flag("--no-header", no_header, "CSV has no header row; columns are named col1..colN");
  app.add_option("--null-values", null_values,
                 "texts that stand for NULL, comma-separated (e.g. 'NA,N/A,-'); a cell equal to one is NULL");
  app.add_option("--encoding", encoding, "text encoding of CSV and JSON input: utf-8 (default) or latin-1");
  app.add_option("--ragged", ragged,
                 "CSV rows with more or fewer fields than the header: error (default), pad (fill with NULL, cut "
                 "extra fields) or skip (leave them out); a warning says how many rows");
  app.add_option("--query", o.read.query,
                 "database inputs: run this SQL (e.g. \"SELECT ...\") instead of the URL's ?table=");
  std::vector<std::string> bins_args, type_args;
  app.add_option("--bins", bins_args,
                 "paper model: bin numbers, dates and timestamps: none, auto (default) or N bins; per column "
                 "COLUMN=none|auto|N (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--type", type_args,
                 "paper model: read COLUMN as TYPE (string, integer, float, boolean, date, timestamp) instead of "
                 "the inferred type: COLUMN=TYPE (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--keep-id-columns", o.prepare.keep_id_columns,
               "paper model: keep identifier-like columns (nearly every value distinct), left out by default");
  app.add_option("--max-memory", max_memory,
                 "stop with an error, instead of being killed, when the run would need more memory than SIZE "
                 "(e.g. 512M, 4G; none for no limit); default: 75 % of the physical memory");
  app.add_option("--where", o.where,
                 "summarize only the rows matching this condition: col = 'v' AND col IN ('a', 'b') AND col >= 3 "
                 "AND col IS NULL ... (docs/drilldown.md)");
  long long explain = 0;
  app.add_option("--explain", explain,
                 "instead of the summary, explain pattern N: its rows as a --where condition, its first rows, and "
                 "what else they hold (also: tsum explain N INPUT...)");
  app.add_flag("-q,--quiet", o.quiet, "no progress bar (shown on stderr only when it is a terminal)");
  app.add_flag("--stats", o.stats, "print where the time went (read, expand, marshal, render) to stderr");
  if (std::optional<int> status = print_docs_if_asked(app, argc, argv)) return *status;  // man page, completions
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    throw UsageError(message + " (run tsum --help)");
  }
  if (app.count("--explain")) {
    if (explain < 1) throw UsageError("--explain takes a pattern's rank, 1 or more, got " + std::to_string(explain));
    o.explain = static_cast<size_t>(explain);
  }
  o.summarize.cost_model = parse_cost_model(cost);
  o.prepare.cost_model = o.summarize.cost_model;
  o.summarize.search = parse_search(search);
  if (beam < 1 || beam > 64) throw UsageError("--beam must be between 1 and 64, got " + std::to_string(beam));
  o.summarize.beam = static_cast<size_t>(beam);
  for (const std::string& arg : bins_args) apply_bins_argument(arg, o.prepare);
  for (const std::string& arg : type_args) apply_type_argument(arg, o.prepare);
  if (o.output && *o.output == "-") o.output.reset();
  if (app.count("--format")) o.format = parse_output_format(format);
  else if (o.output) o.format = format_from_extension(*o.output);
  if (width) {
    if (*width < 0 || *width > 100000) throw UsageError("--width must be between 0 (no limit) and 100000, got " + std::to_string(*width));
    o.width = static_cast<size_t>(*width);
  }
  if (!encoding.empty()) o.read.encoding = parse_encoding(encoding);
  if (!ragged.empty()) o.read.ragged = parse_ragged(ragged);
  if (app.count("--null-values")) {
    o.read.null_values = split_commas(null_values);
    if (o.read.null_values.empty()) throw UsageError("--null-values: no values given");
  }
  if (o.explain && (o.format == OutputFormat::kHtml || o.format == OutputFormat::kCsv)) {
    throw UsageError(std::string("--explain writes text, json or markdown, not ") +
                     (o.format == OutputFormat::kHtml ? "html" : "csv"));
  }
  if (!input_format.empty()) o.read.format = parse_input_format(input_format);
  if (!delimiter.empty()) o.read.delimiter = parse_delimiter(delimiter);
  o.read.header = !no_header;
  // More threads than this only wastes memory, and very many make TBB itself crash.
  if (threads < 0 || threads > kMaxThreads) {
    throw UsageError("--threads must be between 0 (all cores) and " + std::to_string(kMaxThreads) + ", got " +
                     std::to_string(threads));
  }
  if (limit && *limit < 0) throw UsageError("--limit must be 0 or more, got " + std::to_string(*limit));
  o.read.threads = static_cast<unsigned>(threads);
  o.summarize.threads = o.read.threads;
  o.prepare.threads = o.read.threads;
  if (limit) o.summarize.limit = static_cast<size_t>(*limit);
  if (max_memory) o.read.max_memory = MemoryLimit::parse(*max_memory);
  o.columns = split_commas(columns);
  o.exclude = split_commas(exclude);
  o.prepare.excluded_by_user = o.exclude;
  if (app.count("--columns") && o.columns.empty()) throw UsageError("--columns: no column names given");
  for (const std::string& name : column_args) {
    if (name.empty()) throw UsageError("--column: the column name is empty");
    o.columns.push_back(name);
  }
  if (app.count("--exclude") && o.exclude.empty()) throw UsageError("--exclude: no column names given");
  for (const std::string& input : o.inputs) {
    if (input.empty()) throw UsageError("an INPUT is an empty string; expected a file, - or a database URL");
  }
  return o;
}

}  // namespace tsum::cli
