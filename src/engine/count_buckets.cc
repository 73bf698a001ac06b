#include "engine/count_buckets.h"

namespace tsum {

void CountBuckets::build(const std::vector<uint64_t>& counts, uint64_t min_count, uint64_t max_count) {
  min_ = min_count;
  max_ = max_count;
  top_ = max_count;
  words_ = (counts.size() + 63) / 64;
  summary_words_ = (words_ + 63) / 64;
  const size_t buckets = max_count >= min_count ? static_cast<size_t>(max_count - min_count + 1) : 0;
  bits_.assign(buckets * words_, 0);
  summary_.assign(buckets * summary_words_, 0);
  size_.assign(buckets, 0);
  for (size_t code = 1; code < counts.size(); ++code) {
    if (counts[code] >= min_count && counts[code] <= max_count) set(bucket(counts[code]), static_cast<uint32_t>(code));
  }
}

std::pair<uint32_t, uint64_t> CountBuckets::top() {
  while (top_ >= min_ && size_[bucket(top_)] == 0) --top_;
  if (top_ < min_) return {kNoCode, 0};
  const size_t b = bucket(top_);
  const uint64_t* summary = &summary_[b * summary_words_];
  for (size_t s = 0; s < summary_words_; ++s) {
    if (summary[s] == 0) continue;
    const size_t w = s * 64 + static_cast<size_t>(__builtin_ctzll(summary[s]));
    const uint64_t word = bits_[b * words_ + w];
    return {static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(word))), top_};
  }
  return {kNoCode, 0};  // unreachable: size_ said the bucket holds a code
}

std::pair<uint32_t, uint64_t> CountBuckets::top_refiling(const std::vector<uint64_t>& counts) {
  for (;;) {
    while (top_ >= min_ && size_[bucket(top_)] == 0) --top_;
    if (top_ < min_) return {kNoCode, 0};
    const size_t b = bucket(top_);
    // Local copies of the words: move() clears only bits already passed, and files the
    // codes in lower buckets.
    for (size_t s = 0; s < summary_words_; ++s) {
      for (uint64_t summary = summary_[b * summary_words_ + s]; summary != 0; summary &= summary - 1) {
        const size_t w = s * 64 + static_cast<size_t>(__builtin_ctzll(summary));
        for (uint64_t word = bits_[b * words_ + w]; word != 0; word &= word - 1) {
          const uint32_t code = static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(word)));
          if (counts[code] == top_) return {code, top_};
          move(code, top_, counts[code]);
        }
      }
    }
    // Every code of the bucket was filed too high: the next bucket down.
  }
}

uint32_t CountBuckets::next_filed(uint64_t count, uint32_t after) const {
  if (count < min_ || count > max_) return kNoCode;
  const size_t b = bucket(count);
  const uint64_t* bits = &bits_[b * words_];
  const uint64_t* summary = &summary_[b * summary_words_];
  const size_t first = static_cast<size_t>(after) + 1;
  size_t w = first / 64;
  if (w >= words_) return kNoCode;
  if (const uint64_t word = bits[w] & (~uint64_t{0} << (first % 64))) {
    return static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(word)));
  }
  // The next nonzero word after w, through the summary.
  ++w;
  for (size_t s = w / 64; s < summary_words_; ++s) {
    uint64_t mask = summary[s];
    if (s == w / 64) mask &= ~uint64_t{0} << (w % 64);
    if (mask == 0) continue;
    const size_t at = s * 64 + static_cast<size_t>(__builtin_ctzll(mask));
    return static_cast<uint32_t>(at * 64 + static_cast<size_t>(__builtin_ctzll(bits[at])));
  }
  return kNoCode;
}

}  // namespace tsum
