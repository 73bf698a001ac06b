#include "table/dictionary.h"

#include <cstring>

#include "table/short_key.h"

namespace tsum {

namespace {
constexpr size_t kInitialSlots = 16;
// How many values ahead merge() and rebuild() hash and prefetch: enough misses in flight
// to cover the memory latency; a power of 2, for the ring of hashes.
constexpr uint32_t kAhead = 8;

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
}  // namespace

using detail::hash_short_key;
using detail::kShortKeyMax;
using detail::make_short_key;
using detail::mix64;

Dictionary::Dictionary() : offsets_{0}, slots_(kInitialSlots, Slot{0, kNotFound}), mask_(kInitialSlots - 1) {}

// Short values: one multiplication (short_key.h). Longer ones: a multiply-mix over 8-byte
// words, the last word overlapping the one before instead of reading past the end.
uint64_t Dictionary::hash(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  if (n <= kShortKeyMax) return hash_short_key(make_short_key(p, n), n);
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 < n; i += 8) h = mix64(h ^ load64(p + i), 0xA0761D6478BD642Full);
  h = mix64(h ^ load64(p + n - 8), 0xE7037ED1A0B428DBull);
  return mix64(h, 0x8EBC6AF09C88C6E3ull);
}

// Whether entry `index` holds `text`: lengths first, then packed words or memcmp.
inline bool Dictionary::equals(uint32_t index, std::string_view text) const {
  const uint64_t begin = offsets_[index];
  const size_t n = text.size();
  if (offsets_[index + 1] - begin != n) return false;
  const char* stored = bytes_.data() + begin;
  if (n <= kShortKeyMax) return make_short_key(stored, n) == make_short_key(text.data(), n);
  return std::memcmp(stored, text.data(), n) == 0;
}

uint32_t Dictionary::find(std::string_view text) const {
  uint64_t h = hash(text);
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.index == kNotFound) return kNotFound;
    if (s.hash_tag == tag && equals(s.index, text)) return s.index;
  }
}

uint32_t Dictionary::find_or_insert(std::string_view text, uint64_t h, bool& inserted) {
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  uint64_t i = h & mask_;
  for (;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.index == kNotFound) break;
    if (s.hash_tag == tag && equals(s.index, text)) {
      inserted = false;
      return s.index;
    }
  }
  uint32_t index = size();
  bytes_.append(text);
  offsets_.push_back(bytes_.size());
  slots_[i] = Slot{tag, index};
  inserted = true;
  if (static_cast<uint64_t>(size()) * 4 > slots_.size() * 3) grow();
  return index;
}

void Dictionary::grow() { rebuild(slots_.size() * 2); }

void Dictionary::reserve(uint64_t values, uint64_t bytes) {
  bytes_.reserve(bytes);
  offsets_.reserve(values + 1);
  uint64_t slots = slots_.size();
  while (values * 4 > slots * 3) slots *= 2;
  if (slots != slots_.size()) rebuild(slots);
}

// Re-inserts every entry into `slots` fresh slots. Entries are visited in index order, not
// slot order: the offsets and the arena are then read front to back (the hash of a value is
// recomputed from it), where visiting the old slots read them at random and, for a
// dictionary larger than the cache, missed once per entry (half of grow()'s time on an
// all-distinct column). The new slots are written at random, so each entry's slot is
// prefetched kAhead entries early (as in merge()).
void Dictionary::rebuild(uint64_t slots) {
  slots_.assign(slots, Slot{0, kNotFound});
  mask_ = slots - 1;
  const uint32_t n = size();
  uint64_t ahead[kAhead];
  auto hash_and_prefetch = [&](uint32_t index) {
    const uint64_t h = hash(value(index));
    ahead[index % kAhead] = h;
    __builtin_prefetch(&slots_[h & mask_], 1);
  };
  for (uint32_t index = 0; index < n && index < kAhead; ++index) hash_and_prefetch(index);
  for (uint32_t index = 0; index < n; ++index) {
    const uint64_t h = ahead[index % kAhead];
    if (index + kAhead < n) hash_and_prefetch(index + kAhead);
    uint64_t i = h & mask_;
    while (slots_[i].index != kNotFound) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(h >> 32), index};
  }
}

// The slots of a large dictionary are out of cache, and each insertion's first probe then
// waits for memory. Merging knows the values to come, so it hashes each one kAhead
// values early and prefetches its first slot: the misses overlap instead of following one
// another (the merge of an all-distinct column was bound by them). The values are inserted
// in the same order as one by one, so the codes are the same.
std::vector<uint32_t> Dictionary::merge(const Dictionary& local) {
  const uint32_t n = local.size();
  std::vector<uint32_t> map(n + 1);
  map[0] = 0;
  uint64_t ahead[kAhead];
  auto hash_and_prefetch = [&](uint32_t i) {
    const uint64_t h = hash(local.value(i));
    ahead[i % kAhead] = h;
    __builtin_prefetch(&slots_[h & mask_]);
  };
  for (uint32_t i = 0; i < n && i < kAhead; ++i) hash_and_prefetch(i);
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t h = ahead[i % kAhead];
    if (i + kAhead < n) hash_and_prefetch(i + kAhead);
    bool inserted;
    map[i + 1] = find_or_insert(local.value(i), h, inserted) + 1;
  }
  return map;
}

void Dictionary::release(std::string& bytes, std::vector<uint64_t>& offsets) {
  bytes = std::move(bytes_);
  offsets = std::move(offsets_);
  bytes_.clear();
  offsets_.assign(1, 0);
  slots_.assign(kInitialSlots, Slot{0, kNotFound});
  mask_ = kInitialSlots - 1;
}

}  // namespace tsum
