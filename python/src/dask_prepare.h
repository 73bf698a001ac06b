// DaskPreparation: the paper model's preprocessing (src/prepare: types, identifier-like
// columns, bins) for a Dask table, decided on the driver from the partitions'
// dictionaries alone.
//
// Why this is exact: every preprocessing decision (prepare/prepare.h, plan_column) reads
// only a column's dictionary and its code counts. Merging the partitions' dictionaries
// in partition order gives the concatenated table's dictionary (first appearance) and
// counts, so plan_column decides here what prepare_table decides locally, from the
// global picture, never per partition.
//
// A binned column is then handed to the Coordinator as rewritten partition
// dictionaries: each partition's values mapped to their bin labels (or kept), merged in
// local first-appearance order. A bin first appears where its earliest value does, so
// the Coordinator's global order equals relabel_column's on the whole table. The attach
// round sends each partition, per binned column, which rewritten value each local value
// becomes (relabels()); the worker relabels its column with relabel_column, so its
// dictionary is the rewritten one and the Coordinator's code maps apply unchanged.
//
// Under tsum-dask and tsum-js nothing is rewritten (as prepare_table); the merged
// dictionaries still give the reports' column profiles (report/column_summary.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coordinator.h"
#include "prepare/prepare_options.h"
#include "tsum/summary.h"

namespace tsum::python {

struct PartitionDictionaries {
  uint64_t rows = 0;
  std::vector<ColumnDictionary> columns;  // views stay valid while the caller keeps the source
};

class DaskPreparation {
 public:
  // `names`: the selected input columns; `partitions`: their dictionaries, partition
  // order. Throws UsageError as prepare_table does (unknown column in an option,
  // --bins on a string column).
  DaskPreparation(std::vector<std::string> names, const std::vector<PartitionDictionaries>& partitions,
                  const PrepareOptions& options);

  // The columns to summarize, in table order (input columns not left out).
  const std::vector<std::string>& columns() const { return kept_names_; }
  // Feeds the (rewritten) dictionaries of every partition to the coordinator, in order.
  void feed(Coordinator& coordinator, const std::vector<PartitionDictionaries>& partitions) const;
  // Per summarized column of partition k: nothing (kept as it is), or relabel_column's
  // arguments turning the partition's column into its rewritten dictionary: bin_of[local
  // code] = index into the rewritten values (index 0 unused), and those values.
  struct Relabel {
    std::vector<int32_t> bin_of;
    std::vector<std::string> values;
  };
  std::vector<std::optional<Relabel>> relabels(size_t partition) const;
  // Bins, left-out columns and column profiles into a Summary, as describe_preparation
  // and summarize() fill them locally.
  void describe(Summary& summary) const;

 private:
  // A rewritten dictionary of one binned column in one partition (owned text).
  struct Rewritten {
    std::vector<std::string> values;
    std::vector<uint64_t> counts;
    bool numeric_or_empty = true;
    std::vector<uint32_t> remap;  // original local code -> rewritten local code
  };

  std::vector<std::string> kept_names_;
  std::vector<size_t> kept_input_;                   // input position of each kept column
  std::vector<bool> binned_;                         // per kept column
  std::vector<std::vector<Rewritten>> rewritten_;    // [partition][kept column], binned only
  std::vector<ColumnBins> binned_columns_;
  std::vector<ExcludedColumn> excluded_;
  std::vector<ColumnNumbers> numbers_;  // numeric and temporal kept columns (HTML report)
  std::vector<ColumnSummary> profiles_;
};

}  // namespace tsum::python
