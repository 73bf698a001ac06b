// radix_sort_by_key: a stable sort of a span by an unsigned 64-bit key, in linear time,
// on the caller's arena.
//
// After radix_sort_by_key(items, key), `items` is ordered by key(item) ascending, items
// of equal keys in their original order, whatever the number of threads. Keys already in
// order are left after one look at each. `key` is called several times per item and must
// be cheap and pure.
//
// How: most significant digit first, then least significant digits in cache. Keys are
// taken as offsets from the smallest. One pass over all items scatters them by the
// offset's top kTopBits bits (those below the highest bit set in the largest offset: the
// values of a column spread over the buckets however narrow their range); each bucket is
// then sorted on its own, in parallel with the others: by LSD passes of 4- to 11-bit
// digits (wider for larger buckets) of the offset from the bucket's smallest key when it
// fits in cache, by the same two steps again when it does not (keys crowded into a sliver of
// their range: a few outliers, or doubles whose exponents differ). Every step keeps the
// order of equal digits, so the sort is stable, and the order is the same whatever the
// threads. Each bucket ends in whichever buffer its caller wants, copied right after its
// sort while it is in cache. The previous version ran up to 8 LSD passes of 8 bits over
// the whole array, each out of cache: 38 ms for 10^6 prices at one thread and 30 at two,
// now 36 and 20 (docs/benchmarks.md, "Sorting distinct values").
//
// Why it exists: binning sorts a column's distinct values, ~10^6 of them for a column of
// raw timestamps or measurements, and a comparison sort of that many took longer than
// parsing them. Neither the standard library nor TBB has a radix sort (TBB's parallel_sort
// compares); Boost.Sort's spreadsort would bring Boost's headers into the build for this.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include <tbb/task_arena.h>

#include "table/parallel_for.h"

namespace tsum {

namespace radix_detail {

constexpr unsigned kTopBits = 11;                  // the MSD digit: 2,048 buckets
constexpr unsigned kMinDigitBits = 4;              // an LSD digit in cache: 4 to 11 bits
constexpr unsigned kMaxDigitBits = 11;
constexpr size_t kBlock = size_t{1} << 16;         // items per task of a pass over many items
constexpr size_t kInCacheBytes = size_t{1} << 19;  // a span sorted by LSD passes in cache
constexpr size_t kInsertion = 32;                  // fewer items: insertion sort

struct KeyRange {
  uint64_t low = UINT64_MAX, high = 0;
};

template <class T, class Key>
KeyRange key_range(const T* data, size_t n, const Key& key) {
  const size_t blocks = (n + kBlock - 1) / kBlock;
  if (blocks == 1) {
    KeyRange r;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t k = key(data[i]);
      r.low = std::min(r.low, k), r.high = std::max(r.high, k);
    }
    return r;
  }
  std::vector<KeyRange> ranges(blocks);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    ranges[b] = key_range(data + b * kBlock, std::min(kBlock, n - b * kBlock), key);
  });
  KeyRange r;
  for (const KeyRange& b : ranges) r.low = std::min(r.low, b.low), r.high = std::max(r.high, b.high);
  return r;
}

// Stable LSD passes over n < 2^32 items at `from` whose keys lie in [low, low + 2^bits),
// with `to` as room for n items, on digits of the offset from `low`. Returns where the
// sorted items are: `from` or `to`.
template <class T, class Key>
T* sort_in_cache(T* from, T* to, size_t n, const Key& key, uint64_t low, unsigned bits) {
  if (n <= kInsertion) {
    for (size_t i = 1; i < n; ++i) {
      T item = std::move(from[i]);
      const uint64_t k = key(item);
      size_t j = i;
      for (; j > 0 && key(from[j - 1]) > k; --j) from[j] = std::move(from[j - 1]);
      from[j] = std::move(item);
    }
    return from;
  }
  // Digits as wide as pays: each pass costs its n items and its 2^width counts (cleared,
  // then summed), so a small bucket takes more passes of narrower digits than a large one
  // (on 10^6 prices most buckets hold a few hundred keys spread over 46 bits).
  unsigned width = kMaxDigitBits;
  uint64_t best_cost = UINT64_MAX;
  for (unsigned w = kMinDigitBits; w <= kMaxDigitBits; ++w) {
    const uint64_t cost = uint64_t{(bits + w - 1) / w} * (n + (uint64_t{1} << w));
    if (cost < best_cost) best_cost = cost, width = w;
  }
  const unsigned passes = (bits + width - 1) / width;
  width = (bits + passes - 1) / passes;  // the same passes, digits as even as they go
  const uint64_t mask = (uint64_t{1} << width) - 1;
  std::vector<uint32_t> counts(size_t{passes} << width, 0);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = key(from[i]) - low;
    for (unsigned d = 0; d < passes; ++d) ++counts[(size_t{d} << width) + ((k >> (d * width)) & mask)];
  }
  for (unsigned d = 0; d < passes; ++d) {
    uint32_t* c = counts.data() + (size_t{d} << width);
    uint32_t sum = 0;
    for (uint64_t v = 0; v <= mask; ++v) sum += std::exchange(c[v], sum);
    for (size_t i = 0; i < n; ++i) to[c[((key(from[i]) - low) >> (d * width)) & mask]++] = from[i];
    std::swap(from, to);
  }
  return from;
}

// Sorts the n items at `from` stably by key, with `to` as room for n items; the sorted
// items end at `from` when `into_from`, else at `to`. (Leaving them where the last pass
// put them and copying at the end would cost another pass over all of them, out of cache;
// a bucket is copied right after its sort, while it is in cache.)
template <class T, class Key>
void sort_span(T* from, T* to, size_t n, const Key& key, bool into_from) {
  auto settle = [&](T* sorted) {
    T* wanted = into_from ? from : to;
    if (sorted != wanted) std::copy(sorted, sorted + n, wanted);
  };
  const KeyRange range = n < 2 ? KeyRange{0, 0} : key_range(from, n, key);
  if (range.low == range.high) return settle(from);
  const unsigned bits = static_cast<unsigned>(std::bit_width(range.high - range.low));
  if (n * sizeof(T) <= kInCacheBytes) return settle(sort_in_cache(from, to, n, key, range.low, bits));
  const unsigned shift = bits > kTopBits ? bits - kTopBits : 0;
  constexpr size_t kBuckets = size_t{1} << kTopBits;
  auto bucket = [&](const T& item) { return (key(item) - range.low) >> shift; };

  // Counts by block, then each block scatters its items to where the blocks before it
  // and the smaller buckets end: the serial pass's order.
  const size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<std::array<size_t, kBuckets>> next(blocks);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    next[b].fill(0);
    for (size_t i = b * kBlock, end = std::min(n, i + kBlock); i < end; ++i) ++next[b][bucket(from[i])];
  });
  std::vector<size_t> starts(kBuckets + 1);
  size_t sum = 0;
  for (size_t v = 0; v < kBuckets; ++v) {
    starts[v] = sum;
    for (size_t b = 0; b < blocks; ++b) sum += std::exchange(next[b][v], sum);
  }
  starts[kBuckets] = n;
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    for (size_t i = b * kBlock, end = std::min(n, i + kBlock); i < end; ++i) to[next[b][bucket(from[i])]++] = from[i];
  });
  // Each bucket's keys share their offset's bits from `shift` up; each is sorted on its
  // own, from `to`, and ends where the caller wants it.
  tsum::parallel_for(size_t{0}, kBuckets, [&](size_t v) {
    const size_t begin = starts[v], size = starts[v + 1] - begin;
    if (size == 0) return;
    if (shift == 0) {
      if (into_from) std::copy(to + begin, to + begin + size, from + begin);
      return;
    }
    sort_span(to + begin, from + begin, size, key, !into_from);
  });
}

}  // namespace radix_detail

template <class T, class Key>
void radix_sort_by_key(std::span<T> items, const Key& key) {
  const size_t n = items.size();
  // Already in order (the values of a log sorted by time appear in time order): nothing
  // to move, and a look at each key until the first descent is all it costs.
  bool ordered = true;
  for (size_t i = 1; i < n && ordered; ++i) ordered = key(items[i - 1]) <= key(items[i]);
  if (ordered) return;
  std::unique_ptr<T[]> spare = std::make_unique_for_overwrite<T[]>(n);
  radix_detail::sort_span(items.data(), spare.get(), n, key, true);
}

}  // namespace tsum
