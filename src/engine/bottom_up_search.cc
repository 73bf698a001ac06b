#include "engine/bottom_up_search.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <random>

#include "engine/entropy_coder.h"

namespace tsum {
namespace {

struct Sample {
  std::vector<std::vector<uint32_t>> rows;  // codes per sampled row
  std::vector<uint64_t> weights;
  uint64_t total = 0;
};

// The table's distinct rows in canonical order (by codes, column by column), each with
// its total weight: independent of how the WorkTable holds them.
Sample distinct_rows(const WorkTable& table) {
  const size_t d = table.num_columns();
  std::vector<std::vector<uint32_t>> rows(table.rows(), std::vector<uint32_t>(d));
  for (size_t c = 0; c < d; ++c) {
    table.column(c).visit_codes([&](const auto* codes) {
      for (uint64_t r = 0; r < table.rows(); ++r) rows[r][c] = codes[r];
    });
  }
  std::vector<uint64_t> order(table.rows());
  std::iota(order.begin(), order.end(), uint64_t{0});
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) { return rows[a] < rows[b]; });
  Sample s;
  for (uint64_t r : order) {
    if (!s.rows.empty() && s.rows.back() == rows[r]) {
      s.weights.back() += table.weight(r);
    } else {
      s.rows.push_back(std::move(rows[r]));
      s.weights.push_back(table.weight(r));
    }
    s.total += table.weight(r);
  }
  return s;
}

Sample draw_sample(const WorkTable& table) {
  Sample all = distinct_rows(table);
  if (all.rows.size() <= kBottomUpSample) return all;
  std::vector<uint64_t> picked(all.rows.size());
  std::iota(picked.begin(), picked.end(), uint64_t{0});
  std::mt19937_64 rng(kBottomUpSeed);
  for (size_t i = 0; i < kBottomUpSample; ++i) {
    uint64_t j = i + rng() % (picked.size() - i);  // modulo of a 64-bit draw: fixed across platforms
    std::swap(picked[i], picked[j]);
  }
  picked.resize(kBottomUpSample);
  std::sort(picked.begin(), picked.end());
  Sample s;
  for (uint64_t r : picked) {
    s.rows.push_back(std::move(all.rows[r]));
    s.weights.push_back(all.weights[r]);
    s.total += all.weights[r];
  }
  return s;
}

class Merger {
 public:
  Merger(const WorkTable& table, const CostModel& model, Sample sample) : model_(model), sample_(std::move(sample)) {
    if (model.kind() == CostModelKind::kEntropy) {
      std::vector<std::vector<uint64_t>> counts(table.num_columns());
      for (size_t c = 0; c < counts.size(); ++c) {
        counts[c].assign(table.column(c).cardinality() + size_t{1}, 0);
        for (size_t r = 0; r < sample_.rows.size(); ++r) counts[c][sample_.rows[r][c]] += sample_.weights[r];
      }
      coder_.emplace(model, counts);
    }
  }

  double saving(const std::vector<Item>& items) const {
    if (items.empty()) return -std::numeric_limits<double>::infinity();
    uint64_t n = 0;
    for (size_t r = 0; r < sample_.rows.size(); ++r) {
      bool match = true;
      for (const Item& item : items) match = match && sample_.rows[r][item.column] == item.code;
      if (match) n += sample_.weights[r];
    }
    if (n < 2) return -std::numeric_limits<double>::infinity();
    if (coder_) return coder_->saving(items, n, sample_.total);
    double sum = 0;
    for (const Item& item : items) sum = sum + model_.bits(item.column, item.code);
    return model_.saving(sum, n);
  }

  const Sample& sample() const { return sample_; }

 private:
  const CostModel& model_;
  Sample sample_;
  std::optional<EntropyCoder> coder_;
};

std::vector<Item> common_items(const std::vector<Item>& a, const std::vector<Item>& b) {
  std::vector<Item> out;  // both are in column order, so is the result
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].column < b[j].column) ++i;
    else if (b[j].column < a[i].column) ++j;
    else {
      if (a[i].code == b[j].code) out.push_back(a[i]);
      ++i, ++j;
    }
  }
  return out;
}

bool same(const std::vector<Item>& a, const std::vector<Item>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const Item& x, const Item& y) {
           return x.column == y.column && x.code == y.code;
         });
}

}  // namespace

std::vector<CodedPattern> bottom_up_patterns(const WorkTable& table, const CostModel& model) {
  Merger merger(table, model, draw_sample(table));
  // The pool: sampled rows as patterns, equal ones once.
  std::vector<std::vector<Item>> pool;
  for (const auto& row : merger.sample().rows) {
    std::vector<Item> items;
    for (size_t c = 0; c < row.size(); ++c)
      if (row[c] != 0) items.push_back(Item{static_cast<uint32_t>(c), row[c]});
    bool seen = false;
    for (const auto& p : pool) seen = seen || same(p, items);
    if (!seen && !items.empty()) pool.push_back(std::move(items));
  }
  std::vector<bool> active(pool.size(), true);
  // score[j][i] (i < j): saving of merge(pool[i], pool[j]) on the sample.
  std::vector<std::vector<double>> score(pool.size());
  for (size_t j = 0; j < pool.size(); ++j)
    for (size_t i = 0; i < j; ++i) score[j].push_back(merger.saving(common_items(pool[i], pool[j])));

  std::vector<CodedPattern> candidates;
  for (;;) {
    size_t bi = 0, bj = 0;
    double best = 0;
    bool found = false;
    // Order of i, then j: scan i outer.
    for (size_t i = 0; i < pool.size(); ++i) {
      if (!active[i]) continue;
      for (size_t j = i + 1; j < pool.size(); ++j) {
        if (!active[j]) continue;
        if (score[j][i] > best) best = score[j][i], bi = i, bj = j, found = true;
      }
    }
    if (!found) break;
    std::vector<Item> merged = common_items(pool[bi], pool[bj]);
    CodedPattern p;
    for (const Item& item : merged) p.items.push_back(item), p.sum_bits = p.sum_bits + model.bits(item.column, item.code);
    bool known = false;
    for (const CodedPattern& c : candidates) known = known || same(c.items, merged);
    if (!known) candidates.push_back(p);
    active[bi] = active[bj] = false;
    bool present = false;
    for (size_t k = 0; k < pool.size(); ++k) present = present || (active[k] && same(pool[k], merged));
    if (present) continue;
    pool.push_back(merged);
    active.push_back(true);
    score.emplace_back();
    const size_t j = pool.size() - 1;
    for (size_t i = 0; i < j; ++i) {
      score[j].push_back(active[i] ? merger.saving(common_items(pool[i], pool[j])) : 0.0);
    }
  }
  return candidates;
}

}  // namespace tsum
