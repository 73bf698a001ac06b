// `tsum diff`: parses its options (CLI11), reads each side through the same readers as
// the main command (tsum/read.h), diffs (tsum/diff.h) and renders.
#include "diff_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "atomic_write.h"
#include "cli_docs.h"
#include "io/memory_limit.h"
#include "tsum/diff.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum::cli {
namespace {

constexpr long long kMaxThreads = 1024;

std::string side_label(const std::vector<std::string>& inputs) {
  std::string label;
  for (const std::string& path : inputs) {
    if (!label.empty()) label += ' ';
    label += path == "-" ? "<stdin>" : display_input_name(path);  // never a password
  }
  return label;
}

struct DiffCli {
  std::vector<std::string> positional, old_inputs, new_inputs;
  std::optional<std::string> by, output;
  std::string format = "text";
  ReadOptions read;
  DiffOptions diff;
};

// Parses argv; nullopt when --help was printed.
std::optional<DiffCli> parse(int argc, char** argv) {
  DiffCli o;
  CLI::App app{"tsum diff: what changed between two tables, as TSum patterns whose share differs significantly.\n"
               "  tsum diff [options] OLD NEW\n  tsum diff [options] --old A --old B --new C\n"
               "  tsum diff [options] --by COLUMN[=VALUE] INPUT...",
               "tsum diff"};
  std::string cost = "paper", input_format, delimiter, columns, exclude;
  std::optional<long long> limit;
  long long threads = 0;
  std::optional<std::string> max_memory;
  bool no_header = false, quiet = false;
  std::vector<std::string> bins_args, type_args;
  app.add_option("INPUT", o.positional, "OLD NEW (two inputs), or with --by the input(s) to split");
  app.add_option("--old", o.old_inputs, "an OLD input (repeatable: several are read as one table)")->allow_extra_args(false);
  app.add_option("--new", o.new_inputs, "a NEW input (repeatable)")->allow_extra_args(false);
  app.add_option("--by", o.by, "contrast the rows of each value of COLUMN (or only VALUE: COLUMN=VALUE) with the rest");
  app.add_option("--alpha", o.diff.alpha, "family-wise significance level, layered Bonferroni over all patterns (default 0.05)");
  app.add_option("--cost", cost, "cost model the patterns are mined with: paper (default), tsum-dask or tsum-js");
  app.add_option("--columns", columns, "compare only these columns (comma-separated)");
  app.add_option("--exclude", exclude, "leave these columns out (comma-separated)");
  app.add_option("--format", o.format, "output: text (default), json, markdown, html or csv");
  app.add_option("-o,--output", o.output, "write the output to FILE (atomically) instead of stdout (- is stdout)");
  app.add_option("--limit", limit, "report only the top K patterns of each diff");
  app.add_option("--threads", threads, "worker threads (default: all cores); never changes the answer");
  app.add_option("--input-format", input_format, "csv, tsv, json, jsonl, parquet or arrow (default: from the extension, else sniffed)");
  app.add_option("--delimiter", delimiter, "CSV field delimiter (default: detected among , tab ; |)");
  app.add_flag("--no-header", no_header, "CSV has no header row; columns are named col1..colN");
  app.add_option("--query", o.read.query, "database inputs: run this SQL instead of the URL's ?table=");
  app.add_option("--bins", bins_args, "paper model: none, auto (default), N, or COLUMN=none|auto|N; edges over both sides")
      ->allow_extra_args(false);
  app.add_option("--type", type_args, "paper model: COLUMN=TYPE (string, integer, float, boolean, date, timestamp)")
      ->allow_extra_args(false);
  app.add_flag("--keep-id-columns", o.diff.prepare.keep_id_columns, "paper model: keep identifier-like columns");
  app.add_option("--max-memory", max_memory, "stop with an error when reading would need more memory than SIZE (512M, 4G, none)");
  app.add_flag("-q,--quiet", quiet, "accepted for symmetry with tsum; diff draws no progress bar");
  if (capture_app_for_docs(app)) return std::nullopt;  // tsum --help-man, --completions
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string(e.what()) + " (run tsum diff --help)");
  }
  o.diff.cost_model = parse_cost_model(cost);
  o.diff.prepare.cost_model = o.diff.cost_model;
  for (const std::string& arg : bins_args) apply_bins_argument(arg, o.diff.prepare);
  for (const std::string& arg : type_args) apply_type_argument(arg, o.diff.prepare);
  if (o.output && *o.output == "-") o.output.reset();
  if (o.format == "md") o.format = "markdown";
  if (o.format != "text" && o.format != "json" && o.format != "markdown" && o.format != "html" && o.format != "csv") {
    throw UsageError("unknown --format '" + o.format + "' (expected text, json, markdown, html or csv)");
  }
  if (!input_format.empty()) o.read.format = parse_input_format(input_format);
  if (!delimiter.empty()) o.read.delimiter = parse_delimiter(delimiter);
  o.read.header = !no_header;
  if (threads < 0 || threads > kMaxThreads) {
    throw UsageError(fmt::format("--threads must be between 0 (all cores) and {}, got {}", kMaxThreads, threads));
  }
  if (limit && *limit < 0) throw UsageError(fmt::format("--limit must be 0 or more, got {}", *limit));
  if (!(o.diff.alpha > 0 && o.diff.alpha < 1)) throw UsageError(fmt::format("--alpha must be between 0 and 1, got {}", o.diff.alpha));
  o.read.threads = o.diff.threads = o.diff.prepare.threads = static_cast<unsigned>(threads);
  if (limit) o.diff.limit = static_cast<size_t>(*limit);
  if (max_memory) o.read.max_memory = MemoryLimit::parse(*max_memory);
  o.diff.columns = split_commas(columns);
  o.diff.exclude = split_commas(exclude);
  o.diff.prepare.excluded_by_user = o.diff.exclude;
  if (app.count("--columns") && o.diff.columns.empty()) throw UsageError("--columns: no column names given");
  if (app.count("--exclude") && o.diff.exclude.empty()) throw UsageError("--exclude: no column names given");

  const bool sides = !o.old_inputs.empty() || !o.new_inputs.empty();
  if (o.by) {
    if (sides) throw UsageError("--by splits one input; it cannot be combined with --old/--new");
    if (o.positional.empty()) throw UsageError("--by needs an INPUT to split");
    if (o.by->empty() || o.by->front() == '=') throw UsageError("--by needs a COLUMN (or COLUMN=VALUE)");
  } else if (sides) {
    if (!o.positional.empty()) throw UsageError("give the inputs either as OLD NEW or with --old/--new, not both");
    if (o.old_inputs.empty() || o.new_inputs.empty()) throw UsageError("--old and --new are both needed");
  } else {
    if (o.positional.size() != 2) {
      throw UsageError(fmt::format("expected two inputs, OLD and NEW, got {} (several files per side: --old A --old B --new C)",
                                   o.positional.size()));
    }
    o.old_inputs = {o.positional[0]};
    o.new_inputs = {o.positional[1]};
  }
  for (const auto* list : {&o.positional, &o.old_inputs, &o.new_inputs}) {
    for (const std::string& input : *list) {
      if (input.empty()) throw UsageError("an INPUT is an empty string; expected a file, - or a database URL");
    }
  }
  return o;
}

std::string render(const std::vector<Diff>& diffs, const std::string& format) {
  if (format == "json") return render_diff_json(diffs);
  if (format == "markdown") return render_diff_markdown(diffs);
  if (format == "html") return render_diff_html(diffs);
  if (format == "csv") return render_diff_csv(diffs);
  return render_diff_text(diffs);
}

}  // namespace

int run_diff(int argc, char** argv) {
  std::optional<DiffCli> parsed = parse(argc, argv);
  if (!parsed) return 0;
  DiffCli& o = *parsed;
  std::vector<Diff> diffs;
  if (o.by) {
    std::string column = *o.by;
    std::optional<std::string> value;
    if (size_t eq = column.find('='); eq != std::string::npos) {
      value = column.substr(eq + 1);
      column.resize(eq);
    }
    diffs = diff_by(read_tables(o.positional, o.read), column, value, o.diff);
  } else {
    o.diff.old_name = side_label(o.old_inputs);
    o.diff.new_name = side_label(o.new_inputs);
    Table old_table = read_tables(o.old_inputs, o.read);
    Table new_table = read_tables(o.new_inputs, o.read);
    diffs.push_back(diff_tables(old_table, new_table, o.diff));
  }
  std::string text = render(diffs, o.format);
  if (o.output) {
    write_file_atomically(*o.output, text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw DataError("cannot write to standard output");
  }
  return 0;
}

}  // namespace tsum::cli
