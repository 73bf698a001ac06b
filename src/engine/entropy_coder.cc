#include "engine/entropy_coder.h"

#include <algorithm>
#include <cmath>

namespace tsum {
namespace {

// |R| H(N / |R|) = g(r) - g(n) - g(r - n): naming the n covered rows among r.
double naming_bits(uint64_t n, uint64_t r) {
  if (n == 0 || n >= r) return 0;
  return xlog2x(r) - xlog2x(n) - xlog2x(r - n);
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
  return (xlog2x(total) - xlog2x(total - n)) - (xlog2x(u) - xlog2x(u - n));
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
  return cells - naming_bits(n, residue) - (model_.entropy_description(size, residue) + values);
}

void EntropyCoder::cover(std::span<const Item> items, uint64_t n) {
  for (const Item& item : items) {
    uncovered_[item.column][item.code] -= n;
    total_[item.column] -= n;
  }
}

}  // namespace tsum
