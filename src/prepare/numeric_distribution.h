// The distinct numbers of a column, ascending, with how many rows hold each: what
// numeric binning works on (one entry per distinct value, never per row).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tsum {

struct NumericDistribution {
  std::vector<double> values;      // distinct, ascending
  std::vector<uint64_t> rows_upto;  // rows_upto[i]: rows holding values[0..i]
  bool integer = false;            // every value was written as an integer
  // The smallest gap between consecutive distinct values (1 when there is none); set by
  // make_distribution, as binning asks for it once per candidate bin count.
  double quantum = 1.0;

  uint64_t total() const { return rows_upto.empty() ? 0 : rows_upto.back(); }
  size_t size() const { return values.size(); }
  // Rows holding a value < c.
  uint64_t rows_below(double c) const;
  // The smallest value with more than share x total() rows at or below it.
  double value_at_share(double share) const;
};

// A distinct value of a column and its rows (no constructor: an array of them can be
// allocated without being cleared, and filled in parallel).
struct ValueRows {
  double value;
  uint64_t rows;
};

// From (value, rows) pairs in any order (sorted in place); equal values are merged.
NumericDistribution make_distribution(std::span<ValueRows> value_rows, bool integer);

}  // namespace tsum
