// The JSON reader reads each record once into its work unit's own columns and unites
// the units' keys afterwards. These tests check the result against a model of the
// reader's contract computed independently from the generated records: columns in order
// of first appearance, one cell per row (NULL for a missing key or null), dictionaries in
// order of first appearance, numeric columns exactly when every value is a JSON number,
// for every layout, thread count and work-unit size. Keys that first appear late, in
// one unit only, or only in the last record are what the union of units must get right.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "io/json/json_test_util.h"

namespace tsum::json_test {
namespace {

const Cell N = std::nullopt;

// A value as written in the JSON text, and the cell the reader must make of it.
struct Value {
  std::string json;
  Cell cell;
  bool number = false;
};

const std::vector<Value>& value_pool() {
  static const std::vector<Value> pool = {
      {"1", "1", true},
      {"-0", "-0", true},
      {"2.50", "2.50", true},
      {"1e3", "1e3", true},
      {"\"x12\"", "x12", false},
      {"\"12\"", "12", false},
      {"\"\"", "", false},
      {"\"caf\\u00e9\"", "caf\xC3\xA9", false},
      {"\"say \\\"hi\\\"\"", "say \"hi\"", false},
      {"\"a longer value, over sixteen bytes\"", "a longer value, over sixteen bytes", false},
      {"true", "true", false},
      {"false", "false", false},
      {"null", N, false},
      {"[1, 2]", "[1,2]", false},
      {"{\"k\": [3, {}]}", "{\"k\":[3,{}]}", false},
      {"[]", "[]", false},
  };
  return pool;
}

// A key as written in JSON and as decoded.
struct Key {
  std::string json;
  std::string name;
};

struct Generated {
  std::string lines;  // JSON Lines
  std::string array;  // the same records as a JSON array
  Plain expected;
};

// Builds `n` random records and the Table the reader must return for them.
Generated generate(unsigned seed, size_t n) {
  std::mt19937 rng(seed);
  const Key common[] = {{"a", "a"}, {"b", "b"}, {"c", "c"}, {"k\\u00e9y", "k\xC3\xA9y"}, {"q\\\"", "q\""}};
  const Key late = {"late", "late"};    // from the middle on
  const Key rare = {"rare", "rare"};    // in a few records only
  const Key last = {"last", "last"};    // in the last record only
  const auto& pool = value_pool();

  std::vector<std::string> names;                   // first-appearance order
  std::map<std::string, size_t> column_of;
  std::vector<std::vector<std::pair<size_t, Cell>>> row_cells;  // per row: (column, cell)
  std::map<std::string, bool> all_number;
  Generated g;
  g.array = "[";
  for (size_t i = 0; i < n; ++i) {
    std::vector<Key> keys(std::begin(common), std::end(common));
    if (i >= n / 2) keys.push_back(late);
    if (rng() % 50 == 0) keys.push_back(rare);
    if (i + 1 == n) keys.push_back(last);
    std::shuffle(keys.begin(), keys.end(), rng);
    std::string record = "{";
    std::vector<std::pair<size_t, Cell>> cells;
    bool first = true;
    for (const Key& k : keys) {
      if (rng() % 4 == 0) continue;  // a missing key
      const bool fresh = column_of.find(k.name) == column_of.end();
      // A column's first value is not null, so that its type is decided by the values.
      const Value* v = &pool[rng() % pool.size()];
      while (fresh && !v->cell) v = &pool[rng() % pool.size()];
      if (fresh) {
        column_of[k.name] = names.size();
        names.push_back(k.name);
        all_number[k.name] = true;
      }
      if (v->cell && !v->number) all_number[k.name] = false;
      cells.emplace_back(column_of[k.name], v->cell);
      record += first ? "" : (rng() % 2 ? ", " : ",");
      first = false;
      record += "\"" + k.json + "\"" + (rng() % 2 ? ": " : ":") + v->json;
    }
    record += "}";
    row_cells.push_back(std::move(cells));
    g.lines += record + (rng() % 13 == 0 ? "\r\n\n" : "\n");
    g.array += (i ? ",\n " : "\n ") + record;
  }
  g.array += "\n]\n";

  Plain& p = g.expected;
  p.names = names;
  p.row_count = n;
  p.rows.assign(n, std::vector<Cell>(names.size()));
  for (size_t r = 0; r < n; ++r) {
    for (const auto& cell : row_cells[r]) p.rows[r][cell.first] = cell.second;
  }
  for (size_t c = 0; c < names.size(); ++c) {
    p.types.push_back(all_number[names[c]] ? ValueType::kNumeric : ValueType::kString);
    std::vector<std::string>& dictionary = p.dictionaries.emplace_back();
    std::vector<uint64_t>& counts = p.counts.emplace_back(1, 0);
    for (size_t r = 0; r < n; ++r) {
      const Cell& cell = p.rows[r][c];
      if (!cell) {
        ++counts[0];
        continue;
      }
      auto it = std::find(dictionary.begin(), dictionary.end(), *cell);
      if (it == dictionary.end()) {
        dictionary.push_back(*cell);
        counts.push_back(0);
        it = dictionary.end() - 1;
      }
      ++counts[static_cast<size_t>(it - dictionary.begin()) + 1];
    }
  }
  return g;
}

TEST(JsonOnePass, TablesMatchTheModelForAnyThreadsAndUnitSizes) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    const size_t rows = seed == 4 ? 1 : 400 * seed;
    const Generated g = generate(seed, rows);
    ASSERT_EQ(g.expected.row_count, rows);
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
      for (size_t chunk : {size_t{0}, size_t{1}, size_t{50}, size_t{333}, size_t{4096}}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", threads " + std::to_string(threads) + ", chunk " +
                     std::to_string(chunk));
        EXPECT_EQ(read(g.lines, options(JsonLayout::kAuto, threads, chunk)), g.expected);
        EXPECT_EQ(read(g.lines, options(JsonLayout::kLines, threads, chunk)), g.expected);
        EXPECT_EQ(read(g.array, options(JsonLayout::kAuto, threads, chunk)), g.expected);
      }
    }
  }
}

TEST(JsonOnePass, KeyOnlyInALaterUnitIsNullInEarlierUnits) {
  // Unit boundaries fall between every record (chunk_bytes 1): each unit has other keys.
  const std::string text = "{\"a\": 1}\n{\"b\": \"x\"}\n{\"a\": 2, \"c\": null}\n{\"c\": [1], \"b\": \"y\"}\n";
  Plain expected;
  expected.names = {"a", "b", "c"};
  expected.row_count = 4;
  expected.rows = {{"1", N, N}, {N, "x", N}, {"2", N, N}, {N, "y", "[1]"}};
  expected.types = {ValueType::kNumeric, ValueType::kString, ValueType::kString};
  expected.dictionaries = {{"1", "2"}, {"x", "y"}, {"[1]"}};
  expected.counts = {{2, 1, 1}, {2, 1, 1}, {3, 1}};
  for (unsigned threads : {1u, 4u}) {
    for (size_t chunk : {size_t{0}, size_t{1}, size_t{12}}) {
      EXPECT_EQ(read(text, options(JsonLayout::kAuto, threads, chunk)), expected);
    }
  }
}

TEST(JsonOnePass, WithinARecordTheFirstProblemWins) {
  // One parse per record finds a bad value before a later duplicate key, and a
  // duplicate key before a later bad value.
  EXPECT_EQ(error_of("{\"a\": 1}\n{\"a\": tru, \"a\": 1}\n"),
            "in.json: line 2, column 7: invalid JSON: invalid literal 'tru'");
  EXPECT_EQ(error_of("{\"a\": 1}\n{\"a\": 1, \"a\": tru}\n"),
            "in.json: line 2, column 10: duplicate key \"a\" in row 2");
  // A key new to the unit that repeats in the same record.
  EXPECT_EQ(error_of("{\"a\": 1}\n{\"b\": 1, \"b\": 2}\n", options(JsonLayout::kAuto, 2, 1)),
            "in.json: line 2, column 10: duplicate key \"b\" in row 2");
}

}  // namespace
}  // namespace tsum::json_test
