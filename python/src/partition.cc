#include "partition.h"

#include <tbb/task_arena.h>

#include <algorithm>

#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum::python {
namespace {

bool starts_with(const GlobalPattern& longer, const GlobalPattern& prefix) {
  return prefix.size() <= longer.size() && std::equal(prefix.begin(), prefix.end(), longer.begin());
}

tbb::task_arena arena_for(unsigned threads) {
  return tbb::task_arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
}

}  // namespace

Partition::Partition(Table table, std::vector<std::vector<uint32_t>> to_global)
    : table_(std::move(table)), to_global_(std::move(to_global)), to_local_(table_.num_columns()) {
  if (to_global_.size() != table_.num_columns()) throw UsageError("partition: one code map per column expected");
  if (table_.rows() > UINT32_MAX) throw UsageError("a partition holds at most 4294967295 rows; use more partitions");
  for (size_t c = 0; c < to_global_.size(); ++c) {
    if (to_global_[c].size() != table_.column(c).cardinality() + size_t{1}) {
      throw UsageError("partition: code map of column " + std::to_string(c) + " has the wrong size");
    }
    for (uint32_t local = 1; local < to_global_[c].size(); ++local) {
      if (to_global_[c][local] != 0) to_local_[c].emplace(to_global_[c][local], local);
    }
  }
}

std::optional<uint32_t> Partition::local_code(uint32_t column, uint32_t global) const {
  if (column >= to_local_.size()) throw UsageError("partition: column index out of range");
  auto it = to_local_[column].find(global);
  if (it == to_local_[column].end()) return std::nullopt;
  return it->second;
}

const WorkTable& Partition::work() {
  if (!work_) work_ = std::make_unique<WorkTable>(table_, true);
  return *work_;
}

std::vector<RowId> Partition::matching(const RowSet& rows, const GlobalPattern& pattern, size_t from) const {
  std::vector<RowId> out;
  if (from == pattern.size()) {  // no item to check: every row of `rows` matches
    if (!rows.all) return std::vector<RowId>(rows.ids.begin(), rows.ids.end());
    out.resize(rows.table_rows);
    for (RowId r = 0; r < out.size(); ++r) out[r] = r;
    return out;
  }
  RowSet current = rows;
  for (size_t i = from; i < pattern.size(); ++i) {
    auto [column, global] = pattern[i];
    std::optional<uint32_t> code = local_code(column, global);
    if (!code) return {};  // the value does not occur in this partition
    out = filter_equal(work_->column(column), current, *code);
    current = RowSet{false, work_->rows(), out};
    if (out.empty()) break;
  }
  return out;
}

// Brings the residue to "rows matching none of `found`", incrementally when `found`
// extends the patterns already excluded.
void Partition::exclude(const std::vector<GlobalPattern>& found) {
  bool extends = excluded_.size() <= found.size() && std::equal(excluded_.begin(), excluded_.end(), found.begin());
  if (!extends) {
    excluded_.clear();
    residue_all_ = true;
    residue_.clear();
    prefix_.reset();
  }
  for (size_t k = excluded_.size(); k < found.size(); ++k) {
    // The last round usually expanded exactly this pattern: its rows are cached.
    std::vector<RowId> matched = prefix_ && *prefix_ == found[k] ? std::move(prefix_rows_) : matching(residue(), found[k]);
    if (!matched.empty()) {
      residue_ = subtract_rows(residue(), matched);
      residue_all_ = false;
    }
    excluded_.push_back(found[k]);
    prefix_.reset();
  }
}

// The rows of the residue matching `prefix`.
std::span<const RowId> Partition::select(const GlobalPattern& prefix) {
  if (prefix_ && starts_with(prefix, *prefix_)) {
    if (prefix_->size() < prefix.size()) prefix_rows_ = matching(RowSet{false, work_->rows(), prefix_rows_}, prefix, prefix_->size());
  } else {
    prefix_rows_ = matching(residue(), prefix);
  }
  prefix_ = prefix;
  return prefix_rows_;
}

SparseHistograms Partition::histograms(const std::vector<GlobalPattern>& found, const GlobalPattern& prefix,
                                       unsigned threads) {
  std::lock_guard lock(mutex_);
  const size_t d = table_.num_columns();
  std::vector<std::vector<uint32_t>> codes(d), counts(d);
  arena_for(threads).execute([&] {
    work();
    exclude(found);
    std::span<const RowId> rows = select(prefix);
    std::vector<bool> used(d, false);
    for (auto [column, code] : prefix) used[column] = true;
    tsum::parallel_for(size_t{0}, d, [&](size_t c) {
      if (used[c] || rows.empty()) return;
      std::vector<uint64_t> hist(work_->column(c).cardinality() + size_t{1}, 0);
      count_codes(*work_, c, rows, hist.data());
      for (uint32_t local = 1; local < hist.size(); ++local) {
        uint32_t global = to_global_[c][local];
        if (hist[local] == 0 || global == 0) continue;
        codes[c].push_back(global);
        counts[c].push_back(static_cast<uint32_t>(hist[local]));  // a partition has < 2^32 rows
      }
    });
  });
  SparseHistograms out;
  out.offsets.push_back(0);
  for (size_t c = 0; c < d; ++c) {
    out.codes.insert(out.codes.end(), codes[c].begin(), codes[c].end());
    out.counts.insert(out.counts.end(), counts[c].begin(), counts[c].end());
    out.offsets.push_back(out.codes.size());
  }
  return out;
}

std::pair<std::vector<uint32_t>, std::vector<uint64_t>> Partition::global_rows(unsigned threads) {
  std::lock_guard lock(mutex_);
  std::pair<std::vector<uint32_t>, std::vector<uint64_t>> out;
  arena_for(threads).execute([&] {
    const WorkTable& w = work();
    const size_t d = w.num_columns();
    out.first.resize(w.rows() * d);
    out.second.resize(w.rows());
    for (size_t c = 0; c < d; ++c) {
      w.column(c).visit_codes([&](const auto* codes) {
        for (uint64_t r = 0; r < w.rows(); ++r) out.first[r * d + c] = to_global_[c][codes[r]];
      });
    }
    for (uint64_t r = 0; r < w.rows(); ++r) out.second[r] = w.weight(r);
  });
  return out;
}

Signatures Partition::signatures(const std::vector<GlobalPattern>& patterns, unsigned threads) {
  std::lock_guard lock(mutex_);
  // Each row walks a trie of pattern sets: node 0 is "no pattern"; matching pattern p
  // (in increasing p) moves a row from node n to its child (n, p).
  struct Node {
    uint32_t parent;
    uint32_t pattern;
  };
  std::vector<Node> nodes{{0, 0}};
  std::unordered_map<uint64_t, uint32_t> children;
  std::vector<uint32_t> node_of_row;
  arena_for(threads).execute([&] {
    node_of_row.assign(work().rows(), 0);
    for (size_t p = 0; p < patterns.size(); ++p) {
      for (RowId r : matching(all_rows(), patterns[p])) {
        uint64_t key = (uint64_t{node_of_row[r]} << 32) | p;
        auto [it, added] = children.try_emplace(key, static_cast<uint32_t>(nodes.size()));
        if (added) nodes.push_back(Node{node_of_row[r], static_cast<uint32_t>(p)});
        node_of_row[r] = it->second;
      }
    }
  });
  std::vector<uint64_t> rows_at(nodes.size(), 0);
  for (size_t r = 0; r < node_of_row.size(); ++r) rows_at[node_of_row[r]] += work_->weight(r);
  Signatures out;
  std::vector<uint32_t> set;
  for (uint32_t n = 1; n < nodes.size(); ++n) {
    if (rows_at[n] == 0) continue;
    set.clear();
    for (uint32_t m = n; m != 0; m = nodes[m].parent) set.push_back(nodes[m].pattern);
    out.patterns.insert(out.patterns.end(), set.rbegin(), set.rend());
    out.offsets.push_back(out.patterns.size());
    out.counts.push_back(rows_at[n]);
  }
  return out;
}

}  // namespace tsum::python
