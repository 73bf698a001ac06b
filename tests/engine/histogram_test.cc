// Counting kernels against the plain loop: every width, dictionary size, instruction set,
// length around the SIMD block and flush boundaries, unaligned starts, selection vectors,
// and the parallel wrapper on 1 and 2 threads.
#include "engine/histogram.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace tsum {
namespace {

using histogram_detail::count_range;
using histogram_detail::count_rows;
using histogram_detail::Isa;

std::vector<Isa> isas() {
  std::vector<Isa> out{Isa::kScalar};
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Gfni})
    if (histogram_detail::isa_supported(isa)) out.push_back(isa);
  return out;
}

// Codes < num_codes: uniform, skewed (mostly one code), or long runs of one code.
template <class T>
std::vector<T> random_codes(uint64_t n, uint32_t num_codes, int shape, std::mt19937_64& rng) {
  std::vector<T> codes(n);
  std::uniform_int_distribution<uint32_t> any(0, num_codes - 1);
  uint32_t run_code = any(rng);
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t c;
    if (shape == 0) {
      c = any(rng);
    } else if (shape == 1) {
      c = (rng() % 8 == 0) ? any(rng) : num_codes - 1;  // the largest code, 7 times in 8
    } else {
      if (rng() % 97 == 0) run_code = any(rng);
      c = run_code;
    }
    codes[i] = static_cast<T>(c);
  }
  return codes;
}

template <class T>
std::vector<uint64_t> naive(const T* codes, uint64_t n, uint32_t num_codes) {
  std::vector<uint64_t> h(num_codes, 0);
  histogram_detail::count_naive(codes, n, h.data());
  return h;
}

// Histograms start non-zero: kernels must add, not overwrite.
std::vector<uint64_t> seeded(uint32_t num_codes) {
  std::vector<uint64_t> h(num_codes);
  for (uint32_t k = 0; k < num_codes; ++k) h[k] = 1000 + 7 * k;
  return h;
}
void unseed(std::vector<uint64_t>& h) {
  for (uint32_t k = 0; k < h.size(); ++k) h[k] -= 1000 + 7 * k;
}

// Around the SIMD block sizes (32, 64 bytes), the GFNI flush (31 blocks = 1984 rows), the
// compare kernels' flush (255 blocks: 8160 and 16320 rows) and several flushes.
const std::vector<uint64_t> kLengths = {0,    1,    2,     15,    16,    17,    31,    32,    33,    63,   64,
                                        65,   127,  128,   129,   1000,  1983,  1984,  1985,  8160, 16319,
                                        16320, 16321, 32640, 32641, 70001};

template <class T>
void check_ranges(const std::vector<uint32_t>& code_counts) {
  std::mt19937_64 rng(12345 + sizeof(T));
  for (uint32_t num_codes : code_counts) {
    for (int shape = 0; shape < 3; ++shape) {
      // Extra bytes before and after: unaligned starts and ends inside the buffer.
      std::vector<T> codes = random_codes<T>(kLengths.back() + 128, num_codes, shape, rng);
      for (uint64_t n : kLengths) {
        for (uint64_t offset : {0, 1, 3, 17, 63}) {
          // Alignment matters to the SIMD kernels (8-bit codes); a few offsets suffice otherwise.
          const bool few = sizeof(T) > 1 || n > 2000;
          if (offset + n > codes.size() || (few && offset != 0 && offset != 1)) continue;
          std::vector<uint64_t> want = naive(codes.data() + offset, n, num_codes);
          // (Only 8-bit codes have SIMD kernels; wider ones take the same path whatever the ISA.)
          for (Isa isa : sizeof(T) == 1 ? isas() : std::vector<Isa>{histogram_detail::best_isa()}) {
            std::vector<uint64_t> got = seeded(num_codes);
            count_range(codes.data() + offset, n, num_codes, got.data(), isa);
            unseed(got);
            ASSERT_EQ(got, want) << "width " << sizeof(T) << " codes " << num_codes << " shape " << shape << " n " << n
                                 << " offset " << offset << " isa " << histogram_detail::isa_name(isa);
          }
        }
      }
    }
  }
}

TEST(Histogram, RangesUint8) { check_ranges<uint8_t>({1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 200, 255, 256}); }
TEST(Histogram, RangesUint16) { check_ranges<uint16_t>({1, 2, 16, 257, 1000, 2048, 2049, 4096, 8193, 65536}); }
TEST(Histogram, RangesUint32) { check_ranges<uint32_t>({1, 3, 16, 300, 70000}); }

// Inputs long enough for the sub-histogram kernels of the largest dictionaries (they need
// at least 16 rows per code), in every shape: skewed data wraps the byte counters of the
// larger dictionaries hundreds of times, and runs repeat one counter back to back.
TEST(Histogram, LongInputsLargeDictionaries) {
  std::mt19937_64 rng(7);
  for (uint32_t num_codes : {2048u, 2049u, 4096u, 8192u, 8193u, 16384u, 65536u}) {
    for (int shape = 0; shape < 3; ++shape) {
      std::vector<uint16_t> codes = random_codes<uint16_t>(uint64_t{16} * num_codes + 1001, num_codes, shape, rng);
      std::vector<uint64_t> got = seeded(num_codes);
      count_range(codes.data() + 1, codes.size() - 1, num_codes, got.data(), Isa::kScalar);
      unseed(got);
      EXPECT_EQ(got, naive(codes.data() + 1, codes.size() - 1, num_codes)) << num_codes << " shape " << shape;
    }
  }
}

template <class T>
void check_rows(const std::vector<uint32_t>& code_counts) {
  std::mt19937_64 rng(99 + sizeof(T));
  for (uint32_t num_codes : code_counts) {
    std::vector<T> codes = random_codes<T>(200000, num_codes, 0, rng);
    for (uint64_t n : {0, 1, 63, 64, 65, 4095, 4096, 4097, 20000, 150000}) {
      for (bool sorted : {true, false}) {
        std::vector<RowId> rows(n);
        for (RowId& r : rows) r = static_cast<RowId>(rng() % codes.size());  // repeats allowed
        if (sorted) std::sort(rows.begin(), rows.end());
        std::vector<uint64_t> want(num_codes, 0);
        for (RowId r : rows) ++want[codes[r]];
        for (Isa isa : isas()) {
          std::vector<uint64_t> got = seeded(num_codes);
          count_rows(codes.data(), rows, num_codes, got.data(), isa);
          unseed(got);
          ASSERT_EQ(got, want) << "width " << sizeof(T) << " codes " << num_codes << " n " << n << " isa "
                               << histogram_detail::isa_name(isa);
        }
      }
    }
  }
}

TEST(Histogram, SelectionsUint8) { check_rows<uint8_t>({1, 2, 4, 16, 17, 256}); }
TEST(Histogram, SelectionsUint16) { check_rows<uint16_t>({2, 300, 4096, 65536}); }
TEST(Histogram, SelectionsUint32) { check_rows<uint32_t>({5, 70000}); }

// The WorkColumn entry points and the parallel wrapper give the plain loop's counts on
// any thread count (and so do not depend on it).
template <class T>
void check_column(CodeWidth width, uint32_t num_codes, uint64_t n) {
  std::mt19937_64 rng(num_codes * 31 + n);
  std::vector<T> codes = random_codes<T>(n, num_codes, 1, rng);
  WorkColumn column(codes.data(), width, num_codes - 1, nullptr);
  const uint64_t begin = 5, end = n - 3;
  std::vector<uint64_t> want = naive(codes.data() + begin, end - begin, num_codes);
  std::vector<RowId> rows;
  for (uint64_t r = 0; r < n; ++r)
    if (rng() % 3) rows.push_back(static_cast<RowId>(r));
  std::vector<uint64_t> want_rows(num_codes, 0);
  for (RowId r : rows) ++want_rows[codes[r]];

  std::vector<uint64_t> got = seeded(num_codes);
  histogram(column, begin, end, got.data());
  unseed(got);
  EXPECT_EQ(got, want);
  got = seeded(num_codes);
  histogram(column, rows, got.data());
  unseed(got);
  EXPECT_EQ(got, want_rows);
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      std::vector<uint64_t> par = seeded(num_codes);
      parallel_histogram(column, begin, end, par.data());
      unseed(par);
      EXPECT_EQ(par, want) << threads << " threads";
      par = seeded(num_codes);
      parallel_histogram(column, rows, par.data());
      unseed(par);
      EXPECT_EQ(par, want_rows) << threads << " threads";
    });
  }
}

TEST(Histogram, ColumnsAndParallelWrapper) {
  for (uint64_t n : {uint64_t{10}, uint64_t{1} << 18, (uint64_t{3} << 18) + 12345}) {
    check_column<uint8_t>(CodeWidth::k8, 3, n);
    check_column<uint8_t>(CodeWidth::k8, 16, n);
    check_column<uint8_t>(CodeWidth::k8, 200, n);
    check_column<uint16_t>(CodeWidth::k16, 4096, n);
    check_column<uint32_t>(CodeWidth::k32, 70000, n);
  }
  // Several parallel blocks of at least 16 rows per code, for the largest dictionaries.
  check_column<uint16_t>(CodeWidth::k16, 65536, (uint64_t{40} << 16) + 7);
}

TEST(Histogram, IsaNames) {
  EXPECT_STREQ(histogram_detail::isa_name(Isa::kScalar), "scalar");
  EXPECT_TRUE(histogram_detail::isa_supported(Isa::kScalar));
  EXPECT_TRUE(histogram_detail::isa_supported(histogram_detail::best_isa()));
}

}  // namespace
}  // namespace tsum
