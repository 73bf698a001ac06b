#include "engine/histogram.h"

#include <immintrin.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/engine_settings.h"
#include "table/parallel_for.h"

namespace tsum {
namespace histogram_detail {
namespace {

// ---------------------------------------------------------------------------------
// Instruction sets

#define TSUM_TARGET_AVX2 __attribute__((target("avx2")))
#define TSUM_TARGET_AVX512 __attribute__((target("avx512f,avx512bw")))
#define TSUM_TARGET_GFNI __attribute__((target("avx512f,avx512bw,avx512vbmi,avx512bitalg,gfni")))

bool cpu_has(Isa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kScalar: return true;
    case Isa::kAvx2: return __builtin_cpu_supports("avx2");
    case Isa::kAvx512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    case Isa::kAvx512Gfni:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bitalg") &&
             __builtin_cpu_supports("gfni");
  }
  return false;
}

// The best supported ISA not above `isa`.
Isa usable(Isa isa) {
  if (isa == Isa::kAvx512Gfni && !cpu_has(isa)) isa = Isa::kAvx512;
  if (isa == Isa::kAvx512 && !cpu_has(isa)) isa = Isa::kAvx2;
  if (isa == Isa::kAvx2 && !cpu_has(isa)) isa = Isa::kScalar;
  return isa;
}

Isa detect_isa() {
  Isa best = usable(Isa::kAvx512Gfni);
  // TSUM_HISTOGRAM_ISA=scalar|avx2|avx512bw|avx512gfni lowers the choice (for measurements).
  if (const std::optional<std::string_view> asked = histogram_isa_setting()) {
    for (Isa isa : {Isa::kScalar, Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Gfni}) {
      if (*asked == isa_name(isa) && static_cast<int>(isa) < static_cast<int>(best)) best = isa;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------
// Scalar kernels for any dictionary size.
//
// Consecutive rows often hold the same code; incrementing one counter for both makes the
// second increment wait for the first one's store. S interleaved sub-histograms (row i
// counts into sub-histogram i mod S) keep S increments independent. Inputs are cut into
// pieces of fewer than 2^31 rows so that no 32-bit counter can overflow; each piece is
// folded into the 64-bit histogram.
//
// Counter width is chosen for the cache. Up to 2048 codes, S = 4 sub-histograms of 32-bit
// counters fit in L1. Above that, byte counters: at 65,536 codes 32-bit counters take
// 256 KiB and nearly every increment misses L1, byte counters take 64 KiB and miss about
// half as often (25 % more codes per second here). A byte that wraps to 0 adds 256 to a
// 32-bit carry counter, a branch taken once per 256 increments of one code. Large
// dictionaries get one or two sub-histograms, four when a sample shows many repeats.

constexpr uint64_t kPiece = uint64_t{1} << 31;
constexpr int kUnroll = 8;  // increments per loop iteration

// A per-thread buffer of at least `entries` counters, all zero (callers re-zero it).
template <class Counter>
Counter* scratch(size_t entries) {
  thread_local std::vector<Counter> buffer;
  if (buffer.size() < entries) buffer.assign(entries, 0);
  return buffer.data();
}

// Row i of the input is codes[index(i)]: contiguous rows or a selection vector.
struct Contiguous {
  uint64_t operator()(uint64_t i) const { return i; }
};
struct Selected {
  const RowId* rows;
  uint64_t operator()(uint64_t i) const { return rows[i]; }
};

template <class T, class Index>
void count_direct(const T* codes, Index index, uint64_t n, uint64_t* hist) {
  uint64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    ++hist[codes[index(i)]];
    ++hist[codes[index(i + 1)]];
    ++hist[codes[index(i + 2)]];
    ++hist[codes[index(i + 3)]];
  }
  for (; i < n; ++i) ++hist[codes[index(i)]];
}

// S sub-histograms of Counter (uint32_t, or uint8_t with 32-bit carries).
template <class Counter, int S, class T, class Index>
void count_sub(const T* codes, Index index, uint64_t n, uint32_t num_codes, uint64_t* hist) {
  constexpr bool kBytes = sizeof(Counter) == 1;
  Counter* sub = scratch<Counter>(size_t{S} * num_codes);
  uint32_t* carry = kBytes ? scratch<uint32_t>(num_codes) : nullptr;
  auto add = [&](int s, uint32_t code) {
    if constexpr (kBytes) {
      if (++sub[s * num_codes + code] == 0) [[unlikely]] carry[code] += 256;
    } else {
      ++sub[s * num_codes + code];
    }
  };
  for (uint64_t start = 0; start < n; start += kPiece) {
    const uint64_t end = std::min(n, start + kPiece);
    uint64_t i = start;
    for (; i + kUnroll <= end; i += kUnroll) {
#pragma GCC unroll 8
      for (int s = 0; s < kUnroll; ++s) add(s % S, codes[index(i + s)]);
    }
    for (; i < end; ++i) add(0, codes[index(i)]);
    for (uint32_t k = 0; k < num_codes; ++k) {
      uint64_t sum = 0;
      if constexpr (kBytes) {
        sum = carry[k];
        carry[k] = 0;
      }
      for (int s = 0; s < S; ++s) {
        sum += sub[s * num_codes + k];
        sub[s * num_codes + k] = 0;
      }
      hist[k] += sum;
    }
  }
}

// Clearing and folding the sub-histograms must be cheap next to the increments.
constexpr uint64_t kRowsPerCode = 16;

// Whether neighbouring rows often hold the same code (judged on the first rows): then
// more sub-histograms pay for their larger footprint. On uniform data they do not.
template <class T, class Index>
bool repeats_often(const T* codes, Index index, uint64_t n) {
  const uint64_t sample = std::min<uint64_t>(n, 1024);
  uint64_t repeats = 0;
  for (uint64_t i = 1; i < sample; ++i) repeats += codes[index(i)] == codes[index(i - 1)];
  return repeats * 8 > sample;
}

template <class T, class Index>
void count_scalar(const T* codes, Index index, uint64_t n, uint32_t num_codes, uint64_t* hist) {
  if (n < kRowsPerCode * num_codes || num_codes > (1u << 16)) return count_direct(codes, index, n, hist);
  if (num_codes <= 2048) return count_sub<uint32_t, 4>(codes, index, n, num_codes, hist);
  if (repeats_often(codes, index, n)) return count_sub<uint8_t, 4>(codes, index, n, num_codes, hist);
  if (num_codes <= 8192) return count_sub<uint8_t, 2>(codes, index, n, num_codes, hist);
  return count_sub<uint8_t, 1>(codes, index, n, num_codes, hist);
}

// ---------------------------------------------------------------------------------
// SIMD kernels for 8-bit codes and small dictionaries. NULL (code 0) is counted like
// any other code. Zero padding from masked tail loads counts as code 0 and is taken out.

// Software prefetch distance: with several vector operations per block, the hardware
// prefetcher alone leaves the kernels short of the streaming bandwidth. Prefetching past
// the end of the input is harmless (prefetches do not fault).
constexpr int kPrefetch = 2048;

// Sum of the eight 64-bit lanes (through memory: GCC 12's _mm512_reduce_add_epi64 warns
// about an uninitialised temporary inside the intrinsic).
TSUM_TARGET_AVX512 inline void add_lanes(__m512i v, uint64_t* out) {
  alignas(64) uint64_t lanes[8];
  _mm512_store_si512(lanes, v);
  for (int i = 0; i < 8; ++i) out[i] += lanes[i];
}

// AVX-512 BW + VBMI + BITALG + GFNI, up to 8 * G codes (G <= 8, codes < 64).
//
// For each group g of 8 codes, vpermb maps every byte to a one-hot byte (bit c - 8g set
// when its code c is in the group, else 0). gf2p8affineqb with the one-hot qword as the
// matrix and the bytes 1, 2, 4, ..., 128 as the vectors transposes each 8 x 8 bit block:
// byte t of a qword then holds bit t of the qword's 8 bytes, and vpopcntb turns it into
// the number of those 8 rows holding code 8g + t. Byte counters (at most 8 per block)
// are flushed every 31 blocks: vpermb transposes the 8 x 8 byte matrix and psadbw sums
// each code's 8 counters into a 64-bit lane. Four vector operations per 64 rows and
// group, whatever the data.
template <int G>
TSUM_TARGET_GFNI void small_gfni(const uint8_t* p, uint64_t n, uint32_t num_codes, uint64_t* hist) {
  __m512i lut[G];
  for (int g = 0; g < G; ++g) {
    alignas(64) uint8_t t[64] = {};
    for (int j = 0; j < 8; ++j) t[8 * g + j] = static_cast<uint8_t>(1u << j);
    lut[g] = _mm512_load_si512(t);
  }
  alignas(64) uint8_t tr[64];
  for (int q = 0; q < 8; ++q)
    for (int t = 0; t < 8; ++t) tr[t * 8 + q] = static_cast<uint8_t>(q * 8 + t);
  const __m512i transpose = _mm512_load_si512(tr);
  const __m512i unit_bytes = _mm512_set1_epi64(static_cast<long long>(0x8040201008040201ull));
  const __m512i zero = _mm512_setzero_si512();
  // (maskz_ forms: GCC 12's unmasked vpermb intrinsic warns about an uninitialised temporary)
  constexpr __mmask64 kAll = ~__mmask64{0};
  __m512i total[G];
#pragma GCC unroll 8
  for (int g = 0; g < G; ++g) total[g] = zero;

  const uint64_t blocks = n / 64;
  const uint64_t rest = n % 64;
  for (uint64_t b = 0; b < blocks + (rest != 0);) {
    const uint64_t m = std::min<uint64_t>(blocks - std::min(b, blocks), 31);
    __m512i acc[G];
#pragma GCC unroll 8
    for (int g = 0; g < G; ++g) acc[g] = zero;
    const uint8_t* q = p + b * 64;
    for (uint64_t j = 0; j < m; ++j, q += 64) {
      _mm_prefetch(reinterpret_cast<const char*>(q) + kPrefetch, _MM_HINT_T0);
      const __m512i x = _mm512_loadu_si512(q);
#pragma GCC unroll 8
      for (int g = 0; g < G; ++g) {
        const __m512i bits = _mm512_gf2p8affine_epi64_epi8(unit_bytes, _mm512_maskz_permutexvar_epi8(kAll, x, lut[g]), 0);
        acc[g] = _mm512_add_epi8(acc[g], _mm512_popcnt_epi8(bits));
      }
    }
    b += m;
    if (m == 0) {  // the tail: fewer than 64 rows, zero padded
      const __m512i x = _mm512_maskz_loadu_epi8((uint64_t{1} << rest) - 1, q);
#pragma GCC unroll 8
      for (int g = 0; g < G; ++g) {
        const __m512i bits = _mm512_gf2p8affine_epi64_epi8(unit_bytes, _mm512_maskz_permutexvar_epi8(kAll, x, lut[g]), 0);
        acc[g] = _mm512_add_epi8(acc[g], _mm512_popcnt_epi8(bits));
      }
      b = blocks + 1;
    }
#pragma GCC unroll 8
    for (int g = 0; g < G; ++g) {
      total[g] = _mm512_add_epi64(total[g], _mm512_sad_epu8(_mm512_maskz_permutexvar_epi8(kAll, transpose, acc[g]), zero));
    }
  }
  uint64_t counts[8 * G] = {};
  for (int g = 0; g < G; ++g) add_lanes(total[g], counts + 8 * g);
  if (rest != 0) counts[0] -= 64 - rest;
  for (uint32_t c = 0; c < num_codes && c < 8 * G; ++c) hist[c] += counts[c];
}

// AVX-512 BW, K <= 16 codes. Each 64-byte block is compared with every non-NULL code
// 1..K-1; a match adds 1 to that code's per-lane byte counter, flushed (psadbw) every
// 255 blocks. NULL's count is n minus the others, so K - 1 compares per block suffice.
template <int K>
TSUM_TARGET_AVX512 void small_avx512(const uint8_t* p, uint64_t n, uint32_t, uint64_t* hist) {
  constexpr int V = K - 1;
  uint64_t total[V] = {};
  const uint64_t blocks = n / 64;
  const __m512i zero = _mm512_setzero_si512();
  const __m512i one = _mm512_set1_epi8(1);
  for (uint64_t b = 0; b < blocks;) {
    const uint64_t m = std::min<uint64_t>(blocks - b, 255);
    __m512i acc[V];
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v) acc[v] = zero;
    const uint8_t* q = p + b * 64;
    for (uint64_t j = 0; j < m; ++j, q += 64) {
      _mm_prefetch(reinterpret_cast<const char*>(q) + kPrefetch, _MM_HINT_T0);
      const __m512i x = _mm512_loadu_si512(q);
#pragma GCC unroll 16
      for (int v = 0; v < V; ++v) {
        const __mmask64 eq = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(static_cast<char>(v + 1)));
        acc[v] = _mm512_mask_add_epi8(acc[v], eq, acc[v], one);
      }
    }
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v) {
      uint64_t lanes[8] = {};
      add_lanes(_mm512_sad_epu8(acc[v], zero), lanes);
      for (uint64_t l : lanes) total[v] += l;
    }
    b += m;
  }
  if (const uint64_t rest = n % 64) {
    const __m512i x = _mm512_maskz_loadu_epi8((uint64_t{1} << rest) - 1, p + blocks * 64);
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v) {
      total[v] += static_cast<uint64_t>(
          __builtin_popcountll(_mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(static_cast<char>(v + 1)))));
    }
  }
  uint64_t non_null = 0;
  for (int v = 0; v < V; ++v) {
    hist[v + 1] += total[v];
    non_null += total[v];
  }
  hist[0] += n - non_null;
}

// AVX2, K <= 16 codes: the same with 32-byte blocks and a scalar tail.
template <int K>
TSUM_TARGET_AVX2 void small_avx2(const uint8_t* p, uint64_t n, uint32_t, uint64_t* hist) {
  constexpr int V = K - 1;
  uint64_t total[V] = {};
  const uint64_t blocks = n / 32;
  const __m256i zero = _mm256_setzero_si256();
  for (uint64_t b = 0; b < blocks;) {
    const uint64_t m = std::min<uint64_t>(blocks - b, 255);
    __m256i acc[V];
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v) acc[v] = zero;
    const uint8_t* q = p + b * 32;
    for (uint64_t j = 0; j < m; ++j, q += 32) {
      _mm_prefetch(reinterpret_cast<const char*>(q) + kPrefetch, _MM_HINT_T0);
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
#pragma GCC unroll 16
      for (int v = 0; v < V; ++v) {
        // cmpeq gives -1 per matching lane: subtracting it counts the match.
        acc[v] = _mm256_sub_epi8(acc[v], _mm256_cmpeq_epi8(x, _mm256_set1_epi8(static_cast<char>(v + 1))));
      }
    }
#pragma GCC unroll 16
    for (int v = 0; v < V; ++v) {
      const __m256i s = _mm256_sad_epu8(acc[v], zero);
      total[v] += static_cast<uint64_t>(_mm256_extract_epi64(s, 0)) + static_cast<uint64_t>(_mm256_extract_epi64(s, 1)) +
                  static_cast<uint64_t>(_mm256_extract_epi64(s, 2)) + static_cast<uint64_t>(_mm256_extract_epi64(s, 3));
    }
    b += m;
  }
  uint64_t non_null = 0;
  for (int v = 0; v < V; ++v) {
    hist[v + 1] += total[v];
    non_null += total[v];
  }
  hist[0] += blocks * 32 - non_null;
  for (uint64_t i = blocks * 32; i < n; ++i) ++hist[p[i]];
}

using SmallKernel = void (*)(const uint8_t*, uint64_t, uint32_t, uint64_t*);

constexpr uint32_t kMaxCompare = 16;  // codes for the compare kernels
constexpr uint32_t kMaxGfni = 64;     // codes for the GFNI kernel

template <size_t... K>
constexpr std::array<SmallKernel, kMaxCompare + 1> avx512_table(std::index_sequence<K...>) {
  return {nullptr, nullptr, &small_avx512<K + 2>...};
}
template <size_t... K>
constexpr std::array<SmallKernel, kMaxCompare + 1> avx2_table(std::index_sequence<K...>) {
  return {nullptr, nullptr, &small_avx2<K + 2>...};
}
constexpr auto kAvx512Small = avx512_table(std::make_index_sequence<kMaxCompare - 1>());
constexpr auto kAvx2Small = avx2_table(std::make_index_sequence<kMaxCompare - 1>());
constexpr std::array<SmallKernel, 9> kGfniSmall = {nullptr,        &small_gfni<1>, &small_gfni<2>,
                                                   &small_gfni<3>, &small_gfni<4>, &small_gfni<5>,
                                                   &small_gfni<6>, &small_gfni<7>, &small_gfni<8>};

// The SIMD kernel for this many 8-bit codes, or nullptr.
SmallKernel small_kernel(uint32_t num_codes, Isa isa) {
  if (num_codes < 2) return nullptr;
  switch (usable(isa)) {
    case Isa::kAvx512Gfni:
      if (num_codes <= kMaxGfni) return kGfniSmall[(num_codes + 7) / 8];
      return nullptr;
    case Isa::kAvx512: return num_codes <= kMaxCompare ? kAvx512Small[num_codes] : nullptr;
    case Isa::kAvx2: return num_codes <= kMaxCompare ? kAvx2Small[num_codes] : nullptr;
    default: return nullptr;
  }
}

// Selection vectors over small dictionaries: gather a buffer of codes, count it by SIMD.
void count_rows_small(const uint8_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist,
                      SmallKernel kernel) {
  constexpr size_t kBuffer = 4096;
  alignas(64) uint8_t buffer[kBuffer];
  for (size_t start = 0; start < rows.size(); start += kBuffer) {
    const size_t m = std::min(kBuffer, rows.size() - start);
    const RowId* r = rows.data() + start;
    size_t i = 0;
    for (; i + 4 <= m; i += 4) {
      buffer[i] = codes[r[i]];
      buffer[i + 1] = codes[r[i + 1]];
      buffer[i + 2] = codes[r[i + 2]];
      buffer[i + 3] = codes[r[i + 3]];
    }
    for (; i < m; ++i) buffer[i] = codes[r[i]];
    kernel(buffer, m, num_codes, hist);
  }
}

// ---------------------------------------------------------------------------------
// Parallel driver: fixed blocks of rows, per-thread 64-bit partial histograms.

constexpr uint64_t kParallelBlock = uint64_t{1} << 18;

template <class Count>
void parallel_blocks(uint64_t n, uint32_t num_codes, uint64_t* hist, const Count& count) {
  // Blocks large enough for the scalar kernels' sub-histograms to pay off.
  const uint64_t block = std::max(kParallelBlock, kRowsPerCode * num_codes);
  const uint64_t blocks = (n + block - 1) / block;
  // Serial when there is one block or one thread, or when clearing and summing a partial
  // histogram per thread would cost more than the counting it shares out.
  if (blocks <= 1 || tbb::this_task_arena::max_concurrency() <= 1 || n < uint64_t{8} * num_codes) {
    count(0, n, hist);
    return;
  }
  tbb::enumerable_thread_specific<std::vector<uint64_t>> partial(
      [num_codes] { return std::vector<uint64_t>(num_codes, 0); });
  tsum::parallel_for(tbb::blocked_range<uint64_t>(0, blocks), [&](const tbb::blocked_range<uint64_t>& r) {
    count(r.begin() * block, std::min(n, r.end() * block), partial.local().data());
  });
  // Integer sums: the totals do not depend on how blocks were shared out.
  for (const std::vector<uint64_t>& p : partial)
    for (uint32_t k = 0; k < num_codes; ++k) hist[k] += p[k];
}

}  // namespace

Isa best_isa() {
  static const Isa isa = detect_isa();
  return isa;
}

bool isa_supported(Isa isa) { return cpu_has(isa); }

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::kScalar: return "scalar";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512bw";
    case Isa::kAvx512Gfni: return "avx512gfni";
  }
  return "?";
}

void count_range(const uint8_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa isa) {
  if (num_codes <= 1) {
    hist[0] += n;
  } else if (SmallKernel kernel = small_kernel(num_codes, isa)) {
    kernel(codes, n, num_codes, hist);
  } else {
    count_scalar(codes, Contiguous{}, n, num_codes, hist);
  }
}

void count_range(const uint16_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa) {
  count_scalar(codes, Contiguous{}, n, num_codes, hist);
}

void count_range(const uint32_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa) {
  count_scalar(codes, Contiguous{}, n, num_codes, hist);
}

void count_rows(const uint8_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa isa) {
  if (num_codes <= 1) {
    hist[0] += rows.size();
  } else if (SmallKernel kernel = small_kernel(num_codes, isa)) {
    count_rows_small(codes, rows, num_codes, hist, kernel);
  } else {
    count_scalar(codes, Selected{rows.data()}, rows.size(), num_codes, hist);
  }
}

void count_rows(const uint16_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa) {
  count_scalar(codes, Selected{rows.data()}, rows.size(), num_codes, hist);
}

void count_rows(const uint32_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa) {
  count_scalar(codes, Selected{rows.data()}, rows.size(), num_codes, hist);
}

}  // namespace histogram_detail

using histogram_detail::best_isa;
using histogram_detail::count_range;
using histogram_detail::count_rows;

void histogram(const WorkColumn& column, uint64_t begin, uint64_t end, uint64_t* hist) {
  const uint32_t num_codes = column.cardinality() + 1;
  column.visit_codes([&](const auto* codes) { count_range(codes + begin, end - begin, num_codes, hist, best_isa()); });
}

void histogram(const WorkColumn& column, std::span<const RowId> rows, uint64_t* hist) {
  const uint32_t num_codes = column.cardinality() + 1;
  column.visit_codes([&](const auto* codes) { count_rows(codes, rows, num_codes, hist, best_isa()); });
}

void parallel_histogram(const WorkColumn& column, uint64_t begin, uint64_t end, uint64_t* hist) {
  const uint32_t num_codes = column.cardinality() + 1;
  histogram_detail::parallel_blocks(end - begin, num_codes, hist, [&](uint64_t b, uint64_t e, uint64_t* h) {
    histogram(column, begin + b, begin + e, h);
  });
}

void parallel_histogram(const WorkColumn& column, std::span<const RowId> rows, uint64_t* hist) {
  const uint32_t num_codes = column.cardinality() + 1;
  histogram_detail::parallel_blocks(rows.size(), num_codes, hist, [&](uint64_t b, uint64_t e, uint64_t* h) {
    histogram(column, rows.subspan(b, e - b), h);
  });
}

}  // namespace tsum
