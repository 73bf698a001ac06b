// RowBits: a set of a table's rows as one bit a row (bit r % 64 of word r / 64), rows
// only ever leaving it: the residue R of a search (engine/residue.h) and of the ranking
// (engine/marshalling.cc).
//
// Threads: erase() rewrites the row's whole word, so rows may leave from several threads
// at once only when no two threads erase rows of one word (the ranking cuts its blocks at
// word boundaries for that), and nothing reads the set meanwhile.
//
// Why bits: a pattern's rows of R are found by filtering a posting list — rows spread
// over the whole table — against R (engine/posting_index.h). One byte a row puts a
// 3·10^6-row table's flags at 3 MB, past the second-level cache, and a long list's
// filter waits on a miss every few rows; as bits they take 375 KB and stay in it.
//
// Hand-written: std::vector<bool> does not expose its words (the filter prefetches them)
// and no bitset library is among the project's dependencies; the class is a few lines.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/kernels.h"

namespace tsum {

class RowBits {
 public:
  // Rows 0 .. rows - 1, every one in the set.
  explicit RowBits(uint64_t rows) : rows_(rows), words_((rows + 63) / 64, ~uint64_t{0}) {
    if (rows % 64 != 0) words_.back() = (uint64_t{1} << (rows % 64)) - 1;
  }
  // The rows r with flags[r] != 0.
  explicit RowBits(std::span<const uint8_t> flags) : rows_(flags.size()), words_((flags.size() + 63) / 64, 0) {
    for (uint64_t r = 0; r < flags.size(); ++r) words_[r >> 6] |= uint64_t{flags[r] != 0} << (r & 63);
  }

  uint64_t rows() const { return rows_; }  // of the table, in the set or not
  bool contains(RowId r) const { return ((words_[r >> 6] >> (r & 63)) & 1) != 0; }
  // 1 when r is in the set, else 0: for branch-free filters.
  uint32_t bit(RowId r) const { return static_cast<uint32_t>((words_[r >> 6] >> (r & 63)) & 1); }
  void erase(RowId r) { words_[r >> 6] &= ~(uint64_t{1} << (r & 63)); }
  void prefetch(RowId r) const { __builtin_prefetch(words_.data() + (r >> 6)); }

 private:
  uint64_t rows_;
  std::vector<uint64_t> words_;
};

}  // namespace tsum
