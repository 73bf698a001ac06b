// Partition: one Dask partition as a worker holds it: the partition's Table (with its
// own, partition-local dictionaries) and, per column, the global code of each local code.
// Queries run on the engine's WorkTable (distinct rows weighted by multiplicity when
// that is cheap) with the engine's kernels.
//
// Every query is a pure function of the partition and its arguments (the patterns found
// so far, the prefix being expanded), so Dask may recompute a lost partition and replay
// any round. For speed the object caches what the previous round computed - the residue
// left by the patterns found so far and the rows matching the last prefix - and reuses
// it when the new arguments extend the old ones; otherwise it starts over. The cache is
// not pickled.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "wire.h"
#include "engine/kernels.h"
#include "engine/work_table.h"
#include "tsum/table.h"

namespace tsum::python {

class Partition {
 public:
  // to_global[c][local code] = global code (index 0 and values that can never be in a
  // pattern map to 0).
  Partition(Table table, std::vector<std::vector<uint32_t>> to_global);

  const Table& table() const { return table_; }
  const std::vector<std::vector<uint32_t>>& to_global() const { return to_global_; }

  // Histograms, for every column not in `prefix`, of the rows that match none of `found`
  // and all of `prefix`.
  SparseHistograms histograms(const std::vector<GlobalPattern>& found, const GlobalPattern& prefix,
                              unsigned threads);

  // Every row as global codes (row-major, D per row; values that can never be in a
  // pattern as 0) with its weight: the partition's WorkTable rows (distinct rows when
  // collapsing is cheap). For the searches and models the rounds do not cover.
  std::pair<std::vector<uint32_t>, std::vector<uint64_t>> global_rows(unsigned threads);

  // The rows grouped by the set of `patterns` they match.
  Signatures signatures(const std::vector<GlobalPattern>& patterns, unsigned threads);

 private:
  std::optional<uint32_t> local_code(uint32_t column, uint32_t global) const;
  // Rows of `rows` matching items [from, end) of `pattern`, ascending.
  std::vector<RowId> matching(const RowSet& rows, const GlobalPattern& pattern, size_t from = 0) const;
  const WorkTable& work();  // built on first use, in the caller's arena
  RowSet all_rows() const { return RowSet{true, work_->rows(), {}}; }
  RowSet residue() const { return RowSet{residue_all_, work_->rows(), residue_}; }
  void exclude(const std::vector<GlobalPattern>& found);
  std::span<const RowId> select(const GlobalPattern& prefix);

  Table table_;
  std::vector<std::vector<uint32_t>> to_global_;
  std::vector<std::unordered_map<uint32_t, uint32_t>> to_local_;

  std::mutex mutex_;  // guards what follows: Dask may run two queries at once
  std::unique_ptr<WorkTable> work_;  // views table_
  std::vector<GlobalPattern> excluded_;  // the patterns the residue excludes
  bool residue_all_ = true;
  std::vector<RowId> residue_;
  std::optional<GlobalPattern> prefix_;  // the prefix prefix_rows_ matches, within the residue
  std::vector<RowId> prefix_rows_;
};

}  // namespace tsum::python
