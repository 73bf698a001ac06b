#include "tsum/table_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/raw_table.h"
#include "table/chunk_column.h"
#include "tsum/error.h"

namespace tsum {
namespace {

TEST(TableBuilder, CodesFollowFirstAppearanceAcrossChunks) {
  TableBuilder b({"x"});
  ChunkBuilder c1 = b.make_chunk();
  c1.add_text(0, "b");
  c1.add_null(0);
  c1.add_text(0, "a");
  ChunkBuilder c2 = b.make_chunk();
  c2.add_text(0, "c");
  c2.add_text(0, "a");
  c2.add_text(0, "b");
  b.add_chunk(std::move(c1));
  b.add_chunk(std::move(c2));
  Table t = b.finish(2);
  const Column& x = t.column(0);
  ASSERT_EQ(x.cardinality(), 3u);
  EXPECT_EQ(x.value(1), "b");
  EXPECT_EQ(x.value(2), "a");
  EXPECT_EQ(x.value(3), "c");
  const uint32_t expected[] = {1, 0, 2, 3, 2, 1};
  for (size_t r = 0; r < 6; ++r) EXPECT_EQ(x.code_at(r), expected[r]) << r;
  EXPECT_EQ(x.null_count(), 1u);
  EXPECT_EQ(x.code_counts(), (std::vector<uint64_t>{1, 2, 2, 1}));
  EXPECT_EQ(x.total_utf8_bytes(), 5u);
  EXPECT_DOUBLE_EQ(x.mean_utf8_length(), 1.0);
}

// An identifier column: every chunk starts with more distinct values than ChunkColumn
// needs to stop looking values up, and the first chunk (1 % of its cells repeats) more
// than merge_column needs to size the global dictionary ahead; the third chunk then
// repeats values of the first and of itself, so both guesses are partly wrong. Codes must be first-appearance codes, the
// same for one thread and two, and a low-cardinality column beside it must not change.
TEST(TableBuilder, IdentifierColumnCodesAreFirstAppearanceForAnyThreadCount) {
  const uint64_t per_chunk = 6000;
  auto id = [](uint64_t i) {
    std::string text = "u";
    text += std::to_string(1000000 + i);
    text += "-a";
    return text;
  };
  std::vector<std::string> cells;
  for (uint64_t row = 0; row < 2 * per_chunk; ++row) {
    cells.push_back(row < per_chunk && row % 97 == 96 ? cells[row / 2] : id(row));
  }
  for (uint64_t r = 0; r < per_chunk; ++r) cells.push_back(r < 5000 ? id(2 * per_chunk + r) : cells[(r * 37) % 13000]);
  auto build = [&](unsigned threads) {
    TableBuilder b({"id", "kind"});
    for (uint64_t k = 0; k < 3; ++k) {
      ChunkBuilder c = b.make_chunk();
      for (uint64_t r = 0; r < per_chunk; ++r) {
        c.add_text(0, cells[k * per_chunk + r]);
        c.add_text(1, r % 3 ? "x" : "y");
      }
      b.add_chunk(std::move(c));
    }
    return b.finish(threads);
  };
  std::map<std::string, uint32_t> reference;
  std::vector<uint32_t> expected;
  for (const std::string& v : cells) {
    expected.push_back(reference.emplace(v, static_cast<uint32_t>(reference.size() + 1)).first->second);
  }
  const Table one = build(1);
  const Table two = build(2);
  ASSERT_EQ(one.column(0).cardinality(), reference.size());
  ASSERT_EQ(two.column(0).cardinality(), reference.size());
  for (uint64_t row = 0; row < cells.size(); ++row) {
    ASSERT_EQ(one.column(0).code_at(row), expected[row]) << row;
    ASSERT_EQ(two.column(0).code_at(row), expected[row]) << row;
    ASSERT_EQ(one.column(1).code_at(row), two.column(1).code_at(row)) << row;
  }
  for (const auto& [value, code] : reference) ASSERT_EQ(two.column(0).value(code), value);
  EXPECT_EQ(one.column(1).cardinality(), 2u);
}

// Chunks announced and given one by one (put_chunk), from several threads in any order,
// make the Table that add_chunk makes: the columns' merges, done as chunks arrive by
// whichever thread gives one, keep chunk order. The table: a nearly distinct column (its
// first chunk all new values: the merge is sized ahead from that chunk alone), a column
// of few labels with NULLs, a numeric column whose last chunk holds text, and an empty
// chunk among the others.
TEST(TableBuilder, ChunksGivenInAnyOrderFromThreadsMakeTheSameTable) {
  constexpr size_t kChunks = 12;
  std::mt19937_64 rng(11);
  std::vector<std::vector<std::array<std::string, 3>>> chunks(kChunks);
  for (size_t k = 0; k < kChunks; ++k) {
    const size_t rows = k == 5 ? 0 : k == 0 ? 6000 : 3000 + rng() % 3000;
    for (size_t r = 0; r < rows; ++r) {
      chunks[k].push_back({"t" + std::to_string(rng() % 1000000000), "L" + std::to_string(rng() % 40),
                           k == kChunks - 1 && r == 7 ? "n/a" : std::to_string(rng() % 5000)});
    }
  }
  auto fill = [&](const TableBuilder& b, size_t k) {
    ChunkBuilder c = b.make_chunk();
    for (const auto& row : chunks[k]) {
      c.add_text(0, row[0]);
      if (row[1] == "L0") {
        c.add_null(1);
      } else {
        c.add_text(1, row[1]);
      }
      c.add_text(2, row[2]);
    }
    return c;
  };
  TableBuilder reference_builder({"t", "label", "n"});
  for (size_t k = 0; k < kChunks; ++k) reference_builder.add_chunk(fill(reference_builder, k));
  const Table reference = reference_builder.finish(1);
  ASSERT_GT(reference.column(0).cardinality(), 40000u);

  for (int run = 0; run < 20; ++run) {
    const unsigned threads = 1 + static_cast<unsigned>(run % 3);
    std::vector<size_t> order(kChunks);
    for (size_t k = 0; k < kChunks; ++k) order[k] = k;
    if (run % 4 == 1) std::reverse(order.begin(), order.end());
    if (run % 4 >= 2) std::shuffle(order.begin(), order.end(), rng);
    TableBuilder b({"t", "label", "n"});
    b.expect_chunks(kChunks);
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) {
      pool.emplace_back([&, w] {
        for (size_t i = w; i < kChunks; i += threads) b.put_chunk(order[i], fill(b, order[i]));
      });
    }
    for (std::thread& t : pool) t.join();
    const Table table = b.finish(2);
    ASSERT_EQ(table.rows(), reference.rows());
    for (size_t c = 0; c < 3; ++c) {
      const Column& want = reference.column(c);
      const Column& got = table.column(c);
      const std::string where = "run " + std::to_string(run) + ", column " + want.name();
      ASSERT_EQ(got.cardinality(), want.cardinality()) << where;
      for (uint32_t code = 1; code <= want.cardinality(); ++code) ASSERT_EQ(got.value(code), want.value(code)) << where;
      for (uint64_t row = 0; row < want.rows(); ++row) ASSERT_EQ(got.code_at(row), want.code_at(row)) << where;
      EXPECT_EQ(got.code_counts(), want.code_counts()) << where;
      EXPECT_EQ(got.type(), want.type()) << where;
      EXPECT_EQ(got.null_count(), want.null_count()) << where;
      EXPECT_EQ(got.total_utf8_bytes(), want.total_utf8_bytes()) << where;
    }
  }
  EXPECT_EQ(reference.column(1).null_count(), reference.column(1).code_counts()[0]);
  EXPECT_EQ(reference.column(2).type(), ValueType::kString);  // the last chunk's "n/a"
}

TEST(TableBuilder, ChunksAnnouncedMustEachBeGivenOnce) {
  TableBuilder b({"x"});
  b.expect_chunks(2);
  ChunkBuilder one = b.make_chunk();
  one.add_text(0, "a");
  b.put_chunk(1, std::move(one));
  EXPECT_THROW(b.put_chunk(1, b.make_chunk()), DataError);
  EXPECT_THROW(b.put_chunk(2, b.make_chunk()), DataError);
  EXPECT_THROW(b.add_chunk(b.make_chunk()), DataError);
  EXPECT_THROW(b.finish(1), DataError);  // chunk 0 never given
  b.put_chunk(0, b.make_chunk());
  const Table t = b.finish(1);
  EXPECT_EQ(t.rows(), 1u);
  EXPECT_EQ(t.column(0).value(1), "a");
}

// A chunk of few columns lets their caches of recent values grow with their dictionaries;
// trim() (the reader's "this chunk is done") drops them, and cells added after still get
// their codes.
TEST(ChunkBuilder, TrimDropsGrownCaches) {
  ChunkBuilder chunk(3);
  for (int i = 0; i < 3000; ++i) chunk.add_text(i % 3, std::to_string(i % 1000));
  EXPECT_EQ(chunk.column_state(0).cache_entries(), 2048u);
  chunk.trim();
  for (size_t c = 0; c < 3; ++c) EXPECT_EQ(chunk.column_state(c).cache_entries(), 16u);
  chunk.add_text(0, "999");
  chunk.add_text(1, "1");
  chunk.add_text(2, "new");
  TableBuilder builder({"a", "b", "c"});
  builder.add_chunk(std::move(chunk));
  const Table table = builder.finish(1);
  ASSERT_EQ(table.rows(), 1001u);
  EXPECT_EQ(table.column(0).value(table.column(0).code_at(1000)), "999");
  EXPECT_EQ(table.column(1).value(table.column(1).code_at(1000)), "1");
  EXPECT_EQ(table.column(2).value(table.column(2).code_at(1000)), "new");
  EXPECT_EQ(table.column(2).cardinality(), 1001u);
}

TEST(TableBuilder, NarrowestWidthHoldsEveryCode) {
  for (auto [values, width] : {std::pair<int, CodeWidth>{255, CodeWidth::k8}, {256, CodeWidth::k16},
                               {65535, CodeWidth::k16}, {65536, CodeWidth::k32}}) {
    TableBuilder b({"x"});
    ChunkBuilder c = b.make_chunk();
    for (int i = 0; i < values; ++i) c.add_text(0, std::to_string(i));
    b.add_chunk(std::move(c));
    Table t = b.finish();
    EXPECT_EQ(t.column(0).width(), width) << values;
    EXPECT_EQ(t.column(0).code_at(static_cast<uint64_t>(values - 1)), static_cast<uint32_t>(values));
  }
}

TEST(TableBuilder, NumericTypingFollowsTheSpec) {
  EXPECT_TRUE(is_spec_number("12"));
  EXPECT_TRUE(is_spec_number("-1.5e+3"));
  EXPECT_TRUE(is_spec_number(".5"));
  EXPECT_TRUE(is_spec_number("5."));
  EXPECT_FALSE(is_spec_number("."));
  EXPECT_FALSE(is_spec_number("1e"));
  EXPECT_FALSE(is_spec_number(" 1"));
  EXPECT_FALSE(is_spec_number("0x10"));
  EXPECT_FALSE(is_spec_number("NaN"));
  TableBuilder b({"n", "s", "typed", "empty"});
  ChunkBuilder c = b.make_chunk();
  c.add_text(0, "1");
  c.add_text(1, "1");
  c.add_typed(2, "1", true);
  c.add_null(3);
  c.add_text(0, "2.5");
  c.add_text(1, "x");
  c.add_typed(2, "1", false);  // the same text as a JSON string makes the column a string column
  c.add_null(3);
  b.add_chunk(std::move(c));
  Table t = b.finish();
  EXPECT_EQ(t.column(0).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(1).type(), ValueType::kString);
  EXPECT_EQ(t.column(2).type(), ValueType::kString);
  EXPECT_EQ(t.column(2).cardinality(), 1u);
  EXPECT_EQ(t.column(3).type(), ValueType::kString);  // all NULL: not numeric
}

TEST(TableBuilder, RejectsEmptyAndDuplicateNames) {
  try {
    TableBuilder({"a", "", "b"});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "empty column name (column 2)");
  }
  try {
    TableBuilder({"a", "b", "a"});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "duplicate column name 'a' (columns 1 and 3)");
  }
}

TEST(Table, SelectKeepsTableOrderAndSuggestsNames) {
  Table t = test::to_table(test::patients());
  Table s = t.select({"blood_pressure", "gender"}, {});
  EXPECT_EQ(s.column_names(), (std::vector<std::string>{"gender", "blood_pressure"}));
  EXPECT_EQ(t.select({}, {"age"}).column_names(), (std::vector<std::string>{"gender", "blood_pressure"}));
  try {
    t.select({"blod_pressure"}, {});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "unknown column 'blod_pressure' (did you mean 'blood_pressure'?)");
  }
}

}  // namespace
}  // namespace tsum
