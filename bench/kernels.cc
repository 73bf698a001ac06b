// Counting kernels against the hardware (docs/benchmarks.md, section 3).
//
//   Read/threads:T             plain streaming read of a uint8 array: the sum of its bytes
//                              (the best SIMD the CPU has), i.e. the read bandwidth
//   Hist8/K/threads:T          parallel_histogram over uint8 codes 0..K-1 (K = 2, 4, 16)
//   Hist16/K/threads:T         parallel_histogram over uint16 codes 0..K-1 (K = 256, 4096, 65536)
//   Hist8Scalar/K, Hist16Naive/K, Hist16Skewed/K/naive, Hist8Rows/K, Hist16Rows/K (1 thread):
//                              for comparison, the scalar kernel, the plain one-increment-
//                              per-row loop, skewed data (7 rows in 8 hold one code) with the
//                              kernel and the plain loop, and selection vectors (every other
//                              row, sorted)
//
// Every array has the same size in bytes (--bytes, default 128 MiB: well above any cache
// on the machines we run on), filled with uniformly random codes before timing. T threads
// run in a TBB arena of T threads, the way the engine calls the kernels. Counters:
// bytes_per_second (input bytes) and items_per_second (codes) per wall second, and the
// same per CPU second of the process (cpu_bytes_per_second, cpu_items_per_second).
//
//   tsum_bench_kernels [--bytes=N] [Google Benchmark flags, e.g. --benchmark_format=json]
#include <benchmark/benchmark.h>
#include <immintrin.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/histogram.h"

namespace {

using tsum::RowId;
using tsum::WorkColumn;
namespace hd = tsum::histogram_detail;

uint64_t g_bytes = uint64_t{128} << 20;

// Arrays of uniformly random codes < num_codes (a power of two), one per (width, K),
// generated once and kept for the whole run.
template <class T>
const std::vector<T>& codes_for(uint32_t num_codes) {
  static std::map<uint32_t, std::unique_ptr<std::vector<T>>> cache;
  auto& slot = cache[num_codes];
  if (!slot) {
    slot = std::make_unique<std::vector<T>>(g_bytes / sizeof(T));
    std::vector<T>& v = *slot;
    uint64_t x = 0x9E3779B97F4A7C15ull ^ num_codes;
    const uint64_t per_word = 8 / sizeof(T);
    for (size_t i = 0; i < v.size(); i += per_word) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64
      uint64_t w = x;
      for (size_t j = 0; j < per_word && i + j < v.size(); ++j, w >>= 8 * sizeof(T)) {
        v[i + j] = static_cast<T>(w & (num_codes - 1));
      }
    }
  }
  return *slot;
}

// Skewed: 7 rows in 8 hold code 1, the others a uniformly random code (real columns are
// often like this; consecutive equal codes are what the sub-histograms are for).
const std::vector<uint16_t>& skewed_codes(uint32_t num_codes) {
  static std::map<uint32_t, std::unique_ptr<std::vector<uint16_t>>> cache;
  auto& slot = cache[num_codes];
  if (!slot) {
    slot = std::make_unique<std::vector<uint16_t>>(g_bytes / sizeof(uint16_t));
    uint64_t x = 0x2545F4914F6CDD1Dull ^ num_codes;
    for (uint16_t& c : *slot) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      c = static_cast<uint16_t>((x & 7) ? 1 : (x >> 3) & (num_codes - 1));
    }
  }
  return *slot;
}

// Every other row, sorted: a selection vector over half of the array.
const std::vector<RowId>& half_rows(uint64_t n) {
  static std::map<uint64_t, std::vector<RowId>> cache;
  auto& rows = cache[n];
  if (rows.empty()) {
    rows.resize(n / 2);
    for (uint64_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<RowId>(2 * i + (i % 3 == 0));
  }
  return rows;
}

// ---- streaming read ---------------------------------------------------------------

__attribute__((target("avx512f,avx512bw"))) uint64_t sum_avx512(const uint8_t* p, uint64_t n) {
  const __m512i zero = _mm512_setzero_si512();
  __m512i a0 = zero, a1 = zero, a2 = zero, a3 = zero;
  uint64_t i = 0;
  for (; i + 256 <= n; i += 256) {
    a0 = _mm512_add_epi64(a0, _mm512_sad_epu8(_mm512_loadu_si512(p + i), zero));
    a1 = _mm512_add_epi64(a1, _mm512_sad_epu8(_mm512_loadu_si512(p + i + 64), zero));
    a2 = _mm512_add_epi64(a2, _mm512_sad_epu8(_mm512_loadu_si512(p + i + 128), zero));
    a3 = _mm512_add_epi64(a3, _mm512_sad_epu8(_mm512_loadu_si512(p + i + 192), zero));
  }
  alignas(64) uint64_t lanes[8];  // (GCC 12's _mm512_reduce_add_epi64 warns spuriously)
  _mm512_store_si512(lanes, _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3)));
  uint64_t s = 0;
  for (uint64_t lane : lanes) s += lane;
  for (; i < n; ++i) s += p[i];
  return s;
}

__attribute__((target("avx2"))) uint64_t sum_avx2(const uint8_t* p, uint64_t n) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i a0 = zero, a1 = zero, a2 = zero, a3 = zero;
  uint64_t i = 0;
  for (; i + 128 <= n; i += 128) {
    a0 = _mm256_add_epi64(a0, _mm256_sad_epu8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)), zero));
    a1 = _mm256_add_epi64(a1, _mm256_sad_epu8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32)), zero));
    a2 = _mm256_add_epi64(a2, _mm256_sad_epu8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 64)), zero));
    a3 = _mm256_add_epi64(a3, _mm256_sad_epu8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 96)), zero));
  }
  __m256i a = _mm256_add_epi64(_mm256_add_epi64(a0, a1), _mm256_add_epi64(a2, a3));
  uint64_t s = static_cast<uint64_t>(_mm256_extract_epi64(a, 0) + _mm256_extract_epi64(a, 1) +
                                     _mm256_extract_epi64(a, 2) + _mm256_extract_epi64(a, 3));
  for (; i < n; ++i) s += p[i];
  return s;
}

uint64_t sum_scalar(const uint8_t* p, uint64_t n) {
  uint64_t s = 0;
  for (uint64_t i = 0; i < n; ++i) s += p[i];
  return s;
}

uint64_t sum_bytes(const uint8_t* p, uint64_t n) {
  static const auto fn = hd::isa_supported(hd::Isa::kAvx512) ? &sum_avx512
                         : hd::isa_supported(hd::Isa::kAvx2) ? &sum_avx2
                                                              : &sum_scalar;
  return fn(p, n);
}

// Same blocking as parallel_histogram: fixed blocks, per-thread partial sums.
uint64_t parallel_sum(const uint8_t* p, uint64_t n) {
  constexpr uint64_t kBlock = uint64_t{1} << 18;
  const uint64_t blocks = (n + kBlock - 1) / kBlock;
  if (tbb::this_task_arena::max_concurrency() <= 1) return sum_bytes(p, n);
  tbb::enumerable_thread_specific<uint64_t> partial(0);
  tbb::parallel_for(tbb::blocked_range<uint64_t>(0, blocks), [&](const tbb::blocked_range<uint64_t>& r) {
    const uint64_t b = r.begin() * kBlock, e = std::min(n, r.end() * kBlock);
    partial.local() += sum_bytes(p + b, e - b);
  });
  return partial.combine([](uint64_t a, uint64_t b) { return a + b; });
}

// CPU time of the whole process (every thread), in seconds.
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Throughput per wall second (bytes_per_second, items_per_second: Google Benchmark's own,
// with UseRealTime) and per CPU second of the whole process (cpu_bytes_per_second,
// cpu_items_per_second): on a machine shared with other work, the second estimates what
// one core does when it runs, i.e. the per-core rate.
void set_counters(benchmark::State& state, uint64_t items, uint64_t bytes, double cpu_seconds) {
  const double n = static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * items));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  if (cpu_seconds > 0) {
    state.counters["cpu_items_per_second"] = benchmark::Counter(n * static_cast<double>(items) / cpu_seconds);
    state.counters["cpu_bytes_per_second"] = benchmark::Counter(n * static_cast<double>(bytes) / cpu_seconds);
  }
}

// Process CPU seconds spent in the timed loop (timing paused around the per-iteration setup).
class CpuTimer {
 public:
  CpuTimer() : start_(process_cpu_seconds()) {}
  double seconds() const { return process_cpu_seconds() - start_; }

 private:
  double start_;
};

void Read(benchmark::State& state) {
  const std::vector<uint8_t>& v = codes_for<uint8_t>(16);
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  CpuTimer cpu;
  for (auto _ : state) {
    uint64_t s = arena.execute([&] { return parallel_sum(v.data(), v.size()); });
    benchmark::DoNotOptimize(s);
  }
  set_counters(state, v.size(), v.size(), cpu.seconds());
}

template <class T>
void Hist(benchmark::State& state) {
  const uint32_t num_codes = static_cast<uint32_t>(state.range(0));
  const std::vector<T>& v = codes_for<T>(num_codes);
  WorkColumn column(v.data(), sizeof(T) == 1 ? tsum::CodeWidth::k8 : tsum::CodeWidth::k16, num_codes - 1, nullptr);
  std::vector<uint64_t> hist(num_codes);
  tbb::task_arena arena(static_cast<int>(state.range(1)));
  CpuTimer cpu;
  for (auto _ : state) {
    std::fill(hist.begin(), hist.end(), 0);
    arena.execute([&] { tsum::parallel_histogram(column, 0, v.size(), hist.data()); });
    benchmark::DoNotOptimize(hist.data());
  }
  const double cpu_seconds = cpu.seconds();
  if (hist[0] + hist[num_codes - 1] == 0) state.SkipWithError("empty histogram");
  set_counters(state, v.size(), v.size() * sizeof(T), cpu_seconds);
}

void Hist8Scalar(benchmark::State& state) {
  const uint32_t num_codes = static_cast<uint32_t>(state.range(0));
  const std::vector<uint8_t>& v = codes_for<uint8_t>(num_codes);
  std::vector<uint64_t> hist(num_codes);
  CpuTimer cpu;
  for (auto _ : state) {
    std::fill(hist.begin(), hist.end(), 0);
    hd::count_range(v.data(), v.size(), num_codes, hist.data(), hd::Isa::kScalar);
    benchmark::DoNotOptimize(hist.data());
  }
  set_counters(state, v.size(), v.size(), cpu.seconds());
}

void Hist16Naive(benchmark::State& state) {
  const uint32_t num_codes = static_cast<uint32_t>(state.range(0));
  const std::vector<uint16_t>& v = codes_for<uint16_t>(num_codes);
  std::vector<uint64_t> hist(num_codes);
  CpuTimer cpu;
  for (auto _ : state) {
    std::fill(hist.begin(), hist.end(), 0);
    hd::count_naive(v.data(), v.size(), hist.data());
    benchmark::DoNotOptimize(hist.data());
  }
  set_counters(state, v.size(), v.size() * 2, cpu.seconds());
}

// Skewed uint16 codes: the kernel (scalar sub-histograms) and the plain loop.
void Hist16Skewed(benchmark::State& state) {
  const uint32_t num_codes = static_cast<uint32_t>(state.range(0));
  const bool naive = state.range(1) != 0;
  const std::vector<uint16_t>& v = skewed_codes(num_codes);
  std::vector<uint64_t> hist(num_codes);
  CpuTimer cpu;
  for (auto _ : state) {
    std::fill(hist.begin(), hist.end(), 0);
    if (naive) hd::count_naive(v.data(), v.size(), hist.data());
    else hd::count_range(v.data(), v.size(), num_codes, hist.data(), hd::best_isa());
    benchmark::DoNotOptimize(hist.data());
  }
  set_counters(state, v.size(), v.size() * 2, cpu.seconds());
}

template <class T>
void HistRows(benchmark::State& state) {
  const uint32_t num_codes = static_cast<uint32_t>(state.range(0));
  const std::vector<T>& v = codes_for<T>(num_codes);
  const std::vector<RowId>& rows = half_rows(v.size());
  WorkColumn column(v.data(), sizeof(T) == 1 ? tsum::CodeWidth::k8 : tsum::CodeWidth::k16, num_codes - 1, nullptr);
  std::vector<uint64_t> hist(num_codes);
  CpuTimer cpu;
  for (auto _ : state) {
    std::fill(hist.begin(), hist.end(), 0);
    tsum::histogram(column, rows, hist.data());
    benchmark::DoNotOptimize(hist.data());
  }
  set_counters(state, rows.size(), rows.size() * (sizeof(T) + sizeof(RowId)), cpu.seconds());
}

}  // namespace

BENCHMARK(Read)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(Hist<uint8_t>)
    ->Name("Hist8")
    ->ArgNames({"K", "threads"})
    ->ArgsProduct({{2, 4, 16}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Hist<uint16_t>)
    ->Name("Hist16")
    ->ArgNames({"K", "threads"})
    ->ArgsProduct({{256, 4096, 65536}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Hist8Scalar)->ArgName("K")->Arg(16)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(Hist16Naive)->ArgName("K")->Arg(256)->Arg(4096)->Arg(65536)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(Hist16Skewed)
    ->ArgNames({"K", "naive"})
    ->ArgsProduct({{256, 4096, 65536}, {0, 1}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(HistRows<uint8_t>)->Name("Hist8Rows")->ArgName("K")->Arg(4)->Arg(16)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(HistRows<uint16_t>)->Name("Hist16Rows")->ArgName("K")->Arg(4096)->UseRealTime()->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  // Our own flag first: --bytes=N, the size of every array.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--bytes=", 8) == 0) {
      g_bytes = std::strtoull(argv[i] + 8, nullptr, 10);
      if (g_bytes < 1024) g_bytes = 1024;
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("histogram_isa", hd::isa_name(hd::best_isa()));
  benchmark::AddCustomContext("array_bytes", std::to_string(g_bytes));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
