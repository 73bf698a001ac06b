// Dictionary, packed short keys and ChunkColumn's cache: the fast paths must give exactly
// what a plain map from strings to first-appearance indexes gives.
#include "table/dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
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

// Many distinct values with repeats, in a fixed random order.
std::vector<std::string> random_values(unsigned seed, int count) {
  std::mt19937 rng(seed);
  std::vector<std::string> values;
  for (int i = 0; i < count; ++i) {
    std::string v(std::uniform_int_distribution<size_t>(1, 24)(rng), ' ');
    for (char& c : v) c = static_cast<char>('0' + rng() % 4);
    values.push_back(v);
  }
  return values;
}

// reserve() only changes the table's size: indexes and finds must not depend on whether,
// or when, the dictionary was sized ahead (before the first value, or in the middle).
TEST(Dictionary, ReservedTablesGiveTheIndexesOfAMap) {
  const std::vector<std::string> values = random_values(5, 30000);
  Dictionary grown, sized_ahead, sized_midway;
  sized_ahead.reserve(values.size());
  std::map<std::string, uint32_t> reference;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i == values.size() / 2) sized_midway.reserve(values.size() * 3);
    auto [it, fresh] = reference.emplace(values[i], static_cast<uint32_t>(reference.size()));
    for (Dictionary* d : {&grown, &sized_ahead, &sized_midway}) {
      bool inserted;
      ASSERT_EQ(d->find_or_insert(values[i], inserted), it->second) << i;
      ASSERT_EQ(inserted, fresh) << i;
    }
  }
  for (const auto& [value, index] : reference) {
    for (const Dictionary* d : {&grown, &sized_ahead, &sized_midway}) ASSERT_EQ(d->find(value), index) << value;
  }
  sized_ahead.reserve(1);  // smaller than the size: nothing changes
  EXPECT_EQ(sized_ahead.find(values.back()), reference[values.back()]);
}

// merge() hashes and prefetches values ahead of inserting them: the code map and the
// global order must still be those of inserting the local values one by one, for local
// dictionaries shorter than the look-ahead or around its length, empty, long enough to
// grow the table, and of values already in it.
TEST(Dictionary, MergeGivesTheCodesOfAMap) {
  std::vector<std::vector<std::string>> chunks = {random_values(1, 5000), {"a", "b", "a"}, {},
                                                  random_values(2, 9000), random_values(1, 300),
                                                  random_values(3, 6),    random_values(3, 11),
                                                  random_values(4, 16),   random_values(4, 17)};
  Dictionary global;
  std::map<std::string, uint32_t> reference;
  for (const std::vector<std::string>& chunk : chunks) {
    Dictionary local;
    for (const std::string& v : chunk) {
      bool inserted;
      local.find_or_insert(v, inserted);
    }
    const std::vector<uint32_t> map = global.merge(local);
    ASSERT_EQ(map.size(), local.size() + 1);
    EXPECT_EQ(map[0], 0u);
    for (uint32_t i = 0; i < local.size(); ++i) {
      auto it = reference.emplace(std::string(local.value(i)), static_cast<uint32_t>(reference.size())).first;
      ASSERT_EQ(map[i + 1], it->second + 1) << i;
    }
  }
  ASSERT_EQ(global.size(), reference.size());
  for (const auto& [value, index] : reference) ASSERT_EQ(global.value(index), value);
}

// The cache in front of the dictionary sees many values competing for its entries, padded
// and unpadded loads, and long values that bypass it; codes must be first-appearance.
// Long values also come in runs of one value (the column's last long value is answered
// without a lookup). Columns of chunks of every width: their caches grow to different
// sizes while the dictionary fills.
TEST(ChunkColumn, CachedCodesAreFirstAppearanceCodes) {
  std::vector<std::string> values = tricky_values();
  std::mt19937 rng(5);
  std::vector<std::string> cells;
  for (int i = 0; i < 50000; ++i) {
    const std::string& v = values[rng() % 300 < 250 ? rng() % 40 : rng() % values.size()];
    for (uint32_t run = v.size() > detail::kShortKeyMax ? rng() % 4 : 0; run > 0; --run) cells.push_back(v);
    cells.push_back(v);
  }
  for (const size_t columns : {size_t{0}, size_t{1}, size_t{3}, size_t{500}, size_t{20000}}) {
    auto column = columns ? std::make_unique<detail::ChunkColumn>(columns) : std::make_unique<detail::ChunkColumn>();
    std::map<std::string, uint32_t> reference;
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string& v = cells[i];
      if (v.empty()) continue;
      const std::string buffer = v + std::string(16, '#');
      const bool padded = i % 2 == 0;
      const uint32_t code = column->code_of(std::string_view(padded ? buffer.data() : v.data(), v.size()),
                                            [] { return false; }, padded);
      auto [it, fresh] = reference.emplace(v, static_cast<uint32_t>(reference.size() + 1));
      ASSERT_EQ(code, it->second) << "cell " << i << ", " << columns << " columns";
    }
    EXPECT_EQ(column->dictionary.size(), reference.size());
  }
}

// Whenever the dictionary passes half the cache's entries, the cache grows to four times
// its values, within the chunk's share of 512 KiB of caches (24 bytes an entry), from 16
// to 2^11 entries.
TEST(ChunkColumn, CacheGrowsWithTheDictionaryWithinTheChunksShare) {
  auto entries_after = [](std::unique_ptr<detail::ChunkColumn> column, int values) {
    for (int i = 0; i < 3 * values; ++i) column->add_text(std::to_string(i % values), false);
    return column->cache_entries();
  };
  using detail::ChunkColumn;
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(), 1000), 16u);         // width not given
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(20000), 1000), 16u);    // very wide
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(500), 1000), 32u);      // 43 entries each: 2^5
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(50), 1000), 256u);      // 436 each
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(5), 1000), 2048u);      // 4,369 each: the most
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(5), 100), 256u);        // 4 x 33 values, then 2 x 100 fit
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(5), 8), 16u);           // 2 x 8 fit 16
  EXPECT_EQ(entries_after(std::make_unique<ChunkColumn>(5), 9), 64u);           // 4 x 9 values
}

// A column whose first cells are all distinct switches to appending without lookup, so
// its local dictionary may repeat values; merged into a global dictionary (as
// TableBuilder does) every cell must still get its first-appearance code. The numbers
// typing must still see every value. Cells after the switch repeat early values, values
// seen only since the switch, and new ones.
TEST(ChunkColumn, IdentifierColumnsMergeToFirstAppearanceCodes) {
  std::vector<std::string> cells;
  for (int i = 0; i < 5000; ++i) cells.push_back(std::to_string(100000 + i * 7));
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    const uint32_t pick = rng() % 3;
    cells.push_back(pick == 0 ? cells[rng() % 4096] : pick == 1 ? cells[rng() % cells.size()] : std::to_string(rng()));
  }
  for (const bool text_at_end : {false, true}) {
    // Of a narrow chunk, whose cache grew before the switch (and is dropped at it).
    detail::ChunkColumn column = text_at_end ? detail::ChunkColumn(3) : detail::ChunkColumn();
    for (const std::string& v : cells) column.add_text(v, false);
    EXPECT_EQ(column.cache_entries(), 16u);
    if (text_at_end) column.add_text("not a number", false);
    EXPECT_EQ(column.all_numeric, !text_at_end);
    EXPECT_EQ(column.dictionary.size(), column.codes.size());  // repeats were appended, not looked up

    Dictionary global;
    const std::vector<uint32_t> map = global.merge(column.dictionary);
    std::map<std::string, uint32_t> reference;
    std::vector<uint32_t> local;
    column.codes.visit([&](const auto* codes) { local.assign(codes, codes + column.codes.size()); });
    ASSERT_EQ(local.size(), cells.size() + (text_at_end ? 1 : 0));
    for (size_t i = 0; i < cells.size(); ++i) {
      auto [it, fresh] = reference.emplace(cells[i], static_cast<uint32_t>(reference.size() + 1));
      ASSERT_EQ(map[local[i]], it->second) << "cell " << i;
    }
    EXPECT_EQ(global.size(), reference.size() + (text_at_end ? 1 : 0));
  }
}

// The codes of `cells` in a fresh ChunkColumn, merged into a global dictionary as
// TableBuilder does, against first-appearance codes; returns the local dictionary's size.
size_t expect_first_appearance_codes(const std::vector<std::string>& cells) {
  detail::ChunkColumn column;
  for (const std::string& v : cells) column.add_text(v, false);
  Dictionary global;
  const std::vector<uint32_t> map = global.merge(column.dictionary);
  std::vector<uint32_t> local;
  column.codes.visit([&](const auto* codes) { local.assign(codes, codes + column.codes.size()); });
  std::map<std::string, uint32_t> reference;
  EXPECT_EQ(local.size(), cells.size());
  for (size_t i = 0; i < cells.size() && i < local.size(); ++i) {
    auto [it, fresh] = reference.emplace(cells[i], static_cast<uint32_t>(reference.size() + 1));
    EXPECT_EQ(map[local[i]], it->second) << "cell " << i;
    if (map[local[i]] != it->second) break;
  }
  EXPECT_EQ(global.size(), reference.size());
  return column.dictionary.size();
}

// Columns of many values that each recur a few times: up to 256 repeats among the first
// 4096 cells still make an identifier (values appended from then on, so the local
// dictionary holds repeats); 257 do not (every value looked up, none held twice). Either
// way every cell gets its first-appearance code.
TEST(ChunkColumn, MostlyDistinctColumnsAreIdentifiersToo) {
  for (const uint32_t repeats : {256u, 257u}) {
    std::vector<std::string> cells;
    std::mt19937 rng(repeats);
    for (uint32_t i = 0; i + repeats < 4096; ++i) cells.push_back("id" + std::to_string(i));
    for (uint32_t i = 0; i < repeats; ++i) cells.push_back(cells[rng() % (4096 - repeats)]);
    std::shuffle(cells.begin() + 1, cells.end(), rng);  // cell 0 first: the repeats follow it
    for (int i = 0; i < 3000; ++i) cells.push_back(cells[rng() % cells.size()]);  // repeats after the switch
    const size_t distinct = std::set<std::string>(cells.begin(), cells.end()).size();
    const size_t local = expect_first_appearance_codes(cells);
    if (repeats == 256) {
      EXPECT_GT(local, distinct) << "an identifier appends repeats";
    } else {
      EXPECT_EQ(local, distinct) << "looked up: no value twice";
    }
  }
}

}  // namespace
}  // namespace tsum
