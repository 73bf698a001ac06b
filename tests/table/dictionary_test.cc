// Dictionary, packed short keys and ChunkColumn's cache: the fast paths must give exactly
// what a plain map from strings to first-appearance indexes gives.
#include "table/dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "table/chunk_column.h"
#include "table/short_key.h"

namespace tsum {
namespace {

// Strings of every length 0..40 that differ only in one byte, or only in their length
// (trailing NUL and non-NUL bytes), which a packing that lost bytes or lengths would merge.
std::vector<std::string> tricky_values() {
  std::vector<std::string> values;
  for (size_t n = 0; n <= 40; ++n) {
    const std::string base(n, 'a');
    values.push_back(base);
    values.push_back(base + std::string(1, '\0'));
    for (size_t i = 0; i < n; ++i) {
      std::string v = base;
      v[i] = 'b';
      values.push_back(v);
      v[i] = '\0';
      values.push_back(v);
      v[i] = '\xFF';
      values.push_back(v);
    }
  }
  return values;
}

TEST(ShortKey, PackingIsInjectiveAndPaddedLoadsAgree) {
  const std::vector<std::string> values = tricky_values();
  std::map<std::pair<std::pair<uint64_t, uint64_t>, size_t>, std::string> seen;
  for (const std::string& v : values) {
    if (v.size() > detail::kShortKeyMax) continue;
    const detail::ShortKey k = detail::make_short_key(v.data(), v.size());
    // The padded load reads 16 bytes from the start: give it a buffer with garbage after.
    const std::string buffer = v + std::string(16, '\x5A');
    EXPECT_EQ(detail::make_short_key_padded(buffer.data(), v.size()), k) << v.size();
    auto [it, fresh] = seen.emplace(std::make_pair(std::make_pair(k.a, k.b), v.size()), v);
    EXPECT_TRUE(fresh || it->second == v) << "collision between values of length " << v.size();
  }
}

TEST(Dictionary, MatchesAMapOnTrickyAndRandomValues) {
  std::vector<std::string> values = tricky_values();
  std::mt19937 rng(11);
  for (int i = 0; i < 20000; ++i) {  // enough distinct values to grow the table many times
    std::string v(std::uniform_int_distribution<size_t>(1, 24)(rng), ' ');
    for (char& c : v) c = static_cast<char>('0' + rng() % 4);
    values.push_back(v);
  }
  std::shuffle(values.begin(), values.end(), rng);
  Dictionary dictionary;
  std::map<std::string, uint32_t> reference;
  for (const std::string& v : values) {
    bool inserted;
    const uint32_t index = dictionary.find_or_insert(v, inserted);
    auto [it, fresh] = reference.emplace(v, static_cast<uint32_t>(reference.size()));
    ASSERT_EQ(inserted, fresh);
    ASSERT_EQ(index, it->second);
    ASSERT_EQ(dictionary.value(index), v);
    ASSERT_EQ(dictionary.find(v), index);
  }
  EXPECT_EQ(dictionary.size(), reference.size());
  EXPECT_EQ(dictionary.find("not there, longer than sixteen bytes"), Dictionary::kNotFound);
  EXPECT_EQ(dictionary.find("zz"), Dictionary::kNotFound);
}

// The cache in front of the dictionary sees many values competing for its entries, padded
// and unpadded loads, and long values that bypass it; codes must be first-appearance.
TEST(ChunkColumn, CachedCodesAreFirstAppearanceCodes) {
  std::vector<std::string> values = tricky_values();
  std::mt19937 rng(5);
  std::vector<std::string> cells;
  for (int i = 0; i < 50000; ++i) cells.push_back(values[rng() % 300 < 250 ? rng() % 40 : rng() % values.size()]);
  detail::ChunkColumn column;
  std::map<std::string, uint32_t> reference;
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string& v = cells[i];
    if (v.empty()) continue;
    const std::string buffer = v + std::string(16, '#');
    const bool padded = i % 2 == 0;
    const uint32_t code = column.code_of(std::string_view(padded ? buffer.data() : v.data(), v.size()),
                                         [] { return false; }, padded);
    auto [it, fresh] = reference.emplace(v, static_cast<uint32_t>(reference.size() + 1));
    ASSERT_EQ(code, it->second) << "cell " << i;
  }
  EXPECT_EQ(column.dictionary.size(), reference.size());
}

}  // namespace
}  // namespace tsum
