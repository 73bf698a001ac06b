// CostModel: bits(c, v) and overhead(N) for one of the spec's cost models, bound to a
// table (the paper model's W_c and the compatibility models' column types depend on it).
//
// Saving(P, R) = (N - 1) * sum_bits - overhead(N), where sum_bits adds bits(c, v) over
// the pattern's pairs from left to right in the order local expansion chose them. All
// front ends compute savings through saving() so that floating-point results, and hence
// ties, are the same everywhere.
//
// The `entropy` model (docs/spec.md, "Cost model `entropy`") is a two-part MDL code
// whose savings depend on which cells earlier patterns already cover: they are computed
// by EntropyCoder (engine/entropy_coder.h), never by saving(). Here it provides the
// standard code lengths bits(c, v) = -log2(share of v in column c), NULL included, for
// the table's size and the patterns' descriptions, and the description's other parts.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
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
  // Rows holding each code, index 0 = NULL (needed by the entropy model only; may be
  // left empty for the others).
  std::vector<uint64_t> counts;
};

double xlog2x(uint64_t x);

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
  // Saving of a pattern under paper, tsum-dask and tsum-js (not entropy: EntropyCoder).
  double saving(double sum_bits, uint64_t n) const {
    return (static_cast<double>(n) - 1.0) * sum_bits - overhead(n);
  }
  // A bound on overhead(n + 1) - overhead(n) over every n >= 1 (paper, tsum-dask, tsum-js;
  // +infinity under entropy). A pair whose bits are at least twice it has a saving that
  // never grows when its count N falls, to the last bit of the double (root_candidates.h).
  double max_overhead_step() const;
  // Saving of the empty pattern on a residue of n rows (0 under entropy).
  double empty_saving(uint64_t n) const { return -overhead(n); }

  // entropy: the bits that describe a pattern of `size` pairs chosen on a residue of
  // `residue` rows, apart from its values: a continuation bit, its size (log2 D), its
  // columns (log2 C(D, size)) and its count (log2 |R|).
  double entropy_description(size_t size, uint64_t residue) const;

  // entropy: g(x) = x log2 x (xlog2x below), read from a table for x up to the table's
  // rows (at most kEntropyTableMax) and computed beyond: the same double either way. The
  // entropy searches evaluate it a few times per candidate, millions of times on large
  // tables; one log2 per row, once, is far less. The table is filled in blocks of rows on
  // the TBB arena the model is built on (summarize() builds it on its own arena).
  double g(uint64_t x) const { return x < g_size_ ? g_table_[x] : xlog2x(x); }
  static constexpr uint64_t kEntropyTableMax = uint64_t{1} << 23;

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
  std::vector<double> log2_choose_;  // entropy: log2 C(D, k) for k = 0..D
  // entropy: xlog2x(x) for x < g_size_ = min(rows, max) + 1 (shared: a copy of the model
  // reads the same table).
  std::shared_ptr<const double[]> g_table_;
  uint64_t g_size_ = 0;
};

// bits(c, v) of one value under each model (exposed for tests).
double paper_bits(uint64_t total_utf8_bytes, uint64_t non_null);
double tsum_dask_string_bits(std::string_view utf8);
double tsum_js_string_bits(std::string_view utf8);
// entropy: -log2(count / rows), the ideal code length of a value (or NULL) held by
// `count` of `rows` cells.
double entropy_bits(uint64_t count, uint64_t rows);
// x log2 x, 0 for x = 0.
double xlog2x(uint64_t x);

}  // namespace tsum
