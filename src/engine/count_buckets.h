// CountBuckets: a column's codes grouped by their count in the residue, for columns whose
// pair saving depends on the count alone and rises strictly with it (engine/root_candidates.h
// decides when). Then the spec's best pair of the column, the first strict maximum in
// dictionary order, is the lowest code of the highest nonempty count: found in a few word
// reads, and a count that falls moves its code from one bucket to another in O(1),
// instead of the tournament tree's O(log codes) path of cache misses per change.
//
// Only counts in [min_count, max_count] are kept (a code whose count falls below
// min_count leaves for good: counts never grow). Each bucket is a bitmap over the codes
// with a one-bit-per-word summary, so its lowest code takes a scan of codes / 4096 words.
// Memory: (max_count - min_count + 1) x codes / 8 bytes, which the caller bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tsum {

class CountBuckets {
 public:
  static constexpr uint32_t kNoCode = UINT32_MAX;

  // Files every code >= 1 whose count lies in [min_count, max_count]; code 0 (NULL) never.
  void build(const std::vector<uint64_t>& counts, uint64_t min_count, uint64_t max_count);

  // Code `code`'s count fell from `from` to `to`.
  void move(uint32_t code, uint64_t from, uint64_t to) {
    if (code == 0 || from < min_) return;  // not filed, and never again
    clear(bucket(from), code);
    if (to >= min_) set(bucket(to), code);
  }

  // The lowest code of the highest count, with that count; kNoCode when every bucket is
  // empty.
  std::pair<uint32_t, uint64_t> top();

  // The lowest code of the highest count whose count in `counts` is the one it is filed
  // at, with that count; kNoCode when none. Codes met before it, filed too high, are
  // refiled at their counts on the way: what a loop of top() and move() does, in one
  // pass over the bucket instead of a search from its first word per code.
  std::pair<uint32_t, uint64_t> top_refiling(const std::vector<uint64_t>& counts);

  // The lowest code above `after` filed at `count` (which may be stale: filed too high),
  // or kNoCode; reads only.
  uint32_t next_filed(uint64_t count, uint32_t after) const;

 private:
  size_t bucket(uint64_t count) const { return static_cast<size_t>(count - min_); }
  void set(size_t b, uint32_t code) {
    uint64_t& word = bits_[b * words_ + code / 64];
    if (word == 0) summary_[b * summary_words_ + code / 4096] |= uint64_t{1} << (code / 64 % 64);
    word |= uint64_t{1} << (code % 64);
    ++size_[b];
  }
  void clear(size_t b, uint32_t code) {
    uint64_t& word = bits_[b * words_ + code / 64];
    word &= ~(uint64_t{1} << (code % 64));
    if (word == 0) summary_[b * summary_words_ + code / 4096] &= ~(uint64_t{1} << (code / 64 % 64));
    --size_[b];
  }

  uint64_t min_ = 1;
  uint64_t max_ = 0;
  uint64_t top_ = 0;  // no bucket above it is nonempty
  size_t words_ = 0, summary_words_ = 0;
  std::vector<uint64_t> bits_;     // bucket b's bitmap: words_ words from b * words_
  std::vector<uint64_t> summary_;  // bit w of bucket b: its word w is nonzero
  std::vector<uint32_t> size_;     // codes per bucket
};

}  // namespace tsum
