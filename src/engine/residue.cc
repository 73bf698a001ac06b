#include "engine/residue.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "engine/engine_settings.h"
#include "engine/pair_grid.h"
#include "engine/row_major_codes.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// Below this many cells (rows × columns, or values scored) a loop over the columns runs
// on the calling thread: handing columns to another thread costs more than it shares
// (the seed-and-expand loops take many steps of a few rows each on tables of many small
// groups).
constexpr uint64_t kSerialCells = uint64_t{1} << 12;

// f(c) for every column c, on the threads when `cells` is worth sharing out.
template <class F>
void for_columns(size_t d, uint64_t cells, const F& f) {
  if (cells < kSerialCells) {
    for (size_t c = 0; c < d; ++c) f(c);
    return;
  }
  tsum::parallel_for(size_t{0}, d, f);
}

}  // namespace

Residue::Residue(const WorkTable& table, const CostModel& model)
    : table_(table), model_(model), root_(table.num_columns()), scratch_(table.num_columns()), postings_(table),
      alive_(table.rows()), weight_(table.table_rows()), rows_(table.rows()) {
  for (size_t c = 0; c < table.num_columns(); ++c) {
    root_[c] = table.column(c).code_counts();
    scratch_[c].assign(table.column(c).cardinality() + 1, 0);
  }
  if (model.kind() == CostModelKind::kEntropy) coder_.emplace(model, root_);
  describe();
}

// The description term depends only on a pattern's size and |R|: computed once per R
// by the model's own function (the same doubles), not a log2 per candidate.
void Residue::describe() {
  if (!coder_) return;
  descriptions_.resize(table_.num_columns() + 1);
  for (size_t k = 0; k < descriptions_.size(); ++k) descriptions_[k] = model_.entropy_description(k, weight_);
}

double Residue::saving(const CodedPattern& p, const Item* extra, uint64_t n) const {
  if (coder_) return coder_->saving(p.items, extra, n, weight_, descriptions_[p.items.size() + (extra ? 1 : 0)]);
  return model_.saving(extra ? p.sum_bits + model_.bits(extra->column, extra->code) : p.sum_bits, n);
}

void Residue::accept(const CodedPattern& p, std::span<const RowId> rows) {
  accepted_ = true;
  if (coder_) coder_->cover(p.items, total_weight(table_, rows));
  remove(rows, p.items);
}

std::vector<RowId> Residue::rows_matching(const std::vector<Item>& items) {
  if (items.empty()) {
    std::vector<RowId> all;
    for (uint64_t r = 0; r < table_.rows(); ++r)
      if (alive_.contains(static_cast<RowId>(r))) all.push_back(static_cast<RowId>(r));
    return all;
  }
  // Start from the item fewest rows of R hold (the first such): its posting list is the
  // shortest to read, and the others only filter it. The set, ascending, is the same
  // whichever item starts.
  size_t anchor = 0;
  for (size_t i = 1; i < items.size(); ++i) {
    if (root_[items[i].column][items[i].code] < root_[items[anchor].column][items[anchor].code]) anchor = i;
  }
  std::vector<RowId> rows = postings_.live_rows(items[anchor].column, items[anchor].code, alive_);
  for (size_t i = 0; i < items.size() && !rows.empty(); ++i) {
    if (i == anchor) continue;
    rows = filter_equal(table_.column(items[i].column), RowSet{false, table_.rows(), rows}, items[i].code);
  }
  return rows;
}

bool Residue::has_pair_counts(size_t c1) {
  if (!pairs_) {
    // 64 MiB; TSUM_PAIR_COUNT_BYTES overrides it (tests use 0 to exercise the
    // row-scanning path that columns without counts take).
    uint64_t budget = uint64_t{64} << 20;
    if (std::optional<uint64_t> bytes = pair_count_bytes_setting()) budget = *bytes;
    // When every column pair's counts fit, all are kept (the lazy keys need them all).
    // When they do not, a column c1 whose pairs with every later column a grid covers on R
    // is left to the grids: counts kept for some columns only, built once and updated at
    // every accepted pattern, cost wide tables more than grids with the bounds of runs
    // counted before, while on a narrow table (where no grid pays) they spare each value's
    // gather (docs/benchmarks.md, "Entropy: partial pair counts").
    std::vector<bool> wanted;
    if (PairCounts::bytes_for_table(table_) > budget) {
      const size_t d = table_.num_columns();
      const PairGrid::Setting grid = PairGrid::setting();
      wanted.assign(d, true);
      for (size_t c = 0; c + 1 < d; ++c) wanted[c] = PairGrid::covered_columns(*this, c, grid).size() < d - c - 1;
    }
    pairs_.emplace(table_, alive_, budget, wanted.empty() ? nullptr : &wanted);
  }
  return pairs_->ready(c1);
}

double Residue::pair_bound(const Item& item, size_t c2, uint64_t n_max) const {
  if (!coder_) return std::numeric_limits<double>::infinity();
  return coder_->pair_bound(item, c2, n_max, weight_, descriptions_[2]);
}

void Residue::remove(std::span<const RowId> rows, std::span<const Item> held) {
  const size_t d = table_.num_columns();
  const uint64_t weight = total_weight(table_, rows);
  // A held item's column loses the rows' weight from its one code; the others, row by row.
  std::vector<bool> counted(d, false);
  for (const Item& item : held) {
    root_[item.column][item.code] -= weight;
    counted[item.column] = true;
  }
  uint64_t cells = 0;
  for (size_t c = 0; c < d; ++c) cells += counted[c] ? 0 : rows.size();
  const RowMajorCodes* row_major = table_.row_major(rows.size());
  if (row_major) {
    std::vector<RowMajorCodes::Target> targets;
    for (size_t c = 0; c < d; ++c)
      if (!counted[c] && row_major->holds(c)) targets.push_back({row_major->place(c), root_[c].data()});
    if (!targets.empty())
      row_major->subtract(rows, targets, table_.weights_or_null(), rows.size() * targets.size() >= kSerialCells);
  }
  for_columns(d, cells, [&](size_t c) {
    if (!counted[c] && (!row_major || !row_major->holds(c))) uncount_codes(table_, c, rows, root_[c].data());
  });
  if (pairs_) pairs_->remove(rows, held);
  for (RowId r : rows) alive_.erase(r);
  if (!rows.empty()) bitmaps_.reset();
  rows_ -= rows.size();
  weight_ -= weight;
  describe();
}

template <class Value>
void Residue::each_extension(const std::vector<RowId>* rows, const std::vector<bool>& used, const Value& value) {
  const size_t d = table_.num_columns();
  // The selection's small-dictionary columns counted row by row, all at once, when that
  // pays (engine/row_major_codes.h); each is then scored from its histogram.
  const RowMajorCodes* row_major = rows ? table_.row_major(rows->size()) : nullptr;
  auto counted = [&](size_t c) { return row_major && row_major->holds(c); };
  if (row_major) {
    std::vector<RowMajorCodes::Target> targets;
    for (size_t c = 0; c < d; ++c)
      if (!used[c] && counted(c)) targets.push_back({row_major->place(c), scratch_[c].data()});
    row_major->add(*rows, targets, table_.weights_or_null(), rows->size() * targets.size() >= kSerialCells);
  }
  uint64_t cells = 0;
  for (size_t c = 0; c < d; ++c)
    if (!used[c]) cells += rows && !counted(c) ? rows->size() : table_.column(c).cardinality();
  for_columns(d, cells, [&](size_t c) {
    if (used[c]) return;
    const uint32_t card = table_.column(c).cardinality();
    auto score = [&](uint32_t code, uint64_t n) {
      if (n >= 2) value(c, code, n);
    };
    if (!rows) {
      for (uint32_t code = 1; code <= card; ++code) score(code, root_[c][code]);
      return;
    }
    if (counted(c)) {
      std::vector<uint64_t>& hist = scratch_[c];
      if (card <= rows->size() + 64) {
        for (uint32_t code = 1; code <= card; ++code) score(code, hist[code]);
        std::memset(hist.data(), 0, hist.size() * sizeof(uint64_t));
        return;
      }
      // Fewer rows than codes: the codes that occur, in code order (at most 256 of them).
      std::pair<uint32_t, uint64_t> seen[256];
      size_t k = 0;
      const uint32_t place = row_major->place(c);
      for (RowId r : *rows) {
        const uint32_t code = row_major->code(r, place);
        if (hist[code] == 0) continue;  // already taken
        if (code != 0) seen[k++] = {code, hist[code]};
        hist[code] = 0;
      }
      std::sort(seen, seen + k);
      for (size_t j = 0; j < k; ++j) score(seen[j].first, seen[j].second);
      return;
    }
    if (counts_few_codes(rows->size(), card)) {
      // A handful of rows in a large dictionary: their codes in code order, as below
      // (sorted on the stack: this runs for every column of every step).
      uint32_t codes[kFewCodesMaxRows];
      uint64_t counts[kFewCodesMaxRows];
      const size_t distinct = count_few_codes(table_, c, *rows, codes, counts);
      std::pair<uint32_t, uint64_t> seen[kFewCodesMaxRows];
      size_t k = 0;
      for (size_t j = 0; j < distinct; ++j)
        if (codes[j] != 0) seen[k++] = {codes[j], counts[j]};
      std::sort(seen, seen + k);
      for (size_t j = 0; j < k; ++j) score(seen[j].first, seen[j].second);
      return;
    }
    std::vector<uint64_t>& hist = scratch_[c];
    count_codes(table_, c, *rows, hist.data());
    if (card <= rows->size() + 64) {
      for (uint32_t code = 1; code <= card; ++code) score(code, hist[code]);
      std::memset(hist.data(), 0, hist.size() * sizeof(uint64_t));
      return;
    }
    // Large dictionary, small selection: visit only the codes that occur, in code order.
    std::vector<std::pair<uint32_t, uint64_t>> seen;
    table_.column(c).visit_codes([&](const auto* codes) {
      for (RowId r : *rows) {
        uint32_t code = codes[r];
        if (hist[code] == 0) continue;  // already taken
        if (code != 0) seen.emplace_back(code, hist[code]);
        hist[code] = 0;
      }
    });
    std::sort(seen.begin(), seen.end());
    for (const auto& [code, n] : seen) score(code, n);
  });
}

std::vector<Candidate> Residue::extensions(const CodedPattern& p, const std::vector<RowId>* rows,
                                           const std::vector<bool>& used) {
  std::vector<std::vector<Candidate>> per_column(table_.num_columns());
  each_extension(rows, used, [&](size_t c, uint32_t code, uint64_t n) {
    const Item extra{static_cast<uint32_t>(c), code};
    per_column[c].push_back(Candidate{saving(p, &extra, n), static_cast<uint32_t>(c), code, n, true});
  });
  std::vector<Candidate> all;
  for (auto& part : per_column) all.insert(all.end(), part.begin(), part.end());
  evaluations_ += all.size();
  return all;
}

// extensions()' first strict maximum, column by column (each column's first strict
// maximum, then the first strict maximum of those in column order: the same candidate),
// without listing every candidate.
Candidate Residue::best_extension(const CodedPattern& p, const std::vector<RowId>* rows,
                                  const std::vector<bool>& used) {
  const size_t d = table_.num_columns();
  std::vector<Candidate> best(d);
  std::vector<uint64_t> scored(d, 0);
  each_extension(rows, used, [&](size_t c, uint32_t code, uint64_t n) {
    ++scored[c];
    const Item extra{static_cast<uint32_t>(c), code};
    const double s = saving(p, &extra, n);
    if (s > best[c].saving) best[c] = Candidate{s, static_cast<uint32_t>(c), code, n, true};
  });
  for (uint64_t n : scored) evaluations_ += n;
  return best_of(best);
}

}  // namespace tsum
