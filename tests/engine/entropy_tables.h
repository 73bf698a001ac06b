// Tables for the entropy model's tests: rows drawn from a few prototype rows with noise
// (the co-occurring values `entropy` finds patterns in, many steps per table), and the
// table of many real pairs of bench/paired_values.py.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

#include "support/raw_table.h"
#include "tsum/table.h"

namespace tsum::test {

struct Prototypes {
  size_t max_columns, max_cardinality, max_rows, prototypes;
  double noise;       // share of cells replaced...
  double null_share;  // ...of which this share by NULL, the rest by a random value
  size_t max_copies = 1;  // >1: each row repeated 1..max_copies times
};

// Columns c0, c1, ... of values v0, v1, ...; each row a prototype (the first ones more
// often), each cell replaced with probability `noise`.
RawTable prototype_table(std::mt19937_64& rng, const Prototypes& shape);

// bench/paired_values.py's shape: a uniform among `labels` labels, b a fixed function of a
// among labels / 10, c and d noise among 50 and 7 labels.
Table paired_table(uint64_t rows, uint64_t labels, uint64_t seed);

}  // namespace tsum::test
