#include "coordinator.h"

#include <algorithm>

#include "engine/candidate.h"
#include "engine/search.h"
#include "engine/work_table.h"
#include "tsum/error.h"

namespace tsum::python {

Coordinator::Coordinator(CostModelKind kind, std::vector<std::string> columns)
    : kind_(kind), names_(std::move(columns)), dictionaries_(names_.size()), counts_(names_.size(), {0}),
      numeric_or_empty_(names_.size(), true) {}

void Coordinator::add_partition(uint64_t rows, const std::vector<ColumnDictionary>& columns) {
  if (model_) throw UsageError("coordinator: add_partition after start");
  if (columns.size() != names_.size()) throw UsageError("coordinator: partition has the wrong number of columns");
  std::vector<std::vector<uint32_t>> maps(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const ColumnDictionary& local = columns[c];
    if (local.counts.size() != local.values.size() + 1) throw UsageError("coordinator: counts do not match values");
    std::vector<uint32_t>& map = maps[c];
    map.assign(local.values.size() + 1, 0);
    for (size_t i = 0; i < local.values.size(); ++i) {
      bool inserted;
      map[i + 1] = dictionaries_[c].find_or_insert(local.values[i], inserted) + 1;
    }
    counts_[c].resize(dictionaries_[c].size() + 1, 0);
    uint64_t column_rows = 0;
    for (size_t i = 0; i < local.counts.size(); ++i) {
      counts_[c][map[i]] += local.counts[i];
      column_rows += local.counts[i];
    }
    if (column_rows != rows) throw UsageError("coordinator: column counts do not add up to the partition's rows");
    numeric_or_empty_[c] = numeric_or_empty_[c] && local.numeric_or_empty;
  }
  rows_ += rows;
  code_maps_.push_back(std::move(maps));
}

void Coordinator::start() {
  std::vector<ColumnProfile> profiles(names_.size());
  for (size_t c = 0; c < names_.size(); ++c) {
    ColumnProfile& p = profiles[c];
    for (uint32_t code = 1; code <= dictionaries_[c].size(); ++code) {
      std::string_view value = dictionaries_[c].value(code - 1);
      p.values.push_back(value);
      p.non_null += counts_[c][code];
      p.total_utf8_bytes += counts_[c][code] * value.size();
    }
    p.counts = counts_[c];
    // The Table's rule: numeric when there is a non-NULL cell and all of them are numbers.
    p.type = numeric_or_empty_[c] && p.non_null > 0 ? ValueType::kNumeric : ValueType::kString;
  }
  model_.emplace(kind_, profiles);
  root_ = counts_;
  residue_rows_ = rows_;
  summed_.resize(names_.size());
  for (size_t c = 0; c < names_.size(); ++c) summed_[c].assign(counts_[c].size(), 0);
}

std::vector<std::vector<uint32_t>> Coordinator::code_maps(size_t partition) const {
  if (!model_) throw UsageError("coordinator: code_maps before start");
  std::vector<std::vector<uint32_t>> maps = code_maps_.at(partition);
  for (size_t c = 0; c < maps.size(); ++c) {
    for (uint32_t& global : maps[c]) {
      if (counts_[c][global] < 2) global = 0;
    }
  }
  return maps;
}

void Coordinator::accept(uint32_t column, uint32_t code, double saving, uint64_t count) {
  current_.items.push_back(Item{column, code});
  current_.sum_bits = current_.sum_bits + model_->bits(column, code);
  used_[column] = true;
  current_saving_ = saving;
  current_count_ = count;
}

std::optional<Request> Coordinator::next_request() {
  if (!model_) throw UsageError("coordinator: next_request before start");
  const size_t d = names_.size();
  for (;;) {
    if (!expanding_) {
      // expand(R, {}) at the root, from the residue's histograms.
      if (finished_ || residue_rows_ == 0) {
        finished_ = true;
        return std::nullopt;
      }
      current_ = CodedPattern{};
      used_.assign(d, false);
      current_saving_ = model_->empty_saving(residue_rows_);
      std::vector<Candidate> per_column(d);
      for (size_t c = 0; c < d; ++c) {
        per_column[c] = best_value(*model_, static_cast<uint32_t>(c), model_->bits(c), 0.0, root_[c].data(),
                                   dictionaries_[c].size());
      }
      Candidate best = best_of(per_column);
      if (!best.found || !(best.saving > current_saving_)) {
        finished_ = true;
        return std::nullopt;
      }
      accept(best.column, best.code, best.saving, best.count);
      expanding_ = true;
    }
    if (current_.items.size() == d) {  // nothing left to add: no round needed
      complete_pattern(false);
      continue;
    }
    for (size_t c = 0; c < d; ++c) {
      if (!used_[c]) std::fill(summed_[c].begin(), summed_[c].end(), 0);
    }
    return Request{found(), global(current_)};
  }
}

void Coordinator::add_histograms(const SparseHistograms& h) {
  if (!expanding_) throw UsageError("coordinator: histograms outside a round");
  if (h.offsets.size() != names_.size() + 1 || h.codes.size() != h.counts.size() || h.offsets.back() != h.codes.size()) {
    throw UsageError("coordinator: malformed histograms");
  }
  for (size_t c = 0; c < names_.size(); ++c) {
    if (h.offsets[c] > h.offsets[c + 1]) throw UsageError("coordinator: malformed histograms");
    if (h.offsets[c] < h.offsets[c + 1] && used_[c]) throw UsageError("coordinator: histogram of a prefix column");
    std::vector<uint64_t>& sum = summed_[c];
    for (uint64_t i = h.offsets[c]; i < h.offsets[c + 1]; ++i) {
      if (h.codes[i] == 0 || h.codes[i] >= sum.size()) throw UsageError("coordinator: histogram code out of range");
      sum[h.codes[i]] += h.counts[i];
    }
  }
}

void Coordinator::decide() {
  if (!expanding_) throw UsageError("coordinator: decide outside a round");
  const size_t d = names_.size();
  std::vector<Candidate> per_column(d);
  for (size_t c = 0; c < d; ++c) {
    if (used_[c]) continue;
    per_column[c] = best_value(*model_, static_cast<uint32_t>(c), model_->bits(c), current_.sum_bits, summed_[c].data(),
                               dictionaries_[c].size());
  }
  Candidate best = best_of(per_column);
  if (!best.found || !(best.saving > current_saving_)) {
    complete_pattern(true);
  } else {
    accept(best.column, best.code, best.saving, best.count);
  }
}

// The pattern is final: the residue loses its rows. The root histograms lose them too:
// current_count_ rows on each of the pattern's own values and, on the other columns,
// the histograms of the pattern's rows that this round summed.
void Coordinator::complete_pattern(bool have_histograms) {
  for (const Item& item : current_.items) root_[item.column][item.code] -= current_count_;
  if (have_histograms) {
    for (size_t c = 0; c < names_.size(); ++c) {
      if (used_[c]) continue;
      for (size_t code = 1; code < summed_[c].size(); ++code) {
        if (summed_[c][code] > root_[c][code]) throw UsageError("coordinator: histograms exceed the residue");
        root_[c][code] -= summed_[c][code];
      }
    }
  }
  residue_rows_ -= current_count_;
  found_.push_back(std::move(current_));
  current_ = CodedPattern{};
  expanding_ = false;
}

GlobalPattern Coordinator::global(const CodedPattern& p) {
  GlobalPattern out;
  for (const Item& item : p.items) out.emplace_back(item.column, item.code);
  return out;
}

std::vector<GlobalPattern> Coordinator::found() const {
  std::vector<GlobalPattern> out;
  for (const CodedPattern& p : found_) out.push_back(global(p));
  return out;
}

void Coordinator::add_signatures(const Signatures& s) {
  if (s.offsets.size() != s.counts.size() + 1 || s.offsets.front() != 0 || s.offsets.back() != s.patterns.size()) {
    throw UsageError("coordinator: malformed signatures");
  }
  for (size_t g = 0; g < s.counts.size(); ++g) {
    for (uint64_t i = s.offsets[g]; i < s.offsets[g + 1]; ++i) {
      if (s.patterns[i] >= found_.size()) throw UsageError("coordinator: signature names an unknown pattern");
      groups_.patterns.push_back(s.patterns[i]);
    }
    groups_.offsets.push_back(groups_.patterns.size());
    groups_.counts.push_back(s.counts[g]);
  }
}

// The spec's marshalling, exactly as engine/marshalling.cc runs it, with groups of rows
// that match the same patterns in place of rows.
void Coordinator::rank() {
  const size_t count = found_.size();
  const size_t groups = groups_.counts.size();
  std::vector<uint64_t> in_residue(count, 0);
  std::vector<std::vector<uint32_t>> groups_of(count);
  for (size_t g = 0; g < groups; ++g) {
    for (uint64_t i = groups_.offsets[g]; i < groups_.offsets[g + 1]; ++i) {
      in_residue[groups_.patterns[i]] += groups_.counts[g];
      groups_of[groups_.patterns[i]].push_back(static_cast<uint32_t>(g));
    }
  }
  const std::vector<uint64_t> total = in_residue;  // N_T(P)
  std::vector<bool> ranked(count, false);
  std::vector<bool> alive(groups, true);
  uint64_t covered = 0;
  ranked_.clear();
  for (size_t round = 0; round < count; ++round) {
    size_t best = count;
    double best_saving = 0;
    for (size_t p = 0; p < count; ++p) {
      if (ranked[p]) continue;
      double s = model_->saving(found_[p].sum_bits, in_residue[p]);
      if (best == count || s > best_saving) best = p, best_saving = s;
    }
    ranked[best] = true;
    if (!(best_saving > 0)) break;
    for (uint32_t g : groups_of[best]) {
      if (!alive[g]) continue;
      alive[g] = false;
      covered += groups_.counts[g];
      for (uint64_t i = groups_.offsets[g]; i < groups_.offsets[g + 1]; ++i) {
        if (!ranked[groups_.patterns[i]]) in_residue[groups_.patterns[i]] -= groups_.counts[g];
      }
    }
    ranked_.push_back(Ranked{best, best_saving, total[best], covered});
  }
}

void Coordinator::add_rows(const std::vector<uint32_t>& codes, const std::vector<uint64_t>& weights) {
  if (!model_) throw UsageError("coordinator: add_rows before start");
  const size_t d = names_.size();
  if (codes.size() != weights.size() * d) throw UsageError("coordinator: malformed rows");
  gathered_.resize(d);
  for (size_t r = 0; r < weights.size(); ++r) {
    for (size_t c = 0; c < d; ++c) {
      uint32_t code = codes[r * d + c];
      if (code > dictionaries_[c].size()) throw UsageError("coordinator: row code out of range");
      gathered_[c].push_back(code);
    }
    gathered_weights_.push_back(weights[r]);
  }
}

void Coordinator::search(const SummarizeOptions& options) {
  if (!model_) throw UsageError("coordinator: search before start");
  search_ = options.search;
  std::vector<uint32_t> cardinality;
  for (const Dictionary& dictionary : dictionaries_) cardinality.push_back(static_cast<uint32_t>(dictionary.size()));
  gathered_.resize(names_.size());
  WorkTable work(std::move(gathered_), cardinality, std::move(gathered_weights_));
  if (work.table_rows() != rows_) throw UsageError("coordinator: gathered rows do not add up to the table's");
  SearchResult result = search_and_rank(work, *model_, options, nullptr, &counts_);
  found_ = std::move(result.found);
  ranked_.clear();
  for (const RankedPattern& r : result.ranked) ranked_.push_back(Ranked{r.index, r.saving, r.rows, r.covered_rows});
  gathered_ = {};
  gathered_weights_ = {};
}

// As summarize() assembles its Summary (engine/summarize.cc).
Summary Coordinator::summary(std::optional<size_t> limit) const {
  Summary s;
  s.cost_model = kind_;
  s.search = search_;
  s.rows = rows_;
  s.columns = names_;
  if (model_) s.table_bits = model_->table_bits(counts_);
  s.total_patterns = ranked_.size();
  s.limited = limit.has_value();
  size_t keep = limit && *limit > 0 ? std::min(*limit, ranked_.size()) : ranked_.size();  // 0 keeps every pattern
  const double total_rows = static_cast<double>(rows_);
  for (size_t i = 0; i < ranked_.size(); ++i) {
    const Ranked& r = ranked_[i];
    s.total_saving += r.saving;
    s.covered_rows = r.covered;
    if (i >= keep) continue;
    SummaryPattern out;
    std::vector<Item> items = found_[r.index].items;
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.column < b.column; });
    for (const Item& item : items) {
      out.items.push_back(PatternItem{names_[item.column], std::string(dictionaries_[item.column].value(item.code - 1))});
    }
    out.saving = r.saving;
    out.rows = r.rows;
    out.coverage = 100.0 * static_cast<double>(r.rows) / total_rows;
    out.cumulative_coverage = 100.0 * static_cast<double>(r.covered) / total_rows;
    s.patterns.push_back(std::move(out));
  }
  return s;
}

}  // namespace tsum::python
