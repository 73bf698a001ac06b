#include "prepare/column_numbers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "prepare/calendar_bins.h"
#include "prepare/number_text.h"

namespace tsum {
namespace {

constexpr size_t kHistogramBins = 20;

struct Weighted {
  double value;
  uint64_t count;
};

// The value at nearest rank ceil(p * n) of the sorted, weighted values.
double quantile(const std::vector<Weighted>& sorted, uint64_t n, double p) {
  const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(p * static_cast<double>(n))));
  uint64_t seen = 0;
  for (const Weighted& w : sorted) {
    seen += w.count;
    if (seen >= rank) return w.value;
  }
  return sorted.back().value;
}

}  // namespace

std::optional<ColumnNumbers> column_numbers(const Column& column, ColumnKind kind, SlashOrder order) {
  const bool temporal = is_temporal_kind(kind);
  if (!temporal && !is_numeric_kind(kind)) return std::nullopt;
  std::vector<Weighted> values;
  for (uint32_t code = 1; code <= column.cardinality(); ++code) {
    const uint64_t count = column.code_counts()[code];
    if (count == 0) continue;
    if (temporal) {
      if (auto t = parse_time_text(column.value(code), order)) values.push_back({static_cast<double>(t->seconds), count});
    } else if (auto n = parse_number_text(column.value(code))) {
      values.push_back({n->value, count});
    }
  }
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end(), [](const Weighted& a, const Weighted& b) { return a.value < b.value; });
  ColumnNumbers out;
  out.column = column.name();
  out.type = column_kind_name(kind);
  long double sum = 0;
  for (const Weighted& w : values) {
    out.values += w.count;
    sum += static_cast<long double>(w.value) * static_cast<long double>(w.count);
  }
  const double lo = values.front().value, hi = values.back().value;
  const double mean = static_cast<double>(sum / static_cast<long double>(out.values));
  auto text = [&](double v, bool rounded) {
    if (kind == ColumnKind::kDate) return instant_text(86400 * static_cast<int64_t>(std::llround(v / 86400)));  // a mean date is a date
    if (temporal) return instant_text(static_cast<int64_t>(std::llround(v)));
    return rounded ? fmt::format("{:.6g}", v) : fmt::format("{}", v);
  };
  out.min = text(lo, false);
  out.max = text(hi, false);
  out.mean = text(mean, true);
  out.q25 = text(quantile(values, out.values, 0.25), false);
  out.median = text(quantile(values, out.values, 0.5), false);
  out.q75 = text(quantile(values, out.values, 0.75), false);
  const size_t bins = hi > lo ? kHistogramBins : 1;
  out.histogram.assign(bins, 0);
  for (const Weighted& w : values) {
    const size_t b = hi > lo ? std::min(bins - 1, static_cast<size_t>((w.value - lo) / (hi - lo) * static_cast<double>(bins))) : 0;
    out.histogram[b] += w.count;
  }
  return out;
}

}  // namespace tsum
