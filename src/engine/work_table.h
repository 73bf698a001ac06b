// WorkTable: the rows the engine searches, as codes plus a weight per row.
//
// TSum's answer depends only on the multiset of rows (counts of rows matching
// patterns), never on row order: dictionaries and their order are fixed by the Table.
// So when a table has few distinct rows (low-cardinality columns, the common case in
// warehouses), the engine searches the distinct rows, each weighted by how often it
// occurs: the same decisions from the same counts, on a table that is often a million
// times smaller. Otherwise the WorkTable views the Table's codes directly, weight 1.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tsum/table.h"

namespace tsum {

class RowMajorCodes;

class WorkColumn {
 public:
  WorkColumn(const void* codes, CodeWidth width, uint32_t cardinality, const std::vector<uint64_t>* counts)
      : codes_(codes), width_(width), cardinality_(cardinality), counts_(counts) {}

  uint32_t cardinality() const { return cardinality_; }
  // Weighted number of rows holding each code (index 0: NULL), over the whole table.
  const std::vector<uint64_t>& code_counts() const { return *counts_; }
  template <class F>
  decltype(auto) visit_codes(F&& f) const {
    switch (width_) {
      case CodeWidth::k8: return f(static_cast<const uint8_t*>(codes_));
      case CodeWidth::k16: return f(static_cast<const uint16_t*>(codes_));
      default: return f(static_cast<const uint32_t*>(codes_));
    }
  }
  uint32_t code_at(uint64_t row) const {
    return visit_codes([row](const auto* c) { return static_cast<uint32_t>(c[row]); });
  }

 private:
  const void* codes_;
  CodeWidth width_;
  uint32_t cardinality_;
  const std::vector<uint64_t>* counts_;
};

class WorkTable {
 public:
  // Views `table` (which must outlive the WorkTable), collapsing duplicate rows when the
  // columns' cardinalities make that cheap. Runs in the caller's TBB arena.
  WorkTable(const Table& table, bool allow_collapse);
  // Rows given as codes (column-major: codes[c][row]) with a weight each; `cardinality`
  // per column. Code counts are the weighted counts of the given rows. (The Dask
  // driver's gathered distinct rows.)
  WorkTable(std::vector<std::vector<uint32_t>> codes, const std::vector<uint32_t>& cardinality,
            std::vector<uint64_t> weights);
  ~WorkTable();

  uint64_t rows() const { return rows_; }            // rows searched (distinct rows when collapsed)
  uint64_t table_rows() const { return table_rows_; }  // rows of the original table
  size_t num_columns() const { return columns_.size(); }
  const WorkColumn& column(size_t c) const { return columns_[c]; }
  bool weighted() const { return !weights_.empty(); }
  // Weight of each row; empty when every weight is 1.
  const std::vector<uint64_t>& weights() const { return weights_; }
  uint64_t weight(uint64_t row) const { return weights_.empty() ? 1 : weights_[row]; }
  // Weights as a pointer, null when every weight is 1 (RowMajorCodes' form).
  const uint64_t* weights_or_null() const { return weights_.empty() ? nullptr : weights_.data(); }
  // The small-dictionary columns row by row, when the table is wide enough for them to
  // pay and a selection of `selected` rows is sparse enough (engine/row_major_codes.h);
  // null otherwise. Copied on the first call that returns them.
  const RowMajorCodes* row_major(uint64_t selected) const;
  // The same whatever the selection (for the tests).
  const RowMajorCodes* row_major() const;

 private:
  bool try_collapse(const Table& table);

  uint64_t rows_ = 0;
  uint64_t table_rows_ = 0;
  std::vector<WorkColumn> columns_;
  std::vector<uint64_t> weights_;
  std::vector<std::shared_ptr<void>> owned_codes_;
  std::vector<std::vector<uint32_t>> given_codes_;
  std::vector<std::vector<uint64_t>> given_counts_;
  std::unique_ptr<RowMajorCodes> row_major_;
};

}  // namespace tsum
