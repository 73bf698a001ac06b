#include "engine/entropy_coder.h"

#include <algorithm>
#include <cmath>

namespace tsum {
namespace {

// |R| H(N / |R|) = g(r) - g(n) - g(r - n): naming the n covered rows among r.
double naming_bits(const CostModel& model, uint64_t n, uint64_t r) {
  if (n == 0 || n >= r) return 0;
  return model.g(r) - model.g(n) - model.g(r - n);
}

}  // namespace

EntropyCoder::EntropyCoder(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts)
    : model_(model), uncovered_(counts), total_(counts.size(), 0) {
  for (size_t c = 0; c < counts.size(); ++c)
    for (uint64_t n : counts[c]) total_[c] += n;
}

double EntropyCoder::gain(const Item& item, uint64_t n) const {
  const uint64_t total = total_[item.column];
  const uint64_t u = uncovered_[item.column][item.code];
  n = std::min(n, u);  // a pattern never covers more cells than are left (defensive)
  return (model_.g(total) - model_.g(total - n)) - (model_.g(u) - model_.g(u - n));
}

double EntropyCoder::saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue) const {
  double cells = 0, values = 0;
  for (const Item& item : items) {
    cells += gain(item, n);
    values += model_.bits(item.column, item.code);
  }
  if (extra) {
    cells += gain(*extra, n);
    values += model_.bits(extra->column, extra->code);
  }
  const size_t size = items.size() + (extra ? 1 : 0);
  return cells - naming_bits(model_, n, residue) - (model_.entropy_description(size, residue) + values);
}

void EntropyCoder::cover(std::span<const Item> items, uint64_t n) {
  for (const Item& item : items) {
    uncovered_[item.column][item.code] -= n;
    total_[item.column] -= n;
  }
}

}  // namespace tsum
