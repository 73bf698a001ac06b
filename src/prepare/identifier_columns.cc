#include "prepare/identifier_columns.h"

#include <fmt/format.h>

#include <cmath>

#include "prepare/number_text.h"
#include "prepare/prepare_defaults.h"

namespace tsum {
namespace {

std::string thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::optional<std::string> identifier_reason(const Column& column, ColumnKind kind) {
  using namespace prepare_defaults;
  const uint64_t non_null = column.non_null_count();
  const uint64_t distinct = column.cardinality();
  if (non_null < kIdentifierMinRows) return std::nullopt;
  if (kind == ColumnKind::kString || kind == ColumnKind::kBoolean) {
    if (static_cast<double>(distinct) < kIdentifierDistinctShare * static_cast<double>(non_null)) return std::nullopt;
    double share = 100.0 * static_cast<double>(distinct) / static_cast<double>(non_null);
    return fmt::format("identifier-like: {} distinct values in {} non-NULL rows ({:.1f} %)", thousands(distinct),
                       thousands(non_null), std::floor(share * 10) / 10);
  }
  if (kind == ColumnKind::kInteger && distinct == non_null) {
    double lo = INFINITY, hi = -INFINITY;
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      auto n = parse_number_text(column.value(code));
      if (!n) return std::nullopt;  // a missing marker: not a plain key column
      lo = std::min(lo, n->value);
      hi = std::max(hi, n->value);
    }
    if (hi - lo + 1 > 2.0 * static_cast<double>(distinct)) return std::nullopt;
    return fmt::format("identifier-like: {} distinct integers from {} to {}, one per row (a key or row number)",
                       thousands(distinct), fmt::format("{:.0f}", lo), fmt::format("{:.0f}", hi));
  }
  return std::nullopt;
}

}  // namespace tsum
