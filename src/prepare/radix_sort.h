// radix_sort_by_key: a stable sort of a vector by an unsigned 64-bit key, in linear time,
// on the caller's arena.
//
// After radix_sort_by_key(items, key), `items` is ordered by key(item) ascending, items of
// equal keys in their original order, whatever the number of threads. Keys already in
// order are left after one look at each. Otherwise least significant digit first, 8 bits
// a digit; a digit that every key shares (the high bytes of keys that are offsets from
// the smallest) costs no pass. Each pass counts the digit in blocks of items, then each
// block scatters its items to where the blocks before it and the smaller digits end: the
// order is the serial pass's. `key` is called several times per item and must be cheap
// and pure.
//
// Why it exists: binning sorts a column's distinct values, ~10^6 of them for a column of
// raw timestamps or measurements, and a comparison sort of that many took longer than
// parsing them. Neither the standard library nor TBB has a radix sort (TBB's parallel_sort
// compares); Boost.Sort's spreadsort would bring Boost's headers into the build for this.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <tbb/task_arena.h>

#include "table/parallel_for.h"

namespace tsum {

template <class T, class Key>
void radix_sort_by_key(std::vector<T>& items, const Key& key) {
  constexpr unsigned kDigits = 8, kBits = 8;
  constexpr size_t kBuckets = size_t{1} << kBits;
  constexpr size_t kBlock = size_t{1} << 16;  // items per task, on more than one thread
  using Counts = std::array<size_t, kBuckets>;
  const size_t n = items.size();
  // Already in order (the values of a log sorted by time appear in time order): nothing
  // to move, and a look at each key until the first descent is all it costs.
  bool ordered = true;
  for (size_t i = 1; i < n && ordered; ++i) ordered = key(items[i - 1]) <= key(items[i]);
  if (ordered) return;
  // On one thread, one block: its counts of every digit, taken before the first pass,
  // hold for every pass, where blocks must count again after each.
  const size_t block = tbb::this_task_arena::max_concurrency() > 1 ? kBlock : n;
  const size_t blocks = (n + block - 1) / block;
  auto digit = [&key](const T& item, unsigned d) { return (key(item) >> (d * kBits)) & (kBuckets - 1); };

  // Which digits differ somewhere: those of the first key that not every key shares.
  std::vector<std::array<Counts, kDigits>> all(blocks);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    for (Counts& c : all[b]) c.fill(0);
    for (size_t i = b * block, end = std::min(n, i + block); i < end; ++i) {
      const uint64_t k = key(items[i]);
      for (unsigned d = 0; d < kDigits; ++d) ++all[b][d][(k >> (d * kBits)) & (kBuckets - 1)];
    }
  });
  std::array<bool, kDigits> shared{};
  for (unsigned d = 0; d < kDigits; ++d) {
    size_t with_first = 0;
    for (size_t b = 0; b < blocks; ++b) with_first += all[b][d][digit(items[0], d)];
    shared[d] = with_first == n;
  }

  std::unique_ptr<T[]> buffer = std::make_unique_for_overwrite<T[]>(n);
  std::vector<Counts> next(blocks);
  T* from = items.data();
  T* to = buffer.get();
  bool moved = false;
  for (unsigned d = 0; d < kDigits; ++d) {
    if (shared[d]) continue;
    // The first pass has its counts from above; later ones count again, the items having
    // moved between blocks (unless there is one).
    if (!moved || blocks == 1) {
      for (size_t b = 0; b < blocks; ++b) next[b] = all[b][d];
    } else {
      tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
        next[b].fill(0);
        for (size_t i = b * block, end = std::min(n, i + block); i < end; ++i) ++next[b][digit(from[i], d)];
      });
    }
    size_t sum = 0;
    for (size_t v = 0; v < kBuckets; ++v) {
      for (size_t b = 0; b < blocks; ++b) sum += std::exchange(next[b][v], sum);
    }
    tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
      for (size_t i = b * block, end = std::min(n, i + block); i < end; ++i) to[next[b][digit(from[i], d)]++] = from[i];
    });
    std::swap(from, to);
    moved = true;
  }
  if (from != items.data()) {
    tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
      const size_t i = b * block, end = std::min(n, i + block);
      std::copy(from + i, from + end, items.data() + i);
    });
  }
}

}  // namespace tsum
