#include "engine/refine.h"

#include <algorithm>

#include "engine/entropy_marshal_scorer.h"
#include "engine/kernels.h"
#include "engine/search.h"

namespace tsum {
namespace {

CodedPattern make_pattern(const CostModel& model, const std::vector<Item>& items) {
  CodedPattern p;
  for (const Item& item : items) {
    p.items.push_back(item);
    p.sum_bits = p.sum_bits + model.bits(item.column, item.code);
  }
  return p;
}

// The most frequent value, among the table's rows matching p, of a column p lacks.
bool most_frequent_extension(const WorkTable& table, const CodedPattern& p, std::span<const RowId> rows, Item& out) {
  std::vector<bool> used(table.num_columns(), false);
  for (const Item& item : p.items) used[item.column] = true;
  uint64_t best = 1;  // a value must be held by at least 2 rows
  bool found = false;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    if (used[c]) continue;
    std::vector<uint64_t> hist(table.column(c).cardinality() + size_t{1}, 0);
    count_codes(table, c, rows, hist.data());
    for (uint32_t code = 1; code < hist.size(); ++code) {
      if (hist[code] > best) best = hist[code], out = Item{static_cast<uint32_t>(c), code}, found = true;
    }
  }
  return found;
}

// The values of column c held by at least 2 of `rows`, most frequent first (code order
// on ties), at most kSplitValues of them.
std::vector<uint32_t> frequent_values(const WorkTable& table, size_t c, std::span<const RowId> rows) {
  std::vector<uint64_t> hist(table.column(c).cardinality() + size_t{1}, 0);
  count_codes(table, c, rows, hist.data());
  std::vector<uint32_t> codes;
  for (uint32_t code = 1; code < hist.size(); ++code)
    if (hist[code] >= 2) codes.push_back(code);
  std::stable_sort(codes.begin(), codes.end(), [&](uint32_t a, uint32_t b) { return hist[a] > hist[b]; });
  if (codes.size() > kSplitValues) codes.resize(kSplitValues);
  return codes;
}

}  // namespace

RankedList ranked_list(const WorkTable& table, const CostModel& model, std::vector<CodedPattern> pool,
                       const std::vector<std::vector<uint64_t>>& counts, PatternRowCache* cache,
                       SearchCounters* counters) {
  RankedList out;
  out.pool = std::move(pool);
  if (cache) {
    PatternRows rows_of;
    rows_of.reserve(out.pool.size());
    for (const CodedPattern& p : out.pool) rows_of.push_back(cache->rows_of(p));
    if (model.kind() == CostModelKind::kEntropy) {
      EntropyMarshalScorer scorer(model, counts, out.pool);
      out.ranked = marshal_known(table, model, out.pool, rows_of, &scorer, counters);
    } else {
      out.ranked = marshal_known(table, model, out.pool, rows_of, nullptr, counters);
    }
  } else {
    out.ranked = rank_patterns(table, model, out.pool, counts, {}, counters);
  }
  for (const RankedPattern& r : out.ranked) out.total += r.saving;
  return out;
}

RankedList refine(const WorkTable& table, const CostModel& model, RankedList list,
                  const std::vector<std::vector<uint64_t>>& counts, size_t budget, PatternRowCache* cache,
                  SearchCounters* counters) {
  // The list with ranked patterns `a` (and `b`) replaced by `replacement`.
  auto try_move = [&](size_t a, size_t b, const CodedPattern& replacement) -> bool {
    if (budget == 0) return false;
    --budget;
    std::vector<CodedPattern> pool;
    for (size_t i = 0; i < list.ranked.size(); ++i) {
      if (i != a && i != b) pool.push_back(list.pool[list.ranked[i].index]);
    }
    pool.push_back(replacement);
    RankedList candidate = ranked_list(table, model, std::move(pool), counts, cache, counters);
    if (!(candidate.total > list.total)) return false;
    list = std::move(candidate);
    return true;
  };
  // The table's rows matching a pattern: from the cache, or matched now into `own`.
  std::vector<RowId> own;
  auto rows_of = [&](const CodedPattern& p) -> std::span<const RowId> {
    if (cache) return cache->rows_of(p);
    own = table_rows_matching(table, p.items);
    return own;
  };
  const size_t none = SIZE_MAX;
  bool improved = true;
  while (improved && budget > 0) {
    improved = false;
    const size_t top = std::min(kRefineTop, list.ranked.size());
    for (size_t i = 0; i < top && !improved; ++i) {
      const CodedPattern p = list.pool[list.ranked[i].index];
      for (size_t k = 0; k < p.items.size() && p.items.size() > 1 && !improved; ++k) {
        std::vector<Item> items = p.items;
        items.erase(items.begin() + static_cast<long>(k));
        improved = try_move(i, none, make_pattern(model, items));
      }
      Item extra{};
      if (!improved && p.items.size() < table.num_columns() && most_frequent_extension(table, p, rows_of(p), extra)) {
        std::vector<Item> items = p.items;
        items.push_back(extra);
        improved = try_move(i, none, make_pattern(model, items));
      }
      // Split: keep P and add its specializations P + (c, v) by the frequent values of
      // one column c it lacks; marshalling then covers each group of P's rows with the
      // most specific pattern that pays.
      if (!improved && p.items.size() < table.num_columns()) {
        const std::span<const RowId> rows = rows_of(p);
        std::vector<bool> used(table.num_columns(), false);
        for (const Item& item : p.items) used[item.column] = true;
        for (size_t c = 0; c < table.num_columns() && !improved && budget > 0; ++c) {
          if (used[c]) continue;
          std::vector<uint32_t> values = frequent_values(table, c, rows);
          if (values.size() < 2) continue;  // one value: the add move's
          --budget;
          std::vector<CodedPattern> pool;
          for (const RankedPattern& r : list.ranked) pool.push_back(list.pool[r.index]);
          for (uint32_t v : values) {
            std::vector<Item> items = p.items;
            items.push_back(Item{static_cast<uint32_t>(c), v});
            pool.push_back(make_pattern(model, items));
          }
          RankedList candidate = ranked_list(table, model, std::move(pool), counts, cache, counters);
          if (candidate.total > list.total) list = std::move(candidate), improved = true;
        }
      }
      for (size_t j = i + 1; j < top && !improved; ++j) {
        const CodedPattern& q = list.pool[list.ranked[j].index];
        std::vector<Item> common;
        for (const Item& a : p.items)
          for (const Item& b : q.items)
            if (a.column == b.column && a.code == b.code) common.push_back(a);
        if (common.empty() || common.size() == p.items.size() || common.size() == q.items.size()) continue;
        improved = try_move(i, j, make_pattern(model, common));
      }
    }
  }
  return list;
}

}  // namespace tsum
