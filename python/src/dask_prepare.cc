#include "dask_prepare.h"

#include "prepare/column_bins.h"
#include "prepare/column_numbers.h"
#include "prepare/prepare.h"
#include "prepare/relabel_column.h"  // kKeepValue
#include "report/column_summary.h"
#include "table/column_assembler.h"
#include "table/dictionary.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum::python {
namespace {

// A column with the given dictionary and counts but no codes: what plan_column and
// summarize_columns read (dictionary and counts; never a row). The code storage the
// assembler reserves is never written or read, so the operating system never backs it.
std::shared_ptr<const Column> dictionary_column(const std::string& name, uint64_t rows, std::string bytes,
                                                std::vector<uint64_t> offsets, std::vector<uint64_t> counts,
                                                bool all_numeric) {
  ColumnAssembler assembler(name, rows, width_for(offsets.size() - 1));
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), all_numeric);
}

// One input column merged over the partitions, in partition order.
struct Merged {
  std::shared_ptr<const Column> column;
  std::vector<std::vector<uint32_t>> global_of;  // [partition][local code] -> global code
};

Merged merge_column(const std::string& name, size_t c, const std::vector<PartitionDictionaries>& partitions,
                    uint64_t rows) {
  Merged m;
  Dictionary dictionary;
  std::vector<uint64_t> counts{0};
  bool numeric = true;
  for (const PartitionDictionaries& p : partitions) {
    const ColumnDictionary& local = p.columns.at(c);
    if (local.counts.size() != local.values.size() + 1) throw UsageError("dask: counts do not match values");
    std::vector<uint32_t> map(local.values.size() + 1, 0);
    for (size_t i = 0; i < local.values.size(); ++i) {
      bool inserted;
      map[i + 1] = dictionary.find_or_insert(local.values[i], inserted) + 1;
      if (inserted) counts.push_back(0);
    }
    for (size_t i = 0; i < local.counts.size(); ++i) counts[map[i]] += local.counts[i];
    numeric = numeric && local.numeric_or_empty;
    m.global_of.push_back(std::move(map));
  }
  std::string bytes;
  std::vector<uint64_t> offsets;
  dictionary.release(bytes, offsets);
  m.column = dictionary_column(name, rows, std::move(bytes), std::move(offsets), std::move(counts), numeric);
  return m;
}

}  // namespace

DaskPreparation::DaskPreparation(std::vector<std::string> names, const std::vector<PartitionDictionaries>& partitions,
                                 const PrepareOptions& options) {
  uint64_t rows = 0;
  for (const PartitionDictionaries& p : partitions) {
    if (p.columns.size() != names.size()) throw UsageError("dask: partition has the wrong number of columns");
    rows += p.rows;
  }
  std::vector<Merged> merged;
  std::vector<std::shared_ptr<const Column>> columns;
  for (size_t c = 0; c < names.size(); ++c) {
    merged.push_back(merge_column(names[c], c, partitions, rows));
    columns.push_back(merged.back().column);
  }
  const bool paper = prepares_columns(options.cost_model);  // paper or entropy
  if (paper) check_prepare_options(Table(columns, rows), options);

  rewritten_.resize(partitions.size());
  std::vector<std::shared_ptr<const Column>> prepared;  // for the column profiles
  std::vector<std::string> kinds;                        // their types, as describe_preparation names them
  for (size_t c = 0; c < names.size(); ++c) {
    const Column& column = *merged[c].column;
    ColumnPlan plan;
    if (paper) plan = plan_column(column, options);  // in column order: the first error is prepare_table's
    if (plan.excluded) {
      excluded_.push_back(std::move(*plan.excluded));
      continue;
    }
    if (paper) {
      if (auto numbers = column_numbers(column, plan.info.kind, plan.slash_order)) numbers_.push_back(std::move(*numbers));
    }
    kept_names_.push_back(names[c]);
    kept_input_.push_back(c);
    if (paper) kinds.push_back(column_kind_name(plan.info.kind));
    binned_.push_back(plan.bins.has_value());
    if (!plan.bins) {
      prepared.push_back(merged[c].column);
      for (auto& r : rewritten_) r.emplace_back();
      continue;
    }
    // The whole column relabelled as prepare_table relabels it: the bins' rows, and the
    // new dictionary (for the profiles and the rewritten partition dictionaries).
    const BinPlan& p = *plan.bins;
    ColumnBins bins = describe_bins(p, names[c], plan.info.kind);
    // relabel_column's dictionary logic, without its pass over the rows (this column has
    // none): codes in order, each to its bin's label or kept text; equal texts merge.
    Dictionary new_codes;
    std::vector<uint32_t> new_of(column.cardinality() + 1, 0);
    std::vector<uint64_t> new_counts{column.code_counts()[0]};
    bool all_numeric = true;
    std::vector<bool> bin_seen(p.labels.size(), false);  // a bin with no value has 0 rows, as in relabel_column
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      int32_t bin = p.bin_of[code];
      std::string_view text = bin == kKeepValue ? column.value(code) : std::string_view(p.labels[bin]);
      if (bin != kKeepValue) bin_seen[bin] = true;
      bool inserted;
      new_of[code] = new_codes.find_or_insert(text, inserted) + 1;
      if (inserted) {
        new_counts.push_back(0);
        all_numeric = all_numeric && is_spec_number(text);
      }
      new_counts[new_of[code]] += column.code_counts()[code];
    }
    bins.rows.assign(p.labels.size(), 0);
    for (size_t b = 0; b < p.labels.size(); ++b) {
      uint32_t n = new_codes.find(p.labels[b]);
      if (bin_seen[b] && n != Dictionary::kNotFound) bins.rows[b] = new_counts[n + 1];
    }
    binned_columns_.push_back(std::move(bins));
    // Each partition's dictionary, rewritten: its values' new texts in local
    // first-appearance order.
    for (size_t k = 0; k < partitions.size(); ++k) {
      const ColumnDictionary& local = partitions[k].columns[c];
      const std::vector<uint32_t>& global_of = merged[c].global_of[k];
      Rewritten r;
      r.remap.assign(local.values.size() + 1, 0);
      r.counts.push_back(local.counts[0]);
      std::vector<uint32_t> local_of_new(new_codes.size() + 1, 0);
      for (uint32_t l = 1; l <= local.values.size(); ++l) {
        uint32_t n = new_of[global_of[l]];
        if (local_of_new[n] == 0) {
          local_of_new[n] = static_cast<uint32_t>(r.values.size() + 1);
          r.values.emplace_back(new_codes.value(n - 1));
          r.counts.push_back(0);
          r.numeric_or_empty = r.numeric_or_empty && is_spec_number(r.values.back());
        }
        r.remap[l] = local_of_new[n];
        r.counts[r.remap[l]] += local.counts[l];
      }
      rewritten_[k].push_back(std::move(r));
    }
    // The profile's column: the relabelled dictionary and counts, no codes.
    std::string bytes;
    std::vector<uint64_t> offsets;
    new_codes.release(bytes, offsets);
    prepared.push_back(
        dictionary_column(names[c], rows, std::move(bytes), std::move(offsets), std::move(new_counts), all_numeric));
  }
  append_user_exclusions(options, excluded_);
  profiles_ = summarize_columns(Table(std::move(prepared), rows));
  for (size_t i = 0; i < kinds.size() && i < profiles_.size(); ++i) profiles_[i].type = kinds[i];
}

void DaskPreparation::feed(Coordinator& coordinator, const std::vector<PartitionDictionaries>& partitions) const {
  for (size_t k = 0; k < partitions.size(); ++k) {
    std::vector<ColumnDictionary> columns;
    for (size_t i = 0; i < kept_input_.size(); ++i) {
      if (!binned_[i]) {
        columns.push_back(partitions[k].columns[kept_input_[i]]);
        continue;
      }
      const Rewritten& r = rewritten_[k][i];
      ColumnDictionary d;
      for (const std::string& v : r.values) d.values.push_back(v);
      d.counts = r.counts;
      d.numeric_or_empty = r.numeric_or_empty;
      columns.push_back(std::move(d));
    }
    coordinator.add_partition(partitions[k].rows, columns);
  }
}

std::vector<std::optional<DaskPreparation::Relabel>> DaskPreparation::relabels(size_t partition) const {
  std::vector<std::optional<Relabel>> out(kept_input_.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (!binned_[i]) continue;
    const Rewritten& r = rewritten_.at(partition)[i];
    Relabel relabel;
    relabel.bin_of.assign(r.remap.size(), kKeepValue);
    for (size_t l = 1; l < r.remap.size(); ++l) relabel.bin_of[l] = static_cast<int32_t>(r.remap[l]) - 1;
    relabel.values = r.values;
    out[i] = std::move(relabel);
  }
  return out;
}

void DaskPreparation::describe(Summary& summary) const {
  summary.binned_columns = binned_columns_;
  summary.excluded_columns = excluded_;
  summary.column_summaries = profiles_;
  summary.column_numbers = numbers_;
}

}  // namespace tsum::python
