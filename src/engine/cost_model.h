// CostModel: bits(c, v) and overhead(N) for one of the spec's cost models, bound to a
// table (the paper model's W_c and the compatibility models' column types depend on it).
//
// Saving(P, R) = (N - 1) * sum_bits - overhead(N), where sum_bits adds bits(c, v) over
// the pattern's pairs from left to right in the order local expansion chose them. All
// front ends compute savings through saving() so that floating-point results, and hence
// ties, are the same everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tsum/summary.h"
#include "tsum/table.h"

namespace tsum {

// What a cost model needs to know of one column. A Table provides it; a distributed
// driver assembles it from global dictionaries and global counts.
struct ColumnProfile {
  ValueType type = ValueType::kString;
  uint64_t non_null = 0;
  uint64_t total_utf8_bytes = 0;
  std::vector<std::string_view> values;  // dictionary, code i + 1 at index i
};

class CostModel {
 public:
  CostModel(CostModelKind kind, const Table& table);
  CostModel(CostModelKind kind, const std::vector<ColumnProfile>& columns);

  CostModelKind kind() const { return kind_; }
  // bits(c, v) for every code of column c (index 0, NULL, holds 0).
  const std::vector<double>& bits(size_t column) const { return bits_[column]; }
  double bits(size_t column, uint32_t code) const { return bits_[column][code]; }
  // True when every value of the column has the same bits (lets kernels skip per-value work).
  bool uniform(size_t column) const { return uniform_[column]; }

  double overhead(uint64_t n) const {
    return n < overhead_table_.size() ? overhead_table_[n] : compute_overhead(n);
  }
  double saving(double sum_bits, uint64_t n) const {
    return (static_cast<double>(n) - 1.0) * sum_bits - overhead(n);
  }
  // Saving of the empty pattern on a residue of n rows.
  double empty_saving(uint64_t n) const { return -overhead(n); }

  // Sum over non-NULL cells of bits(c, v), columns in table order, codes in code order.
  double table_bits(const Table& table) const;
  double table_bits(const std::vector<std::vector<uint64_t>>& code_counts) const;

 private:
  double compute_overhead(uint64_t n) const;
  void init(const std::vector<ColumnProfile>& columns);

  CostModelKind kind_;
  double columns_;  // D
  std::vector<std::vector<double>> bits_;
  std::vector<bool> uniform_;
  std::vector<double> overhead_table_;
};

// bits(c, v) of one value under each model (exposed for tests).
double paper_bits(uint64_t total_utf8_bytes, uint64_t non_null);
double tsum_dask_string_bits(std::string_view utf8);
double tsum_js_string_bits(std::string_view utf8);

}  // namespace tsum
