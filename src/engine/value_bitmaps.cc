#include "engine/value_bitmaps.h"

#include <immintrin.h>

#include <algorithm>
#include <optional>

#include "engine/engine_settings.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kBudgetBytes = uint64_t{64} << 20;

// pays(): bitmap words per row the pass would count, with the POPCNT kernel and with
// AVX2's. Measured on 5,000 × 1,500 tables of uniform labels under `entropy` (two
// threads, expand, against the pass): POPCNT (one run each) 3 labels (0.14 words a row)
// 7.7 × faster, 8 labels (1.0) 1.4 ×, 10 labels (1.6) about even, 12 labels (2.3) 1.4 ×
// slower; AVX2 (five runs each) 10 labels 1.15 × faster, 12 labels even
// (docs/benchmarks.md, "Entropy: value bitmaps for few-label columns").
constexpr double kWordsPerRow = 1.5;
constexpr double kWordsPerRowAvx2 = 2.0;

// Below this many rows × columns to fill, the columns are filled on the calling thread.
constexpr uint64_t kSerialBits = uint64_t{1} << 16;

// The kernels: out[j] = the bits set in both a and b + j * words, for j < n. Each takes
// four of b's bitmaps at a time against one read of a, the four counts held in
// registers (one load per count instead of two: the 2,500 × 8,000 table's expand 17.1 ->
// 14.7 s at two threads, one run each).

// Scalar, inlined into each caller so that the POPCNT caller's popcounts are the
// instruction.
[[gnu::always_inline]] inline void and_counts_scalar(const uint64_t* a, const uint64_t* b, uint64_t n,
                                                     uint64_t words, uint64_t* out) {
  auto popcount = [](uint64_t x) { return static_cast<uint64_t>(__builtin_popcountll(x)); };
  uint64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const uint64_t* b0 = b + j * words;
    const uint64_t* b1 = b0 + words;
    const uint64_t* b2 = b1 + words;
    const uint64_t* b3 = b2 + words;
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (uint64_t i = 0; i < words; ++i) {
      const uint64_t x = a[i];
      s0 += popcount(x & b0[i]);
      s1 += popcount(x & b1[i]);
      s2 += popcount(x & b2[i]);
      s3 += popcount(x & b3[i]);
    }
    out[j] = s0, out[j + 1] = s1, out[j + 2] = s2, out[j + 3] = s3;
  }
  for (; j < n; ++j) {
    const uint64_t* bj = b + j * words;
    uint64_t s = 0;
    for (uint64_t i = 0; i < words; ++i) s += popcount(a[i] & bj[i]);
    out[j] = s;
  }
}

void and_counts_plain(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words, uint64_t* out) {
  and_counts_scalar(a, b, n, words, out);
}

__attribute__((target("popcnt"))) void and_counts_popcnt(const uint64_t* a, const uint64_t* b, uint64_t n,
                                                         uint64_t words, uint64_t* out) {
  and_counts_scalar(a, b, n, words, out);
}

// AVX2 (no vector popcount before AVX-512): 256 bits at a time, each byte's bits counted
// by two 16-entry table lookups (vpshufb on its low and high nibble) into byte counters,
// which are summed into 64-bit lanes (vpsadbw) every 31 vectors, before a byte could
// pass 255 (8 bits a byte a vector). The words past the last whole vector are counted
// with POPCNT.
#define TSUM_TARGET_AVX2_POPCNT __attribute__((target("avx2,popcnt")))

TSUM_TARGET_AVX2_POPCNT inline __m256i byte_counts(__m256i v) {
  const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,  //
                                         0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  const __m256i low = _mm256_shuffle_epi8(table, _mm256_and_si256(v, nibble));
  const __m256i high = _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
  return _mm256_add_epi8(low, high);
}

TSUM_TARGET_AVX2_POPCNT inline uint64_t lane_sum(__m256i v) {
  return static_cast<uint64_t>(_mm256_extract_epi64(v, 0)) + static_cast<uint64_t>(_mm256_extract_epi64(v, 1)) +
         static_cast<uint64_t>(_mm256_extract_epi64(v, 2)) + static_cast<uint64_t>(_mm256_extract_epi64(v, 3));
}

// `K` of b's bitmaps (1 or 4) against a.
template <int K>
TSUM_TARGET_AVX2_POPCNT inline void and_counts_avx2_group(const uint64_t* a, const uint64_t* b, uint64_t words,
                                                          uint64_t* out) {
  constexpr uint64_t kFlush = 31;
  const uint64_t vectors = words / 4;
  const __m256i zero = _mm256_setzero_si256();
  __m256i sums[K];
  for (int k = 0; k < K; ++k) sums[k] = zero;
  for (uint64_t first = 0; first < vectors; first += kFlush) {
    const uint64_t last = std::min(vectors, first + kFlush);
    __m256i bytes[K];
    for (int k = 0; k < K; ++k) bytes[k] = zero;
    for (uint64_t i = first; i < last; ++i) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 4 * i));
      for (int k = 0; k < K; ++k) {
        const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + k * words + 4 * i));
        bytes[k] = _mm256_add_epi8(bytes[k], byte_counts(_mm256_and_si256(x, y)));
      }
    }
    for (int k = 0; k < K; ++k) sums[k] = _mm256_add_epi64(sums[k], _mm256_sad_epu8(bytes[k], zero));
  }
  for (int k = 0; k < K; ++k) {
    uint64_t n = lane_sum(sums[k]);
    for (uint64_t i = 4 * vectors; i < words; ++i)
      n += static_cast<uint64_t>(__builtin_popcountll(a[i] & b[k * words + i]));
    out[k] = n;
  }
}

TSUM_TARGET_AVX2_POPCNT void and_counts_avx2(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words,
                                             uint64_t* out) {
  uint64_t j = 0;
  for (; j + 4 <= n; j += 4) and_counts_avx2_group<4>(a, b + j * words, words, out + j);
  for (; j < n; ++j) and_counts_avx2_group<1>(a, b + j * words, words, out + j);
}

}  // namespace

bool ValueBitmaps::supported(Kernel kernel) {
  __builtin_cpu_init();
  switch (kernel) {
    case Kernel::kPlain: return true;
    case Kernel::kPopcnt: return __builtin_cpu_supports("popcnt");
    case Kernel::kAvx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  }
  return false;
}

ValueBitmaps::Kernel ValueBitmaps::best_kernel() {
  static const Kernel best = supported(Kernel::kAvx2) ? Kernel::kAvx2
                             : supported(Kernel::kPopcnt) ? Kernel::kPopcnt
                                                          : Kernel::kPlain;
  return best;
}

void ValueBitmaps::and_counts(Kernel kernel, const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words,
                              uint64_t* out) {
  if (!supported(kernel)) kernel = best_kernel();
  switch (kernel) {
    case Kernel::kAvx2: and_counts_avx2(a, b, n, words, out); return;
    case Kernel::kPopcnt: and_counts_popcnt(a, b, n, words, out); return;
    case Kernel::kPlain: and_counts_plain(a, b, n, words, out); return;
  }
}

ValueBitmaps::Setting ValueBitmaps::setting() {
  if (std::optional<uint64_t> bytes = value_bitmap_bytes_setting()) return {*bytes, true};
  return {kBudgetBytes, false};
}

bool ValueBitmaps::pays(uint64_t values1, uint64_t rows1, uint32_t card2, uint64_t words) {
  static const double per_row = best_kernel() == Kernel::kAvx2 ? kWordsPerRowAvx2 : kWordsPerRow;
  return static_cast<double>(values1 * card2 * words) <= per_row * static_cast<double>(rows1);
}

ValueBitmaps::ValueBitmaps(const WorkTable& table, const RowBits& alive, uint64_t rows,
                           const std::vector<std::vector<uint64_t>>& histograms, Setting setting)
    : words_((rows + 63) / 64), forced_(setting.forced), start_(table.num_columns(), kNone) {
  if (table.weighted() || rows == 0) return;
  const size_t d = table.num_columns();
  auto card = [&](size_t c) { return table.column(c).cardinality(); };
  std::vector<bool> wanted(d, false);
  for (size_t c = 0; c < d; ++c) wanted[c] = uint64_t{card(c)} + 1 <= kMaxCodes;
  if (!forced_) {
    // Unforced, a column gets bitmaps only if some grid would count from them: as c1
    // against a later column of few values, or as c2 against an earlier one. pays() is
    // easiest for the c2 of fewest values, and for the c1 of most rows per value.
    std::vector<uint64_t> values(d, 0), held(d, 0);
    for (size_t c = 0; c < d; ++c) {
      if (!wanted[c]) continue;
      for (uint32_t v = 1; v <= card(c); ++v)
        if (histograms[c][v] >= 2) ++values[c], held[c] += histograms[c][v];
    }
    std::vector<bool> as_c1(d, false);
    uint32_t fewest_after = UINT32_MAX;
    for (size_t c = d; c-- > 0;) {
      if (!wanted[c]) continue;
      as_c1[c] = fewest_after != UINT32_MAX && values[c] > 0 && pays(values[c], held[c], fewest_after, words_);
      fewest_after = std::min(fewest_after, card(c));
    }
    size_t best_before = d;  // the earlier column of most rows per value
    for (size_t c = 0; c < d; ++c) {
      if (!wanted[c]) continue;
      const bool as_c2 = best_before < d && pays(values[best_before], held[best_before], card(c), words_);
      if (values[c] > 0 && (best_before == d || held[c] * values[best_before] > held[best_before] * values[c]))
        best_before = c;
      wanted[c] = as_c1[c] || as_c2;
    }
  }
  uint64_t total = 0;
  std::vector<size_t> columns;
  for (size_t c = 0; c < d; ++c) {
    const uint64_t codes = uint64_t{card(c)} + 1;
    if (!wanted[c] || (total + codes * words_) * 8 > setting.budget_bytes) continue;
    start_[c] = total;
    total += codes * words_;
    columns.push_back(c);
  }
  if (columns.empty()) return;
  bits_.assign(total, 0);
  std::vector<RowId> live;
  live.reserve(rows);
  for (uint64_t r = 0; r < table.rows(); ++r)
    if (alive.contains(static_cast<RowId>(r))) live.push_back(static_cast<RowId>(r));
  auto fill = [&](size_t k) {
    const size_t c = columns[k];
    uint64_t* bits = bits_.data() + start_[c];
    table.column(c).visit_codes([&](const auto* codes) {
      for (uint64_t i = 0; i < live.size(); ++i) bits[codes[live[i]] * words_ + (i >> 6)] |= uint64_t{1} << (i & 63);
    });
  };
  if (live.size() * columns.size() < kSerialBits) {
    for (size_t k = 0; k < columns.size(); ++k) fill(k);
  } else {
    tsum::parallel_for(size_t{0}, columns.size(), fill);
  }
}

}  // namespace tsum
