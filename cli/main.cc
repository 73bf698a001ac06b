// The tsum command: read a table, summarize it, render the summary.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <new>

#include "atomic_write.h"
#include "cli_options.h"
#include "tsum/error.h"
#include "tsum/read.h"
#include "tsum/report.h"
#include "tsum/summarize.h"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long peak_rss_mib() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// How reports name the input: the path, or the paths joined when there are several.
std::string input_label(const std::vector<std::string>& inputs) {
  std::string label;
  for (const std::string& path : inputs) {
    if (!label.empty()) label += ' ';
    label += path == "-" ? "<stdin>" : path;
  }
  return label;
}

int run(int argc, char** argv) {
  auto parsed = tsum::cli::parse_command_line(argc, argv);
  if (std::holds_alternative<int>(parsed)) return std::get<int>(parsed);
  const tsum::cli::CliOptions& o = std::get<tsum::cli::CliOptions>(parsed);

  auto t0 = Clock::now();
  tsum::Table table = tsum::read_tables(o.inputs, o.read);
  double read_seconds = seconds_since(t0);
  table = table.select(o.columns, o.exclude);

  tsum::Summary summary = tsum::summarize(table, o.summarize);

  auto t1 = Clock::now();
  tsum::ReportOptions report{input_label(o.inputs)};
  std::string text;
  switch (o.format) {
    case tsum::cli::OutputFormat::kJson: text = tsum::render_json(summary, report); break;
    case tsum::cli::OutputFormat::kMarkdown: text = tsum::render_markdown(summary, report); break;
    default: text = tsum::render_text(summary, report); break;
  }
  if (o.output) {
    tsum::cli::write_file_atomically(*o.output, text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw tsum::DataError("cannot write to standard output");
  }
  double render_seconds = seconds_since(t1);
  if (o.stats) {
    fmt::print(stderr,
               "tsum stats: read+encode {:.3f} s, expand {:.3f} s, marshal {:.3f} s, render {:.3f} s, total {:.3f} s; "
               "{} rows x {} columns, {} patterns, peak RSS {} MiB\n",
               read_seconds, summary.expand_seconds, summary.marshal_seconds, render_seconds, seconds_since(t0),
               table.rows(), table.num_columns(), summary.total_patterns, peak_rss_mib());
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
