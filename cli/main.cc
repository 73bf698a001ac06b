// The tsum command: read a table, summarize it, render the summary.
#include <fmt/format.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <new>
#include <optional>

#include "atomic_write.h"
#include "cli_options.h"
#include "diff_command.h"
#include "drilldown/pattern_rows.h"
#include "drilldown/where_clause.h"
#include "state_command.h"
#include "io/memory_limit.h"
#include "prepare/prepare.h"
#include "report/progress.h"
#include "table/row_filter.h"
#include "terminal_progress.h"
#include "tsum/error.h"
#include "tsum/explain.h"
#include "tsum/read.h"
#include "tsum/report.h"
#include "tsum/summarize.h"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Peak resident memory of this process image, from VmHWM in /proc/self/status: unlike
// getrusage's ru_maxrss it is not inherited across exec() from a bigger parent (a
// Python driver, a shell), so it is tsum's own peak. -1 when unavailable.
long peak_rss_mib() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
  }
  std::fclose(f);
  return kib < 0 ? -1 : kib / 1024;
}

// How reports name the input: the path, or the paths joined when there are several.
std::string input_label(const std::vector<std::string>& inputs) {
  std::string label;
  for (const std::string& path : inputs) {
    if (!label.empty()) label += ' ';
    label += path == "-" ? "<stdin>" : tsum::display_input_name(path);  // never a password
  }
  return label;
}

// SOURCE_DATE_EPOCH, when set: an integer number of seconds since 1970-01-01 00:00 UTC, as
// `date +%s` prints it (the reproducible-builds specification). A malformed value fails
// the run, as that specification asks, before the input is read.
std::optional<std::time_t> source_date_epoch() {
  const char* text = std::getenv("SOURCE_DATE_EPOCH");
  if (!text || !*text) return std::nullopt;
  const std::string_view value(text);
  const std::string_view digits = value.substr(value[0] == '-' ? 1 : 0);
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    throw tsum::UsageError(fmt::format(
        "SOURCE_DATE_EPOCH='{}': expected a whole number of seconds since 1970-01-01 00:00 UTC, as date +%s prints",
        value));
  }
  return static_cast<std::time_t>(std::strtoll(text, nullptr, 10));
}

// When the report is made, as the HTML report shows it: local time, or `fixed` (from
// SOURCE_DATE_EPOCH) in UTC, for reproducible output.
std::string report_time(std::optional<std::time_t> fixed) {
  const std::time_t now = fixed ? *fixed : std::time(nullptr);
  std::tm tm{};
  if (fixed ? gmtime_r(&now, &tm) == nullptr : localtime_r(&now, &tm) == nullptr) return "";
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, fixed ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%d %H:%M %Z", &tm);
  return std::string(buffer, n);
}

// The explanation of pattern N, in the chosen format (text, json or markdown).
// A long summary written to a pipe (tsum ... | jq) goes through the pipe's buffer, 64 KiB
// by default: each fill waits for the reader. Asking for a buffer of kPipeBytes (the
// most an unprivileged process may, /proc/sys/fs/pipe-max-size, by default) makes the
// round trips 16 times fewer. Advice only: a refusal, or an output that is not a pipe,
// leaves it as it was.
constexpr size_t kPipeBytes = size_t{1} << 20;
void widen_pipe(int fd) {
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) (void)fcntl(fd, F_SETPIPE_SZ, static_cast<int>(kPipeBytes));
}

std::string render_explanation(const tsum::cli::CliOptions& o, const tsum::Table& selected, const tsum::Table& prepared,
                               const tsum::Summary& summary, const tsum::ReportOptions& report) {
  const tsum::PatternExplanation e = tsum::explain_pattern(selected, prepared, summary, *o.explain);
  switch (o.format) {
    case tsum::cli::OutputFormat::kJson: return tsum::render_explain_json(e, report);
    case tsum::cli::OutputFormat::kMarkdown: return tsum::render_explain_markdown(e, report);
    case tsum::cli::OutputFormat::kText: return tsum::render_explain_text(e, report);
    default: throw tsum::UsageError("--explain writes text, json or markdown");  // refused by parse_command_line
  }
}

// The width text output fits: --width, else the terminal's when stdout is one (from the
// terminal, else COLUMNS), else no limit (0).
size_t text_width(const tsum::cli::CliOptions& o) {
  if (o.width) return *o.width;
  if (isatty(STDOUT_FILENO) != 1) return 0;
  struct winsize ws {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0) {
    return static_cast<size_t>(std::atoi(columns));
  }
  return 80;
}

int run(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "diff") return tsum::cli::run_diff(argc - 1, argv + 1);
  if (argc >= 2 && std::string_view(argv[1]) == "state") return tsum::cli::run_state(argc - 1, argv + 1);
  // `tsum explain N ...` is `tsum --explain N ...`.
  std::vector<char*> args(argv, argv + argc);
  std::string explain_flag = "--explain";
  if (argc >= 2 && std::string_view(argv[1]) == "explain") {
    const std::string_view rank = argc >= 3 ? std::string_view(argv[2]) : std::string_view();
    if (rank.empty() || rank.find_first_not_of("0123456789") != std::string_view::npos) {
      throw tsum::UsageError(fmt::format("tsum explain N INPUT...: N is the rank of a pattern (1, 2, ...), got {}",
                                         argc >= 3 ? "'" + std::string(rank) + "'" : std::string("nothing")));
    }
    args[1] = explain_flag.data();
  }
  auto parsed = tsum::cli::parse_command_line(static_cast<int>(args.size()), args.data());
  if (std::holds_alternative<int>(parsed)) return std::get<int>(parsed);
  const tsum::cli::CliOptions& o = std::get<tsum::cli::CliOptions>(parsed);
  // Only the HTML report shows when it was made.
  const bool dated = o.format == tsum::cli::OutputFormat::kHtml && !o.explain;
  const std::optional<std::time_t> fixed_time = dated ? source_date_epoch() : std::nullopt;

  // A progress bar on stderr when it is a terminal (and not --quiet); erased when done.
  tsum::ReadOptions read_options = o.read;
  tsum::SummarizeOptions summarize_options = o.summarize;
  std::optional<tsum::TerminalProgress> progress;
  if (tsum::TerminalProgress::wanted(STDERR_FILENO, o.quiet)) {
    std::vector<std::string> names;
    for (const std::string& path : o.inputs) names.push_back(path == "-" ? "<stdin>" : tsum::display_input_name(path));
    const auto timing = tsum::TerminalProgress::timing_from_environment();
    progress.emplace(STDERR_FILENO, names, tsum::TerminalProgress::style_from_environment(), timing.delay,
                     timing.interval);
    read_options.progress = summarize_options.progress = [&progress](const tsum::Progress& p) { progress->update(p); };
  }

  // Warnings (a renamed header name, ragged rows): one line each on stderr.
  read_options.warn = [&progress](const std::string& message) {
    if (progress) progress->clear_line();
    fmt::print(stderr, "tsum: warning: {}\n", message);
  };

  // The memory limit (io/memory_limit.h): the readers check it; the search is checked
  // at its progress reports.
  const tsum::MemoryLimit memory(o.read.max_memory ? *o.read.max_memory : tsum::MemoryLimit::default_bytes());
  summarize_options.progress = memory.guard(summarize_options.progress, input_label(o.inputs));

  // One input and no --where: the reader selects the columns, so that a column it cannot
  // read (a nested Arrow column) is no error when left out. Otherwise --where may name a
  // column left out, and several inputs are matched by name first: select afterwards.
  const bool reader_selects = !o.where && o.inputs.size() == 1;
  if (reader_selects) {
    read_options.columns = o.columns;
    read_options.exclude = o.exclude;
  }
  auto t0 = Clock::now();
  tsum::Table table = tsum::read_tables(o.inputs, read_options);
  double read_seconds = seconds_since(t0);
  if (o.where) table = tsum::filter_rows(table, tsum::rows_matching(table, tsum::parse_where(*o.where)));
  if (!reader_selects) table = table.select(o.columns, o.exclude);
  const tsum::Table selected = table;
  if (table.num_columns() == 0 && !o.exclude.empty()) {
    throw tsum::UsageError("--exclude leaves no column to summarize");
  }

  // Preprocessing (src/prepare): types, binning, identifier-like columns; paper model only.
  if (!tsum::prepares_columns(o.summarize.cost_model) && o.prepare.customized()) {
    if (progress) progress->clear_line();
    fmt::print(stderr, "tsum: note: --bins, --type and --keep-id-columns apply only under --cost paper; {} "
               "summarizes the values as read\n", tsum::cost_model_name(o.summarize.cost_model));
  }
  auto t_prepare = Clock::now();
  tsum::PrepareOptions prepare_options = o.prepare;
  prepare_options.describe_numbers = o.format == tsum::cli::OutputFormat::kHtml && !o.explain;
  tsum::PreparedTable prepared = tsum::prepare_table(table, prepare_options);
  double prepare_seconds = seconds_since(t_prepare);
  table = prepared.table;

  tsum::Summary summary = tsum::summarize(table, summarize_options);
  tsum::describe_preparation(prepared, summary);
  if (o.format == tsum::cli::OutputFormat::kHtml && !o.explain) tsum::describe_samples(selected, table, summary);

  auto t1 = Clock::now();
  if (progress) progress->stop();
  tsum::ReportOptions report{input_label(o.inputs)};
  if (dated) report.generated_at = report_time(fixed_time);
  report.elapsed_seconds = seconds_since(t0);
  report.width = o.output ? 0 : text_width(o);
  report.threads = o.summarize.threads;
  std::string text;
  if (o.explain) {
    text = render_explanation(o, selected, table, summary, report);
  } else switch (o.format) {
    case tsum::cli::OutputFormat::kJson: text = tsum::render_json(summary, report); break;
    case tsum::cli::OutputFormat::kMarkdown: text = tsum::render_markdown(summary, report); break;
    case tsum::cli::OutputFormat::kHtml: text = tsum::render_html(summary, report); break;
    case tsum::cli::OutputFormat::kCsv: text = tsum::render_csv(summary, report); break;
    default: text = tsum::render_text(summary, report); break;
  }
  if (o.output) {
    tsum::cli::write_file_atomically(*o.output, text);
  } else {
    if (text.size() > kPipeBytes) widen_pipe(STDOUT_FILENO);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw tsum::DataError("cannot write to standard output");
  }
  double render_seconds = seconds_since(t1);
  if (o.stats) {
    fmt::print(stderr,
               "tsum stats: read+encode {:.3f} s, prepare {:.3f} s, expand {:.3f} s, marshal {:.3f} s, render {:.3f} s, total {:.3f} s; "
               "{} rows x {} columns, {} patterns, peak RSS {} MiB; evaluations: expand {}, marshal {}\n",
               read_seconds, prepare_seconds, summary.expand_seconds, summary.marshal_seconds, render_seconds, seconds_since(t0),
               table.rows(), table.num_columns(), summary.total_patterns, peak_rss_mib(), summary.expand_evaluations,
               summary.marshal_evaluations);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const tsum::Error& e) {
    fmt::print(stderr, "tsum: error: {}\n", e.what());
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "tsum: error: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "tsum: error: {}\n", e.what());
    return 1;
  }
}
