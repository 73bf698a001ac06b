#include "state/state_store.h"

#include <algorithm>
#include <charconv>

namespace tsum {

bool parse_integer_key(std::string_view text, int64_t& value) {
  if (text.empty()) return false;
  const char* begin = text.data();
  if (*begin == '+') ++begin;  // "+5" is 5 to the CSV rule; from_chars refuses the sign
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && begin != end;
}

ptrdiff_t StateStore::find_column(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return static_cast<ptrdiff_t>(i);
  }
  return -1;
}

void StateStore::set_columns(const std::vector<std::string>& names) {
  columns_.clear();
  columns_.resize(names.size());
  for (size_t i = 0; i < names.size(); ++i) columns_[i].name = names[i];
  cells_.clear();
  live_.clear();
  slot_of_key_.clear();
  free_slots_.clear();
  sorted_slots_ = 0;
  live_rows_ = 0;
  key_column_ = -1;
}

bool StateStore::resolve_key() {
  key_column_ = key_name_.empty() ? -1 : find_column(key_name_);
  return key_column_ >= 0;
}

uint32_t StateStore::find(std::string_view key) const {
  uint32_t index = columns_[key_column_].values.find(key);
  if (index == Dictionary::kNotFound || index >= slot_of_key_.size()) return kNoSlot;
  return slot_of_key_[index];
}

uint32_t StateStore::insert(uint32_t key_code) {
  const size_t width = columns_.size();
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    std::fill_n(slot_codes(slot), width, 0u);
    live_[slot] = 1;
  } else {
    slot = static_cast<uint32_t>(live_.size());
    cells_.resize(cells_.size() + width, 0u);
    live_.push_back(1);
  }
  slot_codes(slot)[key_column_] = key_code;
  if (slot_of_key_.size() < key_code) slot_of_key_.resize(columns_[key_column_].values.size(), kNoSlot);
  slot_of_key_[key_code - 1] = slot;
  ++live_rows_;
  return slot;
}

void StateStore::erase(uint32_t slot) {
  uint32_t key_code = slot_codes(slot)[key_column_];
  slot_of_key_[key_code - 1] = kNoSlot;
  live_[slot] = 0;
  // Slots read from the file keep their place in key order, so only later ones are reused.
  if (slot >= sorted_slots_) free_slots_.push_back(slot);
  --live_rows_;
}

void StateStore::clear() {
  std::vector<std::string> names;
  std::vector<std::string> types;
  for (const StateColumn& c : columns_) {
    names.push_back(c.name);
    types.push_back(c.type);
  }
  set_columns(names);
  for (size_t i = 0; i < names.size(); ++i) columns_[i].type = types[i];
  resolve_key();
}

void StateStore::append_sorted_row(const uint32_t* codes) {
  const size_t width = columns_.size();
  uint32_t slot = static_cast<uint32_t>(live_.size());
  cells_.insert(cells_.end(), codes, codes + width);
  live_.push_back(1);
  uint32_t key_code = codes[key_column_];
  if (slot_of_key_.size() < key_code) slot_of_key_.resize(columns_[key_column_].values.size(), kNoSlot);
  slot_of_key_[key_code - 1] = slot;
  sorted_slots_ = slot + 1;
  ++live_rows_;
}

bool StateStore::key_less(std::string_view a, std::string_view b) const {
  if (integer_keys_) {
    int64_t x = 0, y = 0;
    if (parse_integer_key(a, x) && parse_integer_key(b, y)) return x < y;
  }
  return a < b;  // std::string_view compares bytes as unsigned char: the C collation
}

std::vector<uint32_t> StateStore::live_rows_in_key_order() const {
  const Dictionary& keys = columns_[key_column_].values;
  auto key_of = [&](uint32_t slot) { return keys.value(slot_codes(slot)[key_column_] - 1); };
  std::vector<uint32_t> old_rows, new_rows;
  old_rows.reserve(live_rows_);
  for (uint32_t s = 0; s < sorted_slots_; ++s) {
    if (live_[s]) old_rows.push_back(s);
  }
  for (uint32_t s = sorted_slots_; s < live_.size(); ++s) {
    if (live_[s]) new_rows.push_back(s);
  }
  if (integer_keys_) {
    // Sort the new rows on parsed integers once, not on text at every comparison.
    std::vector<std::pair<int64_t, uint32_t>> keyed;
    keyed.reserve(new_rows.size());
    for (uint32_t s : new_rows) {
      int64_t v = 0;
      parse_integer_key(key_of(s), v);
      keyed.emplace_back(v, s);
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i) new_rows[i] = keyed[i].second;
  } else {
    std::sort(new_rows.begin(), new_rows.end(), [&](uint32_t a, uint32_t b) { return key_of(a) < key_of(b); });
  }
  std::vector<uint32_t> order(old_rows.size() + new_rows.size());
  std::merge(old_rows.begin(), old_rows.end(), new_rows.begin(), new_rows.end(), order.begin(),
             [&](uint32_t a, uint32_t b) { return key_less(key_of(a), key_of(b)); });
  return order;
}

}  // namespace tsum
