#include "engine/entropy_coder.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
  least_bits_.assign(counts.size(), std::numeric_limits<double>::infinity());
  for (size_t c = 0; c < counts.size(); ++c) {
    for (uint64_t n : counts[c]) total_[c] += n;
    for (uint32_t v = 1; v < counts[c].size(); ++v) {
      if (counts[c][v] > 0) least_bits_[c] = std::min(least_bits_[c], model.bits(c, v));
    }
  }
}

double EntropyCoder::gain(const Item& item, uint64_t n) const {
  const uint64_t total = total_[item.column];
  const uint64_t u = uncovered_[item.column][item.code];
  n = std::min(n, u);  // a pattern never covers more cells than are left (defensive)
  return (model_.g(total) - model_.g(total - n)) - (model_.g(u) - model_.g(u - n));
}

double EntropyCoder::saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue) const {
  return saving(items, extra, n, residue, model_.entropy_description(items.size() + (extra ? 1 : 0), residue));
}

// The pattern's cells term and its values' bits, summed in the items' order (then extra).
EntropyCoder::Terms EntropyCoder::terms(std::span<const Item> items, const Item* extra, uint64_t n) const {
  Terms t;
  for (const Item& item : items) {
    t.cells += gain(item, n);
    t.values += model_.bits(item.column, item.code);
  }
  if (extra) {
    t.cells += gain(*extra, n);
    t.values += model_.bits(extra->column, extra->code);
  }
  return t;
}

double EntropyCoder::saving(std::span<const Item> items, const Item* extra, uint64_t n, uint64_t residue,
                            double description) const {
  const Terms t = terms(items, extra, n);
  return t.cells - naming_bits(model_, n, residue) - (description + t.values);
}

EntropyCoder::TwoSavings EntropyCoder::savings(std::span<const Item> items, const Item* extra, uint64_t n,
                                               uint64_t residue, double description, uint64_t residue_on,
                                               double description_on) const {
  const Terms t = terms(items, extra, n);
  return {t.cells - naming_bits(model_, n, residue) - (description + t.values),
          t.cells - naming_bits(model_, n, residue_on) - (description_on + t.values)};
}

// For n <= u(item) and n <= residue, with u2 >= n cells of v2 left among U2 >= residue
// (every cell of R's rows is left):
//   gain(item, n) rises with n (g convex, U >= u);
//   gain((c2, v2), n) - naming(n, residue) = A(n) + H(n), where
//     A(n) = g(U2) - g(U2 - n) - g(residue) + g(residue - n) rises with n as U2 >= residue,
//     H(n) = g(n) - [g(u2) - g(u2 - n)] <= 0 (naming = g(residue) - g(n) - g(residue - n));
//   bits(c2, v2) >= the column's least bits.
// So the saving is at most the gains at the largest n, H taken as 0. The slack covers
// rounding: every term is a difference of g's of at most g(|T|), each rounded to about
// 1e-16 of it.
double EntropyCoder::pair_bound(const Item& item, size_t c2, uint64_t n_max, uint64_t residue,
                                double description) const {
  const uint64_t n = std::min({n_max, uncovered_[item.column][item.code], residue});
  if (n < 2) return -std::numeric_limits<double>::infinity();
  const uint64_t total2 = total_[c2];
  const double first = gain(item, n);
  const double second = (model_.g(total2) - model_.g(total2 - n)) - model_.g(residue) + model_.g(residue - n);
  const double slack = 1e-9 * (1.0 + model_.g(total_[item.column]) + model_.g(total2) + model_.g(residue));
  return first + second - (description + model_.bits(item.column, item.code) + least_bits_[c2]) + slack;
}

// The same terms at n itself. H: g(u) - g(u - n) rises with u, and u2 >= max(n, L) for
// L = least_left <= least_left(c2), so H(n) <= g(n) - [g(L) - g(L - n)] while n < L
// (and H <= 0 from L on).
double EntropyCoder::pair_second(size_t c2, uint64_t n, uint64_t residue, uint64_t least_left) const {
  const uint64_t total2 = total_[c2];
  const double second = (model_.g(total2) - model_.g(total2 - n)) - model_.g(residue) + model_.g(residue - n);
  const double few = least_left > n ? model_.g(n) - (model_.g(least_left) - model_.g(least_left - n)) : 0.0;
  return second + few - least_bits_[c2];
}

uint64_t EntropyCoder::least_left(size_t c) const {
  uint64_t least = 0;
  const std::vector<uint64_t>& left = uncovered_[c];
  for (size_t v = 1; v < left.size(); ++v)
    if (left[v] >= 2 && (least == 0 || left[v] < least)) least = left[v];
  return least;
}

void EntropyCoder::cover(std::span<const Item> items, uint64_t n) {
  for (const Item& item : items) {
    uncovered_[item.column][item.code] -= n;
    total_[item.column] -= n;
  }
}

}  // namespace tsum
