// The search on tables of many small groups, built in memory: R rows, D columns, each
// cell uniform among L labels v0 ... v(L-1) (the case where a search that rescans every
// value for every pattern falls off a cliff). Runs summarize() with the incremental
// structures or the plain rescanning path and reports work and time.
//
//   tsum_bench_cliff --rows 1000000 --labels 100000 [--columns 5] [--seed 1]
//                    [--cost paper|tsum-dask|tsum-js] [--threads T] [--plain|--trees] [--runs N]
//
// --plain: SearchPath::kPlain (the spec's loops); --trees: SearchPath::kIncremental;
// default: SearchPath::kAdaptive, what tsum uses.
//
// Prints one JSON object: patterns, the engine's expand/marshal seconds and CPU seconds of
// each run (process CPU time around summarize(), all threads), and the evaluation
// counters (deterministic: the figure to quote on a busy machine).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include "tsum/summarize.h"
#include "tsum/table_builder.h"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

tsum::Table build(uint64_t rows, uint64_t labels, size_t columns, uint64_t seed) {
  std::vector<std::string> names;
  for (size_t c = 0; c < columns; ++c) names.push_back(fmt::format("c{}", c));
  tsum::TableBuilder builder(names);
  tsum::ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(seed);
  for (uint64_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < columns; ++c) chunk.add_text(c, fmt::format("v{}", rng() % labels));
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

int run(int argc, char** argv) {
  uint64_t rows = 1000000, labels = 100000, seed = 1;
  size_t columns = 5, runs = 1;
  tsum::SummarizeOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--rows") rows = static_cast<uint64_t>(std::stod(value()));
    else if (a == "--labels") labels = static_cast<uint64_t>(std::stod(value()));
    else if (a == "--columns") columns = std::stoul(value());
    else if (a == "--seed") seed = std::stoull(value());
    else if (a == "--runs") runs = std::stoul(value());
    else if (a == "--threads") options.threads = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--cost") options.cost_model = tsum::parse_cost_model(value());
    else if (a == "--plain") options.search_path = tsum::SearchPath::kPlain;
    else if (a == "--trees") options.search_path = tsum::SearchPath::kIncremental;
    else throw std::runtime_error("unknown option " + a);
  }
  if (labels == 0 || columns == 0) throw std::runtime_error("--labels and --columns must be positive");
  tsum::Table table = build(rows, labels, columns, seed);
  const char* path = options.search_path == tsum::SearchPath::kPlain         ? "plain"
                     : options.search_path == tsum::SearchPath::kIncremental ? "trees"
                                                                             : "adaptive";
  std::string out =
      fmt::format("{{\"rows\":{},\"labels\":{},\"columns\":{},\"path\":\"{}\",\"runs\":[", rows, labels, columns, path);
  tsum::Summary summary;
  for (size_t r = 0; r < runs; ++r) {
    double cpu0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    summary = tsum::summarize(table, options);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out += fmt::format("{}{{\"seconds\":{:.4f},\"cpu_seconds\":{:.4f},\"expand_seconds\":{:.4f},\"marshal_seconds\":{:.4f}}}",
                       r ? "," : "", wall, cpu_seconds() - cpu0, summary.expand_seconds, summary.marshal_seconds);
  }
  out += fmt::format("],\"patterns\":{},\"expand_evaluations\":{},\"marshal_evaluations\":{}}}\n",
                     summary.total_patterns, summary.expand_evaluations, summary.marshal_evaluations);
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tsum_bench_cliff: error: %s\n", e.what());
    return 1;
  }
}
