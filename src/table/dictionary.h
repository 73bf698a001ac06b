// Dictionary: distinct strings in order of insertion, with their 0-based indexes (or, once
// append_unindexed() was used, strings that may repeat, for merge() into a global one).
//
// The hot path of every reader: find_or_insert() is called once per cell (or, through
// ChunkColumn's cache, once per cell the cache misses). Strings live in one contiguous
// arena; lookups go through an open-addressing table (linear probing) that stores 32 bits
// of each entry's hash, so a mismatch rarely touches the arena. Values of at most 16
// bytes are hashed and compared as packed words (short_key.h). Hand-written because the
// standard unordered_map allocates per entry and keeps no contiguous value arena, which
// the Table's column dictionaries need anyway.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsum {

class Dictionary {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  Dictionary();

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  std::string_view value(uint32_t index) const {
    return {bytes_.data() + offsets_[index], static_cast<size_t>(offsets_[index + 1] - offsets_[index])};
  }

  // Index of `text`, inserting it at the end when absent; `inserted` tells which.
  uint32_t find_or_insert(std::string_view text, bool& inserted) {
    return find_or_insert(text, hash(text), inserted);
  }
  // The same with hash == Dictionary::hash(text) already computed.
  uint32_t find_or_insert(std::string_view text, uint64_t hash, bool& inserted);
  uint32_t find(std::string_view text) const;

  // Appends `text` without looking it up or indexing it, and returns its index: the values
  // may then repeat, and find() and find_or_insert() must not be called any more. For a
  // chunk's column recognised as an identifier (ChunkColumn), whose values merge() into a
  // global dictionary later: merge() gives repeats one code, so the codes are the same.
  uint32_t append_unindexed(std::string_view text) {
    bytes_.append(text);
    offsets_.push_back(bytes_.size());
    return size() - 1;
  }

  // Values up to detail::kShortKeyMax bytes hash as hash_short_key(make_short_key(...)).
  static uint64_t hash(std::string_view text);

  // Appends `local`'s values that are absent, in `local`'s order (`local` may repeat values,
  // see append_unindexed), and returns the code map from `local` to this dictionary:
  // map[0] = 0 (NULL), map[i + 1] = index of local value i + 1.
  std::vector<uint32_t> merge(const Dictionary& local);

  // Room for `values` values, and `bytes` bytes of them, in all without growing the table,
  // the offsets or the arena. Codes do not depend on it: only capacities and the table's
  // layout change.
  void reserve(uint64_t values, uint64_t bytes = 0);

  // Moves the arena and offsets out (the dictionary is left empty).
  void release(std::string& bytes, std::vector<uint64_t>& offsets);
  uint64_t arena_bytes() const { return bytes_.size(); }

 private:
  struct Slot {
    uint32_t hash_tag;  // upper bits of the hash, to skip most mismatches
    uint32_t index;     // kNotFound when empty
  };
  void grow();
  void rebuild(uint64_t slots);
  bool equals(uint32_t index, std::string_view text) const;

  std::string bytes_;
  std::vector<uint64_t> offsets_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace tsum
