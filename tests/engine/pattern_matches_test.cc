// Pattern matches against a brute-force match of every row with every pattern: the anchor
// index's per-row and per-range matches, gather_matches' lists (ascending) and its row ->
// patterns index (the lists' inverse) over several blocks
// of rows on 1-3 threads, and known_matches on lists given out of order with repeats.
#include "engine/pattern_matches.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <random>
#include <vector>

namespace tsum {
namespace {

struct Fixture {
  std::vector<std::vector<uint32_t>> codes;
  std::vector<uint32_t> cardinality{40, 3, 700};
  std::vector<CodedPattern> patterns;
  std::vector<std::vector<RowId>> expected;  // brute force: pattern -> rows, ascending
  std::vector<std::vector<uint32_t>> by_row;  // its inverse: row -> patterns, ascending
};

// A full block of 2^16 rows and part of a second; patterns of one to three items, some
// of values no row holds, some repeated, so that the anchors and the filing meet ties.
Fixture make_fixture() {
  Fixture f;
  const size_t rows = (size_t{1} << 16) + 4321;
  std::mt19937_64 rng(29);
  f.codes.assign(3, std::vector<uint32_t>(rows));
  for (size_t r = 0; r < rows; ++r) {
    f.codes[0][r] = static_cast<uint32_t>(rng() % (f.cardinality[0] + 1));
    f.codes[1][r] = 1 + static_cast<uint32_t>(rng() % f.cardinality[1]);
    f.codes[2][r] = static_cast<uint32_t>(rng() % (rng() % 2 ? 20 : f.cardinality[2] + 1));
  }
  for (int k = 0; k < 600; ++k) {
    CodedPattern p;
    for (uint32_t c = 0; c < 3; ++c) {
      if (rng() % 2 == 0 && !(c == 2 && p.items.empty())) continue;
      p.items.push_back(Item{c, static_cast<uint32_t>(rng() % (f.cardinality[c] + 1))});
    }
    if (p.items.empty()) p.items.push_back(Item{1, 2});
    f.patterns.push_back(p);
    if (k % 150 == 0) f.patterns.push_back(p);
  }
  f.expected.resize(f.patterns.size());
  for (size_t p = 0; p < f.patterns.size(); ++p) {
    for (size_t r = 0; r < rows; ++r) {
      if (std::all_of(f.patterns[p].items.begin(), f.patterns[p].items.end(),
                      [&](const Item& i) { return f.codes[i.column][r] == i.code; }))
        f.expected[p].push_back(static_cast<RowId>(r));
    }
  }
  f.by_row.resize(rows);
  for (size_t p = 0; p < f.expected.size(); ++p)
    for (RowId r : f.expected[p]) f.by_row[r].push_back(static_cast<uint32_t>(p));
  return f;
}

const Fixture& fixture() {
  static const Fixture f = make_fixture();
  return f;
}

void expect_lists(const Matches& m, const Fixture& f, const char* label) {
  ASSERT_EQ(m.lists.size(), f.expected.size()) << label;
  for (size_t p = 0; p < f.expected.size(); ++p) {
    ASSERT_TRUE(std::equal(m.lists[p].begin(), m.lists[p].end(), f.expected[p].begin(), f.expected[p].end()))
        << label << " pattern " << p;
  }
}

// Gathered, a row's patterns come in the order the anchor index meets them; built from the
// lists, ascending.
void expect_row_index(const Matches& m, const Fixture& f, const char* label, bool ascending) {
  const size_t rows = f.codes[0].size();
  ASSERT_TRUE(m.by_row) << label;
  ASSERT_EQ(m.row_start.size(), rows + 1) << label;
  for (size_t r = 0; r < rows; ++r) {
    std::vector<uint32_t> got(m.row_patterns.begin() + m.row_start[r], m.row_patterns.begin() + m.row_start[r + 1]);
    if (!ascending) std::sort(got.begin(), got.end());
    ASSERT_EQ(got, f.by_row[r]) << label << " row " << r;
  }
}

TEST(PatternMatches, AnchorIndexMeetsEveryMatchOfARow) {
  const Fixture& f = fixture();
  const WorkTable table(f.codes, f.cardinality, std::vector<uint64_t>(f.codes[0].size(), 1));
  const AnchorIndex index(table, f.patterns);
  size_t seen = 0;
  for (RowId r : {RowId{0}, RowId{77}, RowId{65535}, RowId{65536}, RowId{65535 + 4321}}) {
    std::vector<uint32_t> found;
    index.for_each_match(r, [&](uint32_t p) { found.push_back(p); });
    std::sort(found.begin(), found.end());
    std::vector<uint32_t> expected;
    for (size_t p = 0; p < f.expected.size(); ++p) {
      if (std::binary_search(f.expected[p].begin(), f.expected[p].end(), r)) expected.push_back(static_cast<uint32_t>(p));
    }
    EXPECT_EQ(found, expected) << "row " << r;
    seen += expected.size();
  }
  EXPECT_GT(seen, 5u);  // the rows checked match something
}

TEST(PatternMatches, GatheredListsAndRowIndexOnAnyThreads) {
  const Fixture& f = fixture();
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      const WorkTable table(f.codes, f.cardinality, std::vector<uint64_t>(f.codes[0].size(), 1));
      const AnchorIndex index(table, f.patterns);
      const Matches with = gather_matches(table, f.patterns, index, /*by_row=*/true);
      expect_lists(with, f, "by row");
      expect_row_index(with, f, "by row", false);
      const Matches without = gather_matches(table, f.patterns, index, /*by_row=*/false);
      expect_lists(without, f, "lists only");
      EXPECT_FALSE(without.by_row);
      EXPECT_TRUE(without.row_start.empty());
    });
  }
}

TEST(PatternMatches, KnownListsAreSortedAndIndexedOnRequest) {
  const Fixture& f = fixture();
  const WorkTable table(f.codes, f.cardinality, std::vector<uint64_t>(f.codes[0].size(), 1));
  // Each list reversed, its first row given twice: copied sorted and without repeats.
  std::vector<std::vector<RowId>> given(f.expected.size());
  PatternRows rows_of;
  for (size_t p = 0; p < f.expected.size(); ++p) {
    given[p].assign(f.expected[p].rbegin(), f.expected[p].rend());
    if (!given[p].empty()) given[p].push_back(given[p].back());
    rows_of.push_back(given[p]);
  }
  const Matches lazy = known_matches(table, rows_of, /*by_row=*/false);
  expect_lists(lazy, f, "known, lists only");
  EXPECT_FALSE(lazy.by_row);
  const Matches indexed = known_matches(table, rows_of, /*by_row=*/true);
  expect_lists(indexed, f, "known, by row");
  expect_row_index(indexed, f, "known, by row", true);
  // Ascending lists are used where they are, not copied.
  PatternRows ascending;
  for (const auto& list : f.expected) ascending.push_back(list);
  Matches in_place = known_matches(table, ascending, /*by_row=*/false);
  EXPECT_TRUE(in_place.owned.empty());
  EXPECT_EQ(in_place.lists[1].data(), f.expected[1].data());
  // index_by_row afterwards, as a ranking that gives way to decrements builds it.
  index_by_row(in_place, table.rows());
  expect_row_index(in_place, f, "indexed afterwards", true);
}

}  // namespace
}  // namespace tsum
