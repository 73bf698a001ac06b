#include "engine/random_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tsum/table_builder.h"

namespace tsum::test {

RawTable random_table(std::mt19937_64& rng, const Shape& shape) {
  static const char* kAlphabet[] = {"a", "b", "ab", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "1", "2.5", "-3e2", "x y"};
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  size_t d = 1 + pick(shape.max_columns);
  size_t rows = pick(shape.max_rows + 1);
  RawTable t;
  std::vector<size_t> cardinality;
  std::vector<double> null_rate;
  std::vector<bool> numeric_column;
  for (size_t c = 0; c < d; ++c) {
    t.names.push_back(fmt::format("c{}", c));
    cardinality.push_back(1 + pick(shape.max_cardinality));
    null_rate.push_back(std::uniform_real_distribution<double>(0, shape.max_null_rate)(rng));
    numeric_column.push_back(pick(4) == 0);
  }
  if (shape.high_cardinality_column_values) cardinality[pick(d)] = shape.high_cardinality_column_values;
  std::uniform_real_distribution<double> unit(0, 1);
  while (t.rows.size() < rows) {
    std::vector<Cell> row;
    for (size_t c = 0; c < d; ++c) {
      if (unit(rng) < null_rate[c]) {
        row.push_back(std::nullopt);
        continue;
      }
      // Skewed choice (unless uniform) so that some values dominate and patterns nest.
      size_t v = shape.uniform ? pick(cardinality[c]) : std::min(pick(cardinality[c]), pick(cardinality[c]));
      std::string text;
      if (shape.tiny_values) text = v == 0 ? std::string() : std::string(1, static_cast<char>('a' + (v - 1) % 26));
      else if (numeric_column[c]) text = std::to_string(v * 7 % 11);
      else if (shape.wide_values) text = v >= 10 ? fmt::format("{}{}", kAlphabet[v % 10], v) : kAlphabet[v];
      else text = fmt::format("v{}", v);
      row.push_back(text);
    }
    size_t copies = shape.max_copies > 1 ? 1 + pick(shape.max_copies) : 1;
    for (size_t k = 0; k < copies && t.rows.size() < rows; ++k) t.rows.push_back(row);
  }
  return t;
}

Table uniform_table(uint64_t rows, uint32_t labels, size_t columns, uint64_t seed) {
  std::vector<std::string> names;
  for (size_t c = 0; c < columns; ++c) names.push_back(fmt::format("c{}", c));
  TableBuilder builder(names);
  ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(seed);
  for (uint64_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < columns; ++c) chunk.add_text(c, fmt::format("v{}", rng() % labels));
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

}  // namespace tsum::test
