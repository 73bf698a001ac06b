// Counting kernels: histograms of dictionary codes over contiguous rows or a selection
// vector, unweighted (every row counts 1), exact and deterministic.
//
// Every kernel ADDS to `hist`, which must have column.cardinality() + 1 entries (index
// 0 counts NULLs); callers zero it first when they want plain counts. Codes must be
// <= cardinality (an invariant of every Table and WorkTable).
//
// Implementations, chosen per call (instruction sets detected at run time with
// __builtin_cpu_supports; functions carry target attributes, so the build needs no
// -march flag):
//   * 8-bit codes, up to 64 codes, on CPUs with AVX-512 VBMI + BITALG + GFNI (Ice Lake,
//     Zen 4 and later): per group of 8 codes, a one-hot byte per row (vpermb), an 8 x 8
//     bit transpose per qword (gf2p8affineqb) and vpopcntb count 64 rows in 4 vector
//     operations; byte counters are flushed every 31 blocks.
//   * 8-bit codes, up to 16 codes, AVX-512BW or AVX2 only: each 64- (32-) byte block is
//     compared with every non-NULL code, matches add to per-lane byte counters flushed
//     every 255 blocks (psadbw); NULL's count is the remainder.
//   * Selection vectors over such columns gather the codes into a small buffer and
//     count that buffer with the same SIMD kernel.
//   * Everything else: a scalar kernel over interleaved sub-histograms (breaking the
//     store-to-load dependency between consecutive equal codes) of 32-bit counters up to
//     2048 codes and of byte counters with 32-bit carries above (a quarter of the cache
//     footprint), folded into `hist` at the end; direct 64-bit increments when the input
//     is too short to amortise clearing the sub-histograms, or above 65,536 codes.
//   * parallel_histogram: fixed blocks counted on the caller's TBB arena into per-thread
//     integer partial histograms, then summed: the counts cannot depend on the number of
//     threads or on which thread counted which block.
#pragma once

#include <cstdint>
#include <span>

#include "engine/kernels.h"
#include "engine/work_table.h"

namespace tsum {

// Adds the codes of rows [begin, end) of `column` to hist.
void histogram(const WorkColumn& column, uint64_t begin, uint64_t end, uint64_t* hist);

// Adds the codes of the rows `rows` (any order, repeats counted) to hist.
void histogram(const WorkColumn& column, std::span<const RowId> rows, uint64_t* hist);

// The same results as histogram(), counted in parallel on the caller's TBB arena.
void parallel_histogram(const WorkColumn& column, uint64_t begin, uint64_t end, uint64_t* hist);
void parallel_histogram(const WorkColumn& column, std::span<const RowId> rows, uint64_t* hist);

// Explicit implementations, for tests and benchmarks. A kernel asked for an instruction
// set the CPU lacks, or that has no such kernel for the width or cardinality, uses the
// best one that applies and is supported (ultimately the scalar kernel).
namespace histogram_detail {

// In order of preference. kAvx512: AVX-512 F+BW; kAvx512Gfni: also VBMI, BITALG, GFNI.
enum class Isa { kScalar, kAvx2, kAvx512, kAvx512Gfni };

Isa best_isa();                 // what histogram() uses on this CPU
bool isa_supported(Isa isa);
const char* isa_name(Isa isa);  // "scalar", "avx2", "avx512bw", "avx512gfni"

// num_codes = cardinality + 1: every code is < num_codes.
void count_range(const uint8_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa isa);
void count_range(const uint16_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa isa);
void count_range(const uint32_t* codes, uint64_t n, uint32_t num_codes, uint64_t* hist, Isa isa);
void count_rows(const uint8_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa isa);
void count_rows(const uint16_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa isa);
void count_rows(const uint32_t* codes, std::span<const RowId> rows, uint32_t num_codes, uint64_t* hist, Isa isa);

// The plain scalar loop (one 64-bit increment per row), the tests' and benchmarks' reference.
template <class T>
void count_naive(const T* codes, uint64_t n, uint64_t* hist) {
  for (uint64_t i = 0; i < n; ++i) ++hist[codes[i]];
}

}  // namespace histogram_detail
}  // namespace tsum
