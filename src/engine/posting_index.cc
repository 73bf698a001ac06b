#include "engine/posting_index.h"

#include <tbb/task_arena.h>

#include <algorithm>

#include "engine/histogram.h"
#include "table/parallel_for.h"

namespace tsum {

namespace {

// Rows per block of the parallel counting sort; a table of fewer rows sorts serially.
// Blocks of 2^18 rows (2^20 before) give two threads a dozen blocks of a 3*10^6-row
// table to share instead of three (docs/benchmarks.md, "Posting lists").
constexpr uint64_t kBlockRows = uint64_t{1} << 18;
// A live list longer than this is filtered block by block in parallel.
constexpr uint64_t kParallelListRows = uint64_t{1} << 17;
constexpr uint64_t kListBlock = uint64_t{1} << 16;
// Flags of the first rows of a list fetched before it is filtered.
constexpr uint64_t kPrefetchRows = 32;
// Columns of at most this many codes (NULL included) are scattered one code at a time.
// With few codes, consecutive rows mostly share one, and the one-pass scatter waits on
// its own increment of that code's slot (~5 ns a row with 3 codes); a pass per code
// keeps its write position in a register.
constexpr size_t kPassPerCodeMax = 4;

// Adds the rows [first, last) of `codes` to count[code].
template <class Code>
void count_codes_in(const Code* codes, uint64_t first, uint64_t last, size_t num_codes, uint64_t* count) {
  histogram_detail::count_range(codes + first, last - first, static_cast<uint32_t>(num_codes), count,
                                histogram_detail::best_isa());
}

// Writes the rows [first, last) of each code c to out[start[c]], out[start[c] + 1], ...
// up to out[stop[c]] (exclusive), which they fill exactly. `start` is left unchanged.
template <class Code>
void scatter(const Code* codes, uint64_t first, uint64_t last, size_t num_codes, const uint64_t* start,
             const uint64_t* stop, RowId* out) {
  if (num_codes <= kPassPerCodeMax) {
    for (size_t c = 0; c < num_codes; ++c) {
      // Every write lands below stop[c]: the pass ends with the code's last row, so it
      // never writes into the next code's (or another block's) slots.
      uint64_t k = start[c];
      for (uint64_t r = first; k < stop[c]; ++r) {
        out[k] = static_cast<RowId>(r);
        k += codes[r] == c;
      }
    }
    return;
  }
  std::vector<uint64_t> fill(start, start + num_codes);
  for (uint64_t r = first; r < last; ++r) out[fill[codes[r]]++] = static_cast<RowId>(r);
}

// Dictionaries of at least this many codes are sorted by sort_rows_in_buckets, tables of
// at least kMinBuckets * kBucketRows rows; aiming at kBucketRows rows a bucket, at most
// kMaxBuckets buckets.
constexpr size_t kBucketedMinCodes = size_t{1} << 15;
constexpr uint64_t kBucketRows = uint64_t{1} << 12;
constexpr uint64_t kMinBuckets = 16;
constexpr uint64_t kMaxBuckets = uint64_t{1} << 12;

// The counting sort of a large dictionary in two scatters. In one scatter by code, each
// row goes to one of as many places as there are codes, all over the output: on 10^5
// codes nearly every write misses the cache, and two threads doing it share little (a
// column of 10^6 rows: 7–8 ms on one thread, 6 on two). Here the rows first go to buckets
// of 2^shift consecutive codes, each bucket already in its final stretch of the output
// (few write streams: they stay in cache), by blocks of rows in parallel; then each
// bucket, a few thousand rows, is copied aside and put in code order within its stretch,
// the buckets in parallel. Both steps are stable, so the lists are the one-pass sort's.
template <class Code>
void sort_rows_in_buckets(const Code* codes, uint64_t rows, size_t num_codes, std::vector<uint64_t>& begin,
                          RowId* out) {
  const uint64_t threads = static_cast<uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const uint64_t blocks = std::max<uint64_t>(1, std::min(threads, rows / kBlockRows));
  const uint64_t block_rows = (rows + blocks - 1) / blocks;
  const uint64_t wanted = std::clamp(rows / kBucketRows, kMinBuckets, kMaxBuckets);
  unsigned shift = 0;
  while ((num_codes >> shift) > wanted) ++shift;
  const size_t buckets = ((num_codes - 1) >> shift) + 1;
  auto codes_of = [&](size_t b) {
    return std::pair<size_t, size_t>{b << shift, std::min(num_codes, (b + 1) << shift)};
  };
  // counts[k * num_codes + code]: block k's rows of `code`.
  std::vector<uint64_t> counts(blocks * num_codes, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    count_codes_in(codes, k * block_rows, std::min(rows, (k + 1) * block_rows), num_codes, counts.data() + k * num_codes);
  });
  // begin: each code's first slot; at[k * buckets + b]: where block k writes its first row
  // of bucket b (after blocks 0..k-1's rows of the bucket).
  begin.assign(num_codes + 1, 0);
  for (size_t code = 0; code < num_codes; ++code) {
    uint64_t n = 0;
    for (uint64_t k = 0; k < blocks; ++k) n += counts[k * num_codes + code];
    begin[code + 1] = begin[code] + n;
  }
  std::vector<uint64_t> at(blocks * buckets);
  for (size_t b = 0; b < buckets; ++b) {
    const auto [first, last] = codes_of(b);
    uint64_t offset = begin[first];
    for (uint64_t k = 0; k < blocks; ++k) {
      at[k * buckets + b] = offset;
      for (size_t code = first; code < last; ++code) offset += counts[k * num_codes + code];
    }
  }
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    uint64_t* next = at.data() + k * buckets;
    for (uint64_t r = k * block_rows; r < std::min(rows, (k + 1) * block_rows); ++r) {
      out[next[codes[r] >> shift]++] = static_cast<RowId>(r);
    }
  });
  tsum::parallel_for(size_t{0}, buckets, [&](size_t b) {
    const auto [first, last] = codes_of(b);
    const std::vector<RowId> bucket(out + begin[first], out + begin[last]);
    std::vector<uint64_t> next(begin.begin() + static_cast<ptrdiff_t>(first), begin.begin() + static_cast<ptrdiff_t>(last));
    for (RowId r : bucket) out[next[codes[r] - first]++] = r;
  });
}

// Counting sort of the rows by code: begin[code] .. begin[code + 1] - 1 are the rows
// holding `code`, ascending. On large columns the rows are cut into blocks that count
// and fill in parallel: block k's rows of each code go after blocks 0..k-1's, so the
// lists are the same as the serial sort's.
template <class Code>
void sort_rows(const Code* codes, uint64_t rows, size_t num_codes, std::vector<uint64_t>& begin, RowId* out) {
  if (num_codes >= kBucketedMinCodes && rows >= kMinBuckets * kBucketRows) {
    sort_rows_in_buckets(codes, rows, num_codes, begin, out);
    return;
  }
  begin.assign(num_codes + 1, 0);
  const uint64_t threads = static_cast<uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  uint64_t block_rows = kBlockRows;
  // Per-block counts cost blocks x num_codes: worth it only when that is small next to
  // the rows. A large dictionary takes one block per thread (its scatter, a cache miss a
  // row, is what the threads share).
  if ((rows + block_rows - 1) / block_rows * num_codes > rows / 8) {
    block_rows = std::max(kBlockRows, (rows + threads - 1) / threads);
  }
  const uint64_t blocks = (rows + block_rows - 1) / block_rows;
  if (blocks <= 1 || threads <= 1 || blocks * num_codes > rows / 2) {
    count_codes_in(codes, 0, rows, num_codes, begin.data() + 1);
    for (size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    scatter(codes, 0, rows, num_codes, begin.data(), begin.data() + 1, out);
    return;
  }
  // counts[k * num_codes + code]: block k's rows of `code`, then (after block_offsets)
  // where block k writes its first row of `code`; block k's rows of a code end where
  // block k + 1's begin (the last block's, where the next code's begin).
  std::vector<uint64_t> counts(blocks * num_codes, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    count_codes_in(codes, k * block_rows, std::min(rows, (k + 1) * block_rows), num_codes, counts.data() + k * num_codes);
  });
  block_offsets(counts, blocks, num_codes, begin);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    const uint64_t* start = counts.data() + k * num_codes;
    const uint64_t* stop = k + 1 < blocks ? start + num_codes : begin.data() + 1;
    scatter(codes, k * block_rows, std::min(rows, (k + 1) * block_rows), num_codes, start, stop, out);
  });
}

}  // namespace

PostingIndex::Lists& PostingIndex::lists(size_t column) {
  if (columns_[column]) return *columns_[column];
  auto l = std::make_unique<Lists>();
  const WorkColumn& col = table_.column(column);
  // Written whole by the sort: no zeroing first (which would also take every page fault
  // on this thread instead of the sort's).
  l->rows = std::make_unique_for_overwrite<RowId[]>(table_.rows());
  col.visit_codes([&](const auto* codes) { sort_rows(codes, table_.rows(), col.cardinality() + 1, l->begin, l->rows.get()); });
  l->end.assign(l->begin.begin() + 1, l->begin.end());
  l->begin.pop_back();
  columns_[column] = std::move(l);
  return *columns_[column];
}

std::vector<RowId> PostingIndex::live_rows(size_t column, uint32_t code, const RowBits& alive, bool on_threads) {
  Lists& l = lists(column);
  const uint64_t begin = l.begin[code], end = l.end[code];
  std::vector<RowId> out;
  if (!on_threads || end - begin < kParallelListRows || tbb::this_task_arena::max_concurrency() <= 1) {
    // Each row's flag is a cache miss on a large table: ask for a short list's flags at
    // once rather than one after the other.
    for (uint64_t i = begin; i < std::min(end, begin + kPrefetchRows); ++i) alive.prefetch(l.rows[i]);
    // Without a branch on the flag: where the residue interleaves live and dead rows
    // (after a large pattern) the branch mispredicts about every other row.
    uint64_t keep = begin;
    for (uint64_t i = begin; i < end; ++i) {
      RowId r = l.rows[i];
      l.rows[keep] = r;
      keep += alive.bit(r);
    }
    l.end[code] = keep;
    out.assign(l.rows.get() + begin, l.rows.get() + keep);
    return out;
  }
  // A long list (a pattern of many rows): each block compacts its own slice of the list,
  // the slices are concatenated into `out` at offsets summed in block order (so the same
  // ascending list as the serial loop), and `out` is copied back over the list's front.
  const uint64_t blocks = (end - begin + kListBlock - 1) / kListBlock;
  std::vector<uint64_t> kept(blocks + 1, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const uint64_t first = begin + b * kListBlock, last = std::min(end, first + kListBlock);
    uint64_t keep = first;
    for (uint64_t i = first; i < last; ++i) {
      RowId r = l.rows[i];
      l.rows[keep] = r;
      keep += alive.bit(r);
    }
    kept[b + 1] = keep - first;
  });
  for (uint64_t b = 0; b < blocks; ++b) kept[b + 1] += kept[b];
  out.resize(kept[blocks]);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const RowId* from = l.rows.get() + begin + b * kListBlock;
    std::copy(from, from + static_cast<ptrdiff_t>(kept[b + 1] - kept[b]), out.begin() + static_cast<ptrdiff_t>(kept[b]));
  });
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const auto from = out.begin() + static_cast<ptrdiff_t>(kept[b]);
    std::copy(from, out.begin() + static_cast<ptrdiff_t>(kept[b + 1]), l.rows.get() + begin + kept[b]);
  });
  l.end[code] = begin + kept[blocks];
  return out;
}

}  // namespace tsum
