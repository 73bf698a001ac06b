// Seeded random tables for the engine's agreement tests (against the spec's brute force,
// and the incremental search against the plain one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

#include "support/raw_table.h"
#include "tsum/table.h"

namespace tsum::test {

struct Shape {
  size_t max_columns, max_cardinality, max_rows;
  double max_null_rate;
  bool wide_values;  // values of varied lengths and scripts (non-uniform bits)
  size_t high_cardinality_column_values = 0;  // >0: one column with this many values
  // Values drawn uniformly instead of skewed towards the first ones: groups of similar
  // sizes, so savings tie often.
  bool uniform = false;
  // >1: each generated row is repeated 1..max_copies times (equal counts, and tables the
  // engine collapses to weighted distinct rows).
  size_t max_copies = 1;
  // Values of zero or one byte ("", "a", "b", ...): tiny bits per value, so the overhead's
  // jumps can outweigh one more row and savings are not monotone in N.
  bool tiny_values = false;
};

RawTable random_table(std::mt19937_64& rng, const Shape& shape);

// `rows` rows of `columns` columns c0, c1, ..., each cell uniform among `labels` labels
// v0, v1, ... (rows drawn in order, a row's cells in column order): many small groups of
// alike counts.
Table uniform_table(uint64_t rows, uint32_t labels, size_t columns, uint64_t seed);

}  // namespace tsum::test
