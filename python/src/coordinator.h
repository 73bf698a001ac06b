// Coordinator: the Dask driver's side of the spec. It holds the global dictionaries and
// makes every decision - local expansion and marshalling - from counts summed over the
// partitions, with the engine's own CostModel and candidate rule (engine/candidate.h),
// so that the result equals summarize() on the concatenated table.
//
// Protocol (driven from tsum/_dask.py):
//   1. add_partition() for each partition's dictionaries, in partition order: global
//      codes follow first appearance across partitions, as on the concatenated table.
//      Then start(), and code_maps(k) tells partition k its local -> global codes.
//   2. Expansion: while next_request() returns (found, prefix), every partition sends
//      Partition::histograms(found, prefix) to add_histograms(), then decide().
//      The root of each expansion needs no round: like the local engine, the driver
//      keeps the residue's histograms and subtracts each new pattern's rows, whose
//      histograms the pattern's last round delivered.
//   3. Marshalling: every partition sends Partition::signatures(found()) to
//      add_signatures(); then rank().
//   4. summary().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire.h"
#include "engine/cost_model.h"
#include "engine/pattern.h"
#include "table/dictionary.h"
#include "tsum/summarize.h"
#include "tsum/summary.h"

namespace tsum::python {

// One column of one partition's table: its dictionary in code order, the count of each
// code (index 0 = NULL), and whether all its non-NULL cells are numbers (true when
// there are none).
struct ColumnDictionary {
  std::vector<std::string_view> values;
  std::vector<uint64_t> counts;
  bool numeric_or_empty = true;
};

class Coordinator {
 public:
  Coordinator(CostModelKind kind, std::vector<std::string> columns);

  // `rows` is needed as well: a table may have rows but no (selected) columns.
  void add_partition(uint64_t rows, const std::vector<ColumnDictionary>& columns);
  void start();
  // Per column, the global code of each local code of partition k. Values that occur
  // once in the whole table can never be in a pattern (N <= 1 saves nothing), so they
  // map to 0 and partitions leave them out of histograms.
  std::vector<std::vector<uint32_t>> code_maps(size_t partition) const;

  std::optional<Request> next_request();
  void add_histograms(const SparseHistograms& histograms);
  void decide();

  std::vector<GlobalPattern> found() const;
  void add_signatures(const Signatures& signatures);
  void rank();

  // The gathered-rows path, for what the rounds do not cover (the entropy model, the
  // beam and bottom-up searches): every partition's Partition::global_rows() goes to
  // add_rows(); search() then runs the engine's search and marshalling
  // (engine/search.h) on them, as summarize() would on the concatenated table.
  void add_rows(const std::vector<uint32_t>& codes, const std::vector<uint64_t>& weights);
  void search(const SummarizeOptions& options);

  Summary summary(std::optional<size_t> limit) const;
  uint64_t rows() const { return rows_; }

 private:
  struct Ranked {
    size_t index;
    double saving;
    uint64_t rows;
    uint64_t covered;
  };
  void accept(uint32_t column, uint32_t code, double saving, uint64_t count);
  void complete_pattern(bool have_histograms);
  static GlobalPattern global(const CodedPattern& p);

  CostModelKind kind_;
  std::vector<std::string> names_;
  std::vector<Dictionary> dictionaries_;
  std::vector<std::vector<uint64_t>> counts_;  // global count of each code, 0 = NULL
  std::vector<bool> numeric_or_empty_;
  std::vector<std::vector<std::vector<uint32_t>>> code_maps_;  // [partition][column][local]
  uint64_t rows_ = 0;
  std::optional<CostModel> model_;

  // Expansion state (see engine/local_expansion.cc, which this mirrors).
  std::vector<std::vector<uint64_t>> root_;    // histograms of the residue
  uint64_t residue_rows_ = 0;
  std::vector<CodedPattern> found_;            // discovery order
  bool expanding_ = false;                     // a pattern is being expanded
  bool finished_ = false;                      // expansion is over
  CodedPattern current_;
  std::vector<bool> used_;
  double current_saving_ = 0;
  uint64_t current_count_ = 0;
  std::vector<std::vector<uint64_t>> summed_;  // this round's histograms, summed

  // Gathered rows (column-major) and their weights.
  std::vector<std::vector<uint32_t>> gathered_;
  std::vector<uint64_t> gathered_weights_;
  SearchKind search_ = SearchKind::kGreedy;

  // Marshalling.
  Signatures groups_;
  std::vector<Ranked> ranked_;
};

}  // namespace tsum::python
