#include "diff/contrast_search.h"

#include <algorithm>
#include <tuple>

#include "diff/g_test.h"
#include "engine/kernels.h"
#include "engine/work_table.h"

namespace tsum {
namespace {

struct Item {
  double g = 0;
  uint32_t column = 0;
  uint32_t code = 0;
};

// Greater G first; ties by column, then code (first-appearance order).
bool better(const Item& x, const Item& y) {
  if (x.g != y.g) return x.g > y.g;
  return std::tie(x.column, x.code) < std::tie(y.column, y.code);
}

// The rows of one side matching the current pattern.
struct SideRows {
  const WorkTable* table;
  bool all = true;
  std::vector<RowId> ids;

  std::vector<uint64_t> histogram(size_t column) const {
    const WorkColumn& c = table->column(column);
    if (all) return c.code_counts();
    std::vector<uint64_t> hist(uint64_t{c.cardinality()} + 1, 0);
    count_codes(*table, column, ids, hist.data());
    return hist;
  }
  void narrow(uint32_t column, uint32_t code) {
    RowSet rows{all, table->rows(), ids};
    ids = filter_equal(table->column(column), rows, code);
    all = false;
  }
};

// The extension of the pattern on `old_rows`/`new_rows` with the greatest G, over the
// columns not in `used`.
Item best_extension(const SideRows& old_rows, const SideRows& new_rows, const std::vector<bool>& used, uint64_t n_old,
                    uint64_t n_new) {
  Item best{-1, 0, 0};
  for (uint32_t c = 0; c < used.size(); ++c) {
    if (used[c]) continue;
    std::vector<uint64_t> h_old = old_rows.histogram(c), h_new = new_rows.histogram(c);
    for (uint32_t code = 1; code < h_old.size(); ++code) {
      if (h_old[code] + h_new[code] == 0) continue;
      Item item{g_statistic(h_old[code], n_old, h_new[code], n_new), c, code};
      if (better(item, best)) best = item;
    }
  }
  return best;
}

}  // namespace

std::vector<CodePattern> contrast_search(const WorkTable& old_work, const WorkTable& new_work, size_t seeds) {
  std::vector<CodePattern> found;
  const uint64_t n_old = old_work.table_rows(), n_new = new_work.table_rows();
  if (n_old == 0 || n_new == 0 || seeds == 0) return found;
  const size_t d = old_work.num_columns();

  std::vector<Item> items;
  for (uint32_t c = 0; c < d; ++c) {
    const auto& h_old = old_work.column(c).code_counts();
    const auto& h_new = new_work.column(c).code_counts();
    for (uint32_t code = 1; code < h_old.size(); ++code) {
      if (h_old[code] + h_new[code] > 0) items.push_back({g_statistic(h_old[code], n_old, h_new[code], n_new), c, code});
    }
  }
  std::sort(items.begin(), items.end(), better);
  if (items.size() > seeds) items.resize(seeds);

  for (const Item& seed : items) {
    CodePattern pattern{{{seed.column, seed.code}}};
    found.push_back(pattern);
    std::vector<bool> used(d, false);
    used[seed.column] = true;
    SideRows old_rows{&old_work, true, {}}, new_rows{&new_work, true, {}};
    old_rows.narrow(seed.column, seed.code);
    new_rows.narrow(seed.column, seed.code);
    double g = seed.g;
    while (pattern.items.size() < d) {
      Item next = best_extension(old_rows, new_rows, used, n_old, n_new);
      if (!(next.g > g)) break;
      g = next.g;
      used[next.column] = true;
      pattern.items.emplace_back(next.column, next.code);
      std::sort(pattern.items.begin(), pattern.items.end());
      found.push_back(pattern);
      old_rows.narrow(next.column, next.code);
      new_rows.narrow(next.column, next.code);
    }
  }
  return found;
}

}  // namespace tsum
