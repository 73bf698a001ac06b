#include "engine/entropy_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "tsum/table_builder.h"

namespace tsum::test {

RawTable prototype_table(std::mt19937_64& rng, const Prototypes& shape) {
  auto uniform = [&](size_t lo, size_t hi) { return std::uniform_int_distribution<size_t>(lo, hi)(rng); };
  const size_t d = uniform(2, shape.max_columns), rows = uniform(20, shape.max_rows);
  const size_t card = uniform(2, shape.max_cardinality), k = uniform(1, shape.prototypes);
  std::vector<std::vector<size_t>> protos(k, std::vector<size_t>(d));
  for (auto& proto : protos)
    for (size_t& v : proto) v = uniform(0, card - 1);
  RawTable raw;
  for (size_t c = 0; c < d; ++c) raw.names.push_back(fmt::format("c{}", c));
  std::uniform_real_distribution<double> coin(0, 1);
  while (raw.rows.size() < rows) {
    const auto& proto = protos[std::min(uniform(0, k - 1), uniform(0, k - 1))];
    std::vector<Cell> row(d);
    for (size_t c = 0; c < d; ++c) {
      if (coin(rng) >= shape.noise) row[c] = fmt::format("v{}", proto[c]);
      else if (coin(rng) >= shape.null_share) row[c] = fmt::format("v{}", uniform(0, card - 1));
    }
    for (size_t copies = uniform(1, shape.max_copies); copies > 0; --copies) raw.rows.push_back(row);
  }
  return raw;
}

Table paired_table(uint64_t rows, uint64_t labels, uint64_t seed) {
  TableBuilder builder({"a", "b", "c", "d"});
  ChunkBuilder chunk = builder.make_chunk();
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> partner(labels);
  for (uint64_t& p : partner) p = rng() % (labels / 10);
  for (uint64_t r = 0; r < rows; ++r) {
    const uint64_t a = rng() % labels;
    chunk.add_text(0, fmt::format("a{}", a)), chunk.add_text(1, fmt::format("b{}", partner[a]));
    chunk.add_text(2, fmt::format("c{}", rng() % 50)), chunk.add_text(3, fmt::format("d{}", rng() % 7));
  }
  builder.add_chunk(std::move(chunk));
  return builder.finish();
}

}  // namespace tsum::test
