// Summarizes a table built in memory through the C++ API (docs/benchmarks.md, sections 1b, 5 and 6):
// a small base table (read from a file) replicated to N rows, then tsum::summarize.
//
//   tsum_bench_in_memory --base examples/patients.csv --rows 100000000
//                        [--cost tsum-dask] [--threads T] [--builder assembler|chunks]
//                        [--summarize-runs R]
//   tsum_bench_in_memory --describe FILE     rows, columns, encoded size, code width and
//                                            cardinality of each column of a file's Table
//
// Builders:
//   assembler  each Column through ColumnAssembler: codes written in parallel (row r holds
//              base row r mod |base|), counts by parallel_histogram, the base dictionary;
//              what a front end that already holds codes does (e.g. pandas categoricals)
//   chunks     TableBuilder: one ChunkBuilder per 2^20 rows filled in parallel with
//              add_text, then finish(): what a reader does, minus parsing
//
// Prints one JSON object on stdout: build seconds, each summarize run's seconds (with the
// engine's expand/marshal split), the patterns of the last run, encoded bytes and the
// process's peak RSS.
#include <sys/resource.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/histogram.h"
#include "engine/work_table.h"
#include "table/arena_threads.h"
#include "table/column_assembler.h"
#include "tsum/read.h"
#include "tsum/summarize.h"
#include "tsum/table.h"
#include "tsum/table_builder.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Peak RSS of this process: VmHWM, the high-water mark of this program's own address space.
// (getrusage's ru_maxrss also counts the RSS of the process that forked us before exec.)
uint64_t peak_rss_bytes() {
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned long long kib = 0;
    bool found = false;
    while (!found && std::fgets(line, sizeof line, f)) found = std::sscanf(line, "VmHWM: %llu kB", &kib) == 1;
    std::fclose(f);
    if (found) return kib * 1024;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux: KiB
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

uint64_t encoded_bytes(const tsum::Table& t) {
  uint64_t bytes = 0;
  for (size_t c = 0; c < t.num_columns(); ++c) bytes += t.rows() * static_cast<uint64_t>(t.column(c).width());
  return bytes;
}

uint64_t dictionary_bytes(const tsum::Table& t) {
  uint64_t bytes = 0;
  for (size_t c = 0; c < t.num_columns(); ++c) {
    const tsum::Column& col = t.column(c);
    for (uint32_t code = 1; code <= col.cardinality(); ++code) bytes += col.value(code).size() + sizeof(uint64_t);
  }
  return bytes;
}

constexpr uint64_t kBlock = uint64_t{1} << 20;

tsum::Table build_with_assembler(const tsum::Table& base, uint64_t rows) {
  const uint64_t m = base.rows();
  std::vector<std::shared_ptr<const tsum::Column>> columns;
  for (size_t c = 0; c < base.num_columns(); ++c) {
    const tsum::Column& in = base.column(c);
    tsum::ColumnAssembler assembler(in.name(), rows, in.width());
    void* out = assembler.mutable_codes();
    in.visit_codes([&](const auto* src) {
      using T = std::remove_const_t<std::remove_pointer_t<decltype(src)>>;
      T* dst = static_cast<T*>(out);
      tbb::parallel_for(uint64_t{0}, (rows + kBlock - 1) / kBlock, [&](uint64_t b) {
        const uint64_t begin = b * kBlock, end = std::min(rows, begin + kBlock);
        uint64_t i = begin % m;
        for (uint64_t r = begin; r < end; ++r) {
          dst[r] = src[i];
          if (++i == m) i = 0;
        }
      });
    });
    std::vector<uint64_t> counts(in.cardinality() + 1, 0);
    tsum::WorkColumn view(out, in.width(), in.cardinality(), nullptr);
    tsum::parallel_histogram(view, 0, rows, counts.data());
    std::string bytes;
    std::vector<uint64_t> offsets{0};
    for (uint32_t code = 1; code <= in.cardinality(); ++code) {
      bytes += in.value(code);
      offsets.push_back(bytes.size());
    }
    columns.push_back(assembler.finish(std::move(bytes), std::move(offsets), std::move(counts),
                                       in.type() == tsum::ValueType::kNumeric));
  }
  return tsum::Table(std::move(columns), rows);
}

tsum::Table build_with_chunks(const tsum::Table& base, uint64_t rows, unsigned threads) {
  const uint64_t m = base.rows();
  const size_t d = base.num_columns();
  // The base cells as text (nullopt: NULL); numeric-ness follows the CSV rule, as for
  // a CSV reader.
  std::vector<std::vector<std::optional<std::string>>> cells(m, std::vector<std::optional<std::string>>(d));
  for (uint64_t r = 0; r < m; ++r)
    for (size_t c = 0; c < d; ++c)
      if (uint32_t code = base.column(c).code_at(r)) cells[r][c] = std::string(base.column(c).value(code));

  tsum::TableBuilder builder(base.column_names());
  const uint64_t chunks = (rows + kBlock - 1) / kBlock;
  std::vector<tsum::ChunkBuilder> parts;
  parts.reserve(chunks);
  for (uint64_t i = 0; i < chunks; ++i) parts.push_back(builder.make_chunk());
  tbb::parallel_for(uint64_t{0}, chunks, [&](uint64_t b) {
    const uint64_t begin = b * kBlock, end = std::min(rows, begin + kBlock);
    tsum::ChunkBuilder& chunk = parts[b];
    uint64_t i = begin % m;
    for (uint64_t r = begin; r < end; ++r) {
      for (size_t c = 0; c < d; ++c) {
        if (cells[i][c]) chunk.add_text(c, *cells[i][c]);
        else chunk.add_null(c);
      }
      if (++i == m) i = 0;
    }
  });
  for (tsum::ChunkBuilder& chunk : parts) builder.add_chunk(std::move(chunk));
  parts.clear();
  return builder.finish(threads);
}

int usage() {
  std::fprintf(stderr,
               "usage: tsum_bench_in_memory --base FILE --rows N [--cost MODEL] [--threads T]\n"
               "                            [--builder assembler|chunks] [--summarize-runs R]\n"
               "       tsum_bench_in_memory --describe FILE\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  std::string base_path, describe, builder = "assembler", cost = "tsum-dask";
  uint64_t rows = 0;
  unsigned threads = 0;
  int runs = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + arg);
      return argv[++i];
    };
    if (arg == "--base") base_path = value();
    else if (arg == "--rows") rows = static_cast<uint64_t>(std::stod(value()));
    else if (arg == "--cost") cost = value();
    else if (arg == "--threads") threads = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--builder") builder = value();
    else if (arg == "--summarize-runs") runs = std::stoi(value());
    else if (arg == "--describe") describe = value();
    else return usage();
  }

  if (!describe.empty()) {
    tsum::Table t = tsum::read_table(describe);
    std::string detail;
    for (size_t c = 0; c < t.num_columns(); ++c) {
      const tsum::Column& col = t.column(c);
      char buf[96];
      std::snprintf(buf, sizeof buf, ",\"code_bytes\":%d,\"cardinality\":%u}", static_cast<int>(col.width()),
                    col.cardinality());
      detail += c ? ",{\"name\":" : "{\"name\":";
      detail += json_string(col.name());
      detail += buf;
    }
    std::printf("{\"rows\":%llu,\"columns\":%zu,\"encoded_bytes\":%llu,\"dictionary_bytes\":%llu,\"column_detail\":[%s]}\n",
                static_cast<unsigned long long>(t.rows()), t.num_columns(),
                static_cast<unsigned long long>(encoded_bytes(t)), static_cast<unsigned long long>(dictionary_bytes(t)),
                detail.c_str());
    return 0;
  }
  if (base_path.empty() || rows == 0 || runs < 1 || (builder != "assembler" && builder != "chunks")) return usage();

  tsum::SummarizeOptions options;
  options.cost_model = tsum::parse_cost_model(cost);
  options.threads = threads;
  const tsum::Table base = tsum::read_table(base_path);
  if (base.rows() == 0) throw std::runtime_error(base_path + ": no rows");

  tbb::task_arena arena(tsum::arena_threads(threads));
  auto t0 = Clock::now();
  tsum::Table table = arena.execute([&] {
    return builder == "assembler" ? build_with_assembler(base, rows) : build_with_chunks(base, rows, threads);
  });
  const double build_seconds = seconds_since(t0);
  const uint64_t rss_after_build = peak_rss_bytes();

  std::string runs_json;
  tsum::Summary summary;
  for (int r = 0; r < runs; ++r) {
    auto t1 = Clock::now();
    summary = tsum::summarize(table, options);
    const double s = seconds_since(t1);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s{\"seconds\":%.6f,\"expand_seconds\":%.6f,\"marshal_seconds\":%.6f}",
                  r ? "," : "", s, summary.expand_seconds, summary.marshal_seconds);
    runs_json += buf;
  }

  std::string patterns;
  for (size_t i = 0; i < summary.patterns.size(); ++i) {
    const tsum::SummaryPattern& p = summary.patterns[i];
    patterns += i ? ",{\"pattern\":{" : "{\"pattern\":{";
    for (size_t j = 0; j < p.items.size(); ++j) {
      if (j) patterns += ',';
      patterns += json_string(p.items[j].column);
      patterns += ':';
      patterns += json_string(p.items[j].value);
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "},\"saving\":%.17g,\"rows\":%llu,\"coverage\":%.17g}", p.saving,
                  static_cast<unsigned long long>(p.rows), p.coverage);
    patterns += buf;
  }
  std::printf(
      "{\"rows\":%llu,\"columns\":%zu,\"builder\":%s,\"threads\":%u,\"cost_model\":%s,\"build_seconds\":%.6f,"
      "\"summarize\":[%s],\"encoded_bytes\":%llu,\"peak_rss_after_build_bytes\":%llu,\"peak_rss_bytes\":%llu,"
      "\"histogram_isa\":%s,\"patterns\":[%s]}\n",
      static_cast<unsigned long long>(table.rows()), table.num_columns(), json_string(builder).c_str(), threads,
      json_string(cost).c_str(), build_seconds, runs_json.c_str(), static_cast<unsigned long long>(encoded_bytes(table)),
      static_cast<unsigned long long>(rss_after_build), static_cast<unsigned long long>(peak_rss_bytes()),
      json_string(tsum::histogram_detail::isa_name(tsum::histogram_detail::best_isa())).c_str(), patterns.c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "tsum_bench_in_memory: error: %s\n", e.what());
  return 1;
}
