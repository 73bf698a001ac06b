#include "engine/bottom_up_search.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>
#include <optional>
#include <random>

#include "engine/entropy_coder.h"
#include "engine/kernels.h"
#include "prepare/radix_sort.h"

namespace tsum {
namespace {

// The rows of `order` between two boundaries are equal in the columns sorted so far.
struct Ranges {
  std::vector<RowId> order;
  std::vector<uint64_t> bounds;  // range k is order[bounds[k], bounds[k + 1])
};

// Sorts each range of `ranges` with more than one row by the codes of columns [first,
// last), packed into one 64-bit key (the first column in the top bits), and splits it
// where the key changes. Ranges stay in order, so the order stays canonical.
void refine_ranges(const WorkTable& table, size_t first, size_t last, Ranges& ranges) {
  std::vector<unsigned> shift(last - first);
  unsigned bits = 0;
  for (size_t c = last; c-- > first;) {
    shift[c - first] = bits;
    bits += static_cast<unsigned>(std::bit_width(table.column(c).cardinality()));
  }
  std::vector<uint64_t> bounds{0};
  std::vector<std::pair<uint64_t, RowId>> keyed;
  for (size_t k = 0; k + 1 < ranges.bounds.size(); ++k) {
    const uint64_t begin = ranges.bounds[k], end = ranges.bounds[k + 1];
    if (end - begin > 1) {
      keyed.assign(end - begin, {0, 0});
      for (uint64_t i = begin; i < end; ++i) keyed[i - begin].second = ranges.order[i];
      for (size_t c = first; c < last; ++c) {
        table.column(c).visit_codes([&](const auto* codes) {
          for (auto& [key, row] : keyed) key |= uint64_t{codes[row]} << shift[c - first];
        });
      }
      auto key = [](const std::pair<uint64_t, RowId>& x) { return x.first; };
      if (keyed.size() < 256) {
        std::sort(keyed.begin(), keyed.end());
      } else {
        radix_sort_by_key(std::span(keyed), key);
      }
      for (uint64_t i = begin; i < end; ++i) {
        ranges.order[i] = keyed[i - begin].second;
        if (i > begin && keyed[i - begin].first != keyed[i - begin - 1].first) bounds.push_back(i);
      }
    }
    bounds.push_back(end);
  }
  ranges.bounds = std::move(bounds);
}

}  // namespace

namespace bottom_up_detail {

// The table's distinct rows in canonical order (by codes, column by column): the row ids
// sorted a group of columns at a time, as many as fit 64 bits of key, each group only
// within the runs the earlier ones left equal (on a table of few repeats, the first group
// leaves none). Then each run is one distinct row. (The first version held each row's
// codes in a vector of its own and compared them: ~1 s on 10^6 rows, most of it
// allocating, freeing and comparing them.)
Sample draw_sample(const WorkTable& table) {
  const size_t d = table.num_columns();
  if (table.rows() == 0) return {};
  Ranges ranges;
  ranges.order.resize(table.rows());
  std::iota(ranges.order.begin(), ranges.order.end(), RowId{0});
  ranges.bounds = {0, table.rows()};
  for (size_t first = 0; first < d && ranges.bounds.size() <= table.rows();) {
    size_t last = first;
    unsigned bits = 0;
    while (last < d && (last == first || bits + std::bit_width(table.column(last).cardinality()) <= 64))
      bits += static_cast<unsigned>(std::bit_width(table.column(last++).cardinality()));
    refine_ranges(table, first, last, ranges);
    first = last;
  }
  const uint64_t distinct = ranges.bounds.size() - 1;
  std::vector<uint64_t> picked(distinct);
  std::iota(picked.begin(), picked.end(), uint64_t{0});
  if (distinct > kBottomUpSample) {
    std::mt19937_64 rng(kBottomUpSeed);
    for (size_t i = 0; i < kBottomUpSample; ++i) {
      uint64_t j = i + rng() % (picked.size() - i);  // modulo of a 64-bit draw: fixed across platforms
      std::swap(picked[i], picked[j]);
    }
    picked.resize(kBottomUpSample);
    std::sort(picked.begin(), picked.end());
  }
  Sample s;
  for (uint64_t k : picked) {
    const RowId row = ranges.order[ranges.bounds[k]];
    std::vector<uint32_t> codes(d);
    for (size_t c = 0; c < d; ++c) codes[c] = table.column(c).code_at(row);
    uint64_t weight = 0;
    for (uint64_t i = ranges.bounds[k]; i < ranges.bounds[k + 1]; ++i) weight += table.weight(ranges.order[i]);
    s.rows.push_back(std::move(codes));
    s.weights.push_back(weight);
    s.total += weight;
  }
  return s;
}

}  // namespace bottom_up_detail

namespace {

using bottom_up_detail::Sample;
using bottom_up_detail::draw_sample;

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
