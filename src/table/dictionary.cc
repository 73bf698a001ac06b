#include "table/dictionary.h"

#include <cstring>

#include "table/short_key.h"

namespace tsum {

namespace {
constexpr size_t kInitialSlots = 16;

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

void Dictionary::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, Slot{0, kNotFound});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.index == kNotFound) continue;
    uint64_t h = hash(value(s.index));
    uint64_t i = h & mask_;
    while (slots_[i].index != kNotFound) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

std::vector<uint32_t> Dictionary::merge(const Dictionary& local) {
  std::vector<uint32_t> map(local.size() + 1);
  map[0] = 0;
  for (uint32_t i = 0; i < local.size(); ++i) {
    bool inserted;
    map[i + 1] = find_or_insert(local.value(i), inserted) + 1;
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
