// ChunkColumn: one column of one chunk while a reader fills it: a chunk-local dictionary
// and chunk-local codes (0 = NULL, local index + 1 otherwise) stored in the narrowest
// width seen so far, widened in place when the dictionary outgrows it.
//
// In front of the dictionary sits a direct-mapped cache of recent short values (<= 16
// bytes) and their codes, 16 entries that grow with the dictionary within the chunk's
// share of the L2 cache (kCacheBytes): columns worth summarizing have few distinct
// values, so nearly every cell is found there with one hash and three word comparisons,
// and the dictionary is probed only on a miss. The cache only remembers what the
// dictionary already holds, so codes are the same with or without it. Long values skip
// it, but one equal to the column's last long value is not looked up again.
//
// A column whose first kIdentifierEvidence cells in the chunk held at most
// kIdentifierRepeats repeats is taken for an identifier: its values are appended to the
// dictionary without lookup from then on (Dictionary::append_unindexed). Probing a
// chunk-sized table that is out of cache once per cell was most of the reading time of
// such columns, and the merge into the global dictionary has to look every value up
// anyway; it gives repeated values one code, so the codes are the same as without this
// mode. A column that repeats after all costs a larger local dictionary (at most the
// chunk's bytes of the column) and more merge work. Repeats are allowed because columns
// of many values that each recur a few times (10^5 labels over 10^6 rows: ~80 repeats in
// 4096 cells) were as costly to look up as identifiers (docs/benchmarks.md).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "table/code_buffer.h"
#include "table/dictionary.h"
#include "table/short_key.h"
#include "tsum/table_builder.h"

namespace tsum::detail {

class LocalCodes {
 public:
  [[gnu::always_inline]] void push(uint32_t code) {
    if (size_ == capacity_) [[unlikely]] grow();
    switch (width_) {
      case 1:
        if (code < 0x100) { static_cast<uint8_t*>(buffer_.data())[size_++] = static_cast<uint8_t>(code); return; }
        break;
      case 2:
        if (code < 0x10000) { static_cast<uint16_t*>(buffer_.data())[size_++] = static_cast<uint16_t>(code); return; }
        break;
      default:
        static_cast<uint32_t*>(buffer_.data())[size_++] = code;
        return;
    }
    widen(code);
  }
  // Room for `rows` codes without reallocation (a reader that knows a bound on its rows
  // saves the copies of a growing array; untouched pages cost nothing, code_buffer.h).
  void reserve(uint64_t rows) {
    if (rows > capacity_) reallocate(rows, width_);
  }
  uint64_t size() const { return size_; }
  // Frees the reserved memory beyond size() (it stays reserved; see CodeBuffer::trim).
  void trim() { buffer_.trim(size_ * static_cast<size_t>(width_)); }
  template <class F>
  void visit(F&& f) const {
    if (width_ == 1) f(static_cast<const uint8_t*>(buffer_.data()));
    else if (width_ == 2) f(static_cast<const uint16_t*>(buffer_.data()));
    else f(static_cast<const uint32_t*>(buffer_.data()));
  }
  void clear() {
    buffer_ = CodeBuffer();
    size_ = capacity_ = 0;
  }

 private:
  [[gnu::noinline]] void grow() { reallocate(capacity_ < 64 ? 64 : 2 * capacity_, width_); }
  // Pushes a code too wide for the codes so far, after widening them.
  [[gnu::noinline]] void widen(uint32_t code) {
    reallocate(capacity_, code < 0x10000 ? 2 : 4);
    push(code);
  }
  // Moves the codes to a new buffer of `capacity` codes of `width` bytes.
  void reallocate(uint64_t capacity, int width) {
    CodeBuffer next(capacity * static_cast<size_t>(width));
    visit([&](const auto* in) {
      if (width == 1) std::copy(in, in + size_, static_cast<uint8_t*>(next.data()));
      else if (width == 2) std::copy(in, in + size_, static_cast<uint16_t*>(next.data()));
      else std::copy(in, in + size_, static_cast<uint32_t*>(next.data()));
    });
    buffer_ = std::move(next);
    capacity_ = capacity;
    width_ = width;
  }

  int width_ = 1;
  uint64_t size_ = 0;
  uint64_t capacity_ = 0;
  CodeBuffer buffer_;
};

struct ChunkColumn {
  // A column whose cache keeps kCacheBits bits (16 values: very wide tables, and readers
  // that do not say how wide).
  ChunkColumn() = default;
  // A column of a chunk of `columns` columns: its cache may grow with its dictionary up to
  // its share of kCacheBytes (most_cache_bits()).
  explicit ChunkColumn(size_t columns) : most_cache_bits_(most_cache_bits(columns)) {}
  // Held in place (its cache may point into it): readers move unique_ptrs to it.
  ChunkColumn(const ChunkColumn&) = delete;
  ChunkColumn& operator=(const ChunkColumn&) = delete;

  // The local code of a non-NULL value (index + 1), inserting it when new. `is_number`
  // is called (once per new distinct value) only while the column is still all numeric.
  // `padded`: 16 bytes may be read from text.data() (make_short_key_padded).
  //
  // Only the cache's hit is inlined into the readers' loops; every other path is a call.
  // (Inlined whole, the function grew too large for GCC to inline at all, and each cell
  // paid a call with its register saves.)
  template <class IsNumber>
  [[gnu::always_inline]] uint32_t code_of(std::string_view text, const IsNumber& is_number, bool padded = false) {
    const size_t n = text.size();
    if (identifier_ || n > kShortKeyMax) [[unlikely]] return code_of_uncached(text, is_number);
    const ShortKey key = padded ? make_short_key_padded(text.data(), n) : make_short_key(text.data(), n);
    const uint64_t h = hash_short_key(key, n);
    CacheEntry& e = cache_[h >> cache_shift_];
    if (e.key == key && e.length == n) [[likely]] return e.code;
    return code_of_missed(text, h, key, e, is_number);
  }

  // A text cell typed by the spec's CSV rule (ChunkBuilder::add_text), inline for readers
  // inside the library.
  [[gnu::always_inline]] void add_text(std::string_view text, bool padded) {
    codes.push(code_of(text, [text] { return is_spec_number(text); }, padded));
  }
  void add_null() { codes.push(0); }

  // For a column made without its chunk's width (JSON's per-key states, made as keys
  // are met): lets its cache grow to its share of `columns` columns from now on.
  void allow_cache_for(size_t columns) { most_cache_bits_ = most_cache_bits(columns); }

  // Back to 16 entries, for good: once the chunk's cells are all in, a grown cache is
  // only memory (ChunkBuilder::trim() calls it when a reader says the chunk is done, and
  // the merge as it frees the dictionary; on one thread chunks are merged at the end).
  void shrink_cache() {
    most_cache_bits_ = kCacheBits;
    cache_shift_ = 64 - kCacheBits;
    large_cache_.reset();
    small_cache_.fill(CacheEntry{});
    cache_ = small_cache_.data();
  }
  // The cache's entries now (for tests).
  size_t cache_entries() const { return size_t{1} << (64 - cache_shift_); }

  Dictionary dictionary;
  LocalCodes codes;
  bool all_numeric = true;  // every non-NULL cell so far was a number

 private:
  static constexpr uint32_t kIdentifierEvidence = 4096;
  static constexpr uint32_t kIdentifierRepeats = 256;
  struct CacheEntry {
    ShortKey key;
    uint32_t length = UINT32_MAX;  // no value has this length: the entry is empty
    uint32_t code = 0;
  };
  // The cache starts at 16 entries (384 bytes per column and chunk: tables of 20,000
  // columns hold one per column); whenever the dictionary passes half its entries it grows
  // to four times the dictionary's values (emptied: it only remembers), up to 2^11
  // entries and while the chunk's columns' caches together stay within kCacheBytes (half
  // of this machine's per-core L2). A column of a thousand values then finds most cells in
  // its cache instead of the dictionary, whose slot and offsets each cost a load
  // (flights-3m.csv's delays and distances, 867 and 1,109 values: read 0.39 -> 0.29 s at
  // two threads, docs/benchmarks.md, "Reading: the cache's hit inlined...").
  static constexpr unsigned kCacheBits = 4;
  static constexpr unsigned kMostCacheBits = 11;
  static constexpr uint64_t kCacheBytes = uint64_t{512} << 10;
  static unsigned most_cache_bits(size_t columns) {
    columns = std::max<size_t>(columns, 1);
    unsigned bits = kCacheBits;
    while (bits < kMostCacheBits && (uint64_t{1} << (bits + 1)) * sizeof(CacheEntry) * columns <= kCacheBytes) ++bits;
    return bits;
  }
  // A cache four times the dictionary's size (up to most_cache_bits_ bits), empty.
  [[gnu::noinline]] void grow_cache() {
    unsigned bits = 64 - cache_shift_;
    while (bits < most_cache_bits_ && (uint64_t{1} << bits) < uint64_t{4} * dictionary.size()) ++bits;
    large_cache_ = std::make_unique<CacheEntry[]>(size_t{1} << bits);
    cache_ = large_cache_.get();
    cache_shift_ = 64 - bits;
  }

  // code_of() for an identifier column or a long value. A long value equal to the
  // column's last one is answered without hashing: sorted or clustered columns of long
  // values (timestamps with fractions of seconds: 93 % of flights-3m.csv's dates repeat
  // the row before) otherwise paid a lookup in a chunk dictionary of many values per cell.
  template <class IsNumber>
  [[gnu::noinline]] uint32_t code_of_uncached(std::string_view text, const IsNumber& is_number) {
    if (identifier_) return append(text, is_number);
    if (last_long_ != 0 && dictionary.value(last_long_ - 1) == text) return last_long_;
    last_long_ = insert(text, Dictionary::hash(text), is_number);
    return last_long_;
  }

  // code_of() for a short value the cache did not hold: looked up, then cached in `e`
  // (or, when the cache grows, in its place in the new one).
  template <class IsNumber>
  [[gnu::noinline]] uint32_t code_of_missed(std::string_view text, uint64_t h, const ShortKey& key, CacheEntry& e,
                                            const IsNumber& is_number) {
    const uint32_t code = insert(text, h, is_number);
    if (identifier_) return code;  // the cache was emptied: `e` is gone
    const CacheEntry entry{key, static_cast<uint32_t>(text.size()), code};
    if (uint64_t{2} * dictionary.size() > cache_entries() && 64 - cache_shift_ < most_cache_bits_) {
      grow_cache();
      cache_[h >> cache_shift_] = entry;
    } else {
      e = entry;
    }
    return code;
  }

  template <class IsNumber>
  uint32_t insert(std::string_view text, uint64_t h, const IsNumber& is_number) {
    bool inserted;
    const uint32_t index = dictionary.find_or_insert(text, h, inserted);
    if (inserted && all_numeric && !is_number()) all_numeric = false;
    // At the column's kIdentifierEvidence-th cell (the codes pushed and this one), when it
    // misses the cache (as nearly every cell of such a column does).
    if (codes.size() + 1 == kIdentifierEvidence && dictionary.size() + kIdentifierRepeats >= kIdentifierEvidence) {
      identifier_ = true;
      shrink_cache();  // not read any more
    }
    return index + 1;
  }

  template <class IsNumber>
  uint32_t append(std::string_view text, const IsNumber& is_number) {
    if (all_numeric && !is_number()) all_numeric = false;
    return dictionary.append_unindexed(text) + 1;
  }

  bool identifier_ = false;  // values are appended without lookup (see the header)
  uint32_t last_long_ = 0;   // the code of the last value longer than kShortKeyMax (0: none)

  unsigned most_cache_bits_ = kCacheBits;
  unsigned cache_shift_ = 64 - kCacheBits;  // a hash's slot: h >> cache_shift_
  // The first 16 entries live in the column's state (a table of 10^5 keys as JSON makes a
  // state per key and work unit: a heap block each cost 7-10 % of its read); grown ones
  // on the heap.
  std::array<CacheEntry, size_t{1} << kCacheBits> small_cache_{};
  std::unique_ptr<CacheEntry[]> large_cache_;
  CacheEntry* cache_ = small_cache_.data();
};

}  // namespace tsum::detail
