#include "prepare/column_bins.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cmath>
#include <memory>
#include <span>

#include "prepare/calendar_bins.h"
#include "prepare/code_blocks.h"
#include "prepare/number_text.h"
#include "prepare/numeric_bins.h"
#include "prepare/parsed_values.h"
#include "prepare/prepare_defaults.h"
#include "prepare/radix_sort.h"
#include "prepare/relabel_column.h"

namespace tsum {

using namespace prepare_defaults;

namespace {

// The first codes of the lowest and of the highest value seen (0: none yet): what the end
// bins' labels reach to. Codes taken in order, each block's answers then taken in block
// order, give the first codes over the column, as a serial loop would.
struct FirstExtremes {
  uint32_t low = 0, high = 0;
  template <class Key>
  void take(uint32_t low_code, uint32_t high_code, const Key& key) {
    if (low_code != 0 && (low == 0 || key(low_code) < key(low))) low = low_code;
    if (high_code != 0 && (high == 0 || key(high_code) > key(high))) high = high_code;
  }
};

// Sets bin_of[code] = bin(code) for every code with a value (has_value(code)), others to
// kKeepValue, block by block; returns the first codes of the lowest and highest values
// by key(code).
template <class HasValue, class Key, class Bin>
FirstExtremes bin_in_blocks(uint32_t cardinality, const HasValue& has_value, const Key& key, const Bin& bin,
                            std::vector<int32_t>& bin_of) {
  bin_of.assign(cardinality + 1, kKeepValue);
  std::vector<FirstExtremes> block_extremes(code_blocks(cardinality));
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    FirstExtremes extremes;  // kept here: neighbouring blocks' slots share a line
    for (uint32_t code = first; code <= last; ++code) {
      if (!has_value(code)) continue;
      extremes.take(code, code, key);
      bin_of[code] = bin(code);
    }
    block_extremes[b] = extremes;
  });
  FirstExtremes extremes;
  for (const FirstExtremes& e : block_extremes) extremes.take(e.low, e.high, key);
  return extremes;
}

}  // namespace

std::optional<BinPlan> plan_numeric_bins(const Column& column, bool integer, BinSetting setting,
                                         const ParsedValues* parsed) {
  if (setting.mode == BinSetting::Mode::kNone) return std::nullopt;
  const std::vector<uint64_t>& counts = column.code_counts();
  const uint32_t cardinality = column.cardinality();
  // Values are typing's, or parsed here block by block on the caller's arena (a
  // measurement column may hold a distinct value per row); a block notes whether it met a
  // non-integer.
  std::vector<double> own;
  const bool known = parsed && parsed->numbers;
  if (!known) own.assign(cardinality + 1, NAN);
  const double* value_of = known ? parsed->numbers.get() : own.data();
  std::vector<uint8_t> block_integer(code_blocks(cardinality), 1);
  if (!known) {
    for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
      bool all_integer = true;  // kept here: neighbouring blocks' slots share a line
      for (uint32_t code = first; code <= last; ++code) {
        auto n = parse_number_text(column.value(code));
        if (!n) continue;
        own[code] = n->value;
        all_integer = all_integer && n->integer;
      }
      block_integer[b] = all_integer;
    });
  }
  const bool all_integer = known ? parsed->integers
                                 : std::all_of(block_integer.begin(), block_integer.end(), [](uint8_t i) { return i != 0; });
  // The (value, rows) pairs of the values that are numbers, in code order, block by
  // block: each block counts its numbers, then writes them after the blocks before it.
  std::vector<uint64_t> block_start(code_blocks(cardinality) + 1, 0);
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    uint64_t numbers = 0;
    for (uint32_t code = first; code <= last; ++code) numbers += !std::isnan(value_of[code]);
    block_start[b + 1] = numbers;
  });
  for (size_t b = 1; b < block_start.size(); ++b) block_start[b] += block_start[b - 1];
  const uint64_t numbers = block_start.back();
  const std::unique_ptr<ValueRows[]> value_rows = std::make_unique_for_overwrite<ValueRows[]>(numbers);
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    uint64_t at = block_start[b];
    for (uint32_t code = first; code <= last; ++code) {
      if (!std::isnan(value_of[code])) value_rows[at++] = ValueRows{value_of[code], counts[code]};
    }
  });
  NumericDistribution d = make_distribution(std::span<ValueRows>(value_rows.get(), numbers), integer && all_integer);
  unsigned limit = setting.mode == BinSetting::Mode::kCount ? setting.count : kAutoBinAbove;
  if (d.size() <= limit) return std::nullopt;
  std::vector<NiceNumber> cuts;
  if (setting.mode == BinSetting::Mode::kCount) {
    cuts = best_cuts(d, candidate_cuts(d, setting.count), setting.count);
    if (cuts.empty()) cuts = quantile_cuts(d, setting.count);
  } else {
    cuts = mdl_cuts(d, kMaxNumericBins, kBitsPerBinRow);
  }
  if (cuts.empty()) return std::nullopt;
  BinPlan plan;
  plan.unit = "range";
  plan.labels = range_labels(cuts, d.integer);
  for (const NiceNumber& c : cuts) plan.edges.push_back(c.text);
  // Each value's bin, and the lowest and highest values.
  const FirstExtremes extremes = bin_in_blocks(
      cardinality, [&](uint32_t code) { return !std::isnan(value_of[code]); },
      [&](uint32_t code) { return value_of[code]; },
      [&](uint32_t code) {
        return static_cast<int32_t>(std::upper_bound(cuts.begin(), cuts.end(), value_of[code],
                                                     [](double x, const NiceNumber& c) { return x < c.value; }) -
                                    cuts.begin());
      },
      plan.bin_of);
  if (extremes.low != 0) plan.lowest = column.value(extremes.low), plan.highest = column.value(extremes.high);
  return plan;
}

namespace {

struct Instant {
  int64_t seconds;
  uint64_t rows;
};

// The instant at which `share` of the rows lie below (instants sorted).
int64_t instant_at_share(std::span<const Instant> sorted, uint64_t total, double share) {
  uint64_t target = static_cast<uint64_t>(std::floor(share * static_cast<double>(total)));
  uint64_t seen = 0;
  for (const Instant& i : sorted) {
    seen += i.rows;
    if (seen > target) return i.seconds;
  }
  return sorted.back().seconds;
}

}  // namespace

std::optional<BinPlan> plan_calendar_bins(const Column& column, SlashOrder order, BinSetting setting,
                                          const ParsedValues* parsed) {
  if (setting.mode == BinSetting::Mode::kNone) return std::nullopt;
  const std::vector<uint64_t>& counts = column.code_counts();
  const uint32_t cardinality = column.cardinality();
  // Each value's instant: typing's, or parsed here block by block on the caller's arena (a
  // raw timestamp column has ~10^5 distinct values or more).
  std::unique_ptr<TimeValue[]> own;
  const bool known = parsed && parsed->times;
  if (!known) own.reset(new TimeValue[cardinality + 1]);
  const TimeValue* time_of = known ? parsed->times.get() : own.get();
  // Column alignment: the finest of year, month, day, hour that every value starts; -1
  // when some value lies inside an hour. The minimum over the blocks is the serial loop's.
  // The same pass counts each block's instants and notes its earliest.
  struct Block {
    int alignment = static_cast<int>(CalendarUnit::kYear);
    uint64_t instants = 0;
    int64_t earliest = INT64_MAX;
  };
  std::vector<Block> blocks(code_blocks(cardinality));
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    Block block;  // kept here: neighbouring blocks' slots share a line
    for (uint32_t code = first; code <= last; ++code) {
      if (!known) {
        auto t = parse_time_text(column.value(code), order);
        own[code] = t ? TimeValue{t->seconds, false, t->fraction} : TimeValue{0, true, false};
      }
      const TimeValue& t = time_of[code];
      if (t.none) continue;
      CalendarUnit a = alignment_of(t.seconds);
      int rank = (a == CalendarUnit::kHour && (!is_period_start(CalendarUnit::kHour, t.seconds) || t.fraction))
                     ? -1
                     : static_cast<int>(a);
      block.alignment = std::min(block.alignment, rank);
      ++block.instants;
      block.earliest = std::min(block.earliest, t.seconds);
    }
    blocks[b] = block;
  });
  int alignment = static_cast<int>(CalendarUnit::kYear);
  int64_t earliest = INT64_MAX;
  std::vector<uint64_t> block_start(blocks.size() + 1, 0);
  for (size_t b = 0; b < blocks.size(); ++b) {
    alignment = std::min(alignment, blocks[b].alignment);
    earliest = std::min(earliest, blocks[b].earliest);
    block_start[b + 1] = block_start[b] + blocks[b].instants;
  }
  if (block_start.back() == 0) return std::nullopt;
  // Each block writes its instants, in code order, after the blocks before it (an array
  // not cleared first: every slot is written).
  const std::unique_ptr<Instant[]> instant_storage = std::make_unique_for_overwrite<Instant[]>(block_start.back());
  const std::span<Instant> instants(instant_storage.get(), block_start.back());
  for_each_code_block(cardinality, [&](uint32_t b, uint32_t first, uint32_t last) {
    uint64_t at = block_start[b];
    for (uint32_t code = first; code <= last; ++code) {
      if (!time_of[code].none) instants[at++] = Instant{time_of[code].seconds, counts[code]};
    }
  });
  // Ordered by seconds (radix, on the offset from the earliest). Equal instants keep code
  // order; what follows reads only seconds and running sums of rows, the same in any
  // order of equal instants.
  radix_sort_by_key(instants, [earliest](const Instant& i) {
    return static_cast<uint64_t>(i.seconds) - static_cast<uint64_t>(earliest);
  });
  size_t distinct = 1;
  uint64_t total = instants[0].rows;
  for (size_t i = 1; i < instants.size(); ++i) {
    distinct += instants[i].seconds != instants[i - 1].seconds;
    total += instants[i].rows;
  }

  unsigned limit = setting.mode == BinSetting::Mode::kCount ? setting.count : kAutoBinAbove;
  CalendarUnit unit = CalendarUnit::kYears100;
  int64_t body_first = 0, body_last = 0;  // periods shown one by one; others go to the end bins
  if (distinct <= limit) {
    // Few values: relabel losslessly when each is a whole day, month or year
    // ("1970-01-01" -> "1970"); leave times of day as they are.
    if (alignment < static_cast<int>(CalendarUnit::kDay)) return std::nullopt;
    unit = static_cast<CalendarUnit>(alignment);
    body_first = period_of(unit, instants.front().seconds);
    body_last = period_of(unit, instants.back().seconds);
  } else {
    // The finest unit (not finer than the values) whose periods over the trimmed span,
    // plus an end bin at either side when values lie outside it, number at most `cap`;
    // when none does, the one with the fewest bins that still makes two.
    unsigned cap = setting.mode == BinSetting::Mode::kCount ? setting.count : kMaxCalendarBins;
    int64_t lo = instant_at_share(instants, total, kCalendarSpanTrim);
    int64_t hi = instant_at_share(instants, total, 1.0 - kCalendarSpanTrim);
    bool found = false;
    int64_t fallback_bins = INT64_MAX;
    for (CalendarUnit u : kCalendarUnits) {
      if (static_cast<int>(u) < alignment) continue;
      int64_t first = period_of(u, lo), last = period_of(u, hi);
      int64_t bins = last - first + 1 + (period_of(u, instants.front().seconds) < first) +
                     (period_of(u, instants.back().seconds) > last);
      if (bins < 2) break;  // coarser units only merge more
      if (bins <= static_cast<int64_t>(cap)) {
        unit = u, body_first = first, body_last = last, found = true;
        break;
      }
      if (bins < fallback_bins) fallback_bins = bins, unit = u, body_first = first, body_last = last;
    }
    if (!found && fallback_bins == INT64_MAX) return std::nullopt;  // all in one period
  }

  // Bins: the periods before body_first (one open-ended bin), each body period that holds
  // a value, the periods after body_last (one open-ended bin).
  std::vector<int64_t> body;
  bool head = false, tail = false;
  int64_t head_min = 0, head_max = 0, tail_min = 0, tail_max = 0;
  // The instants are sorted: a period is computed only where the previous one ends.
  int64_t period = 0, next_start = 0;
  bool have_period = false;
  for (const Instant& i : instants) {
    if (!have_period || i.seconds >= next_start) {
      period = period_of(unit, i.seconds);
      next_start = period_start(unit, period + 1);
      have_period = true;
    }
    if (period < body_first) {
      if (!head) head_min = i.seconds;
      head = true, head_max = i.seconds;
    } else if (period > body_last) {
      if (!tail) tail_min = i.seconds;
      tail = true, tail_max = i.seconds;
    } else if (body.empty() || body.back() != period) {
      body.push_back(period);
    }
  }
  size_t bins = body.size() + head + tail;
  if (bins < 2 && distinct > limit) return std::nullopt;  // one bin would say nothing

  // End bins are labelled by the periods their values span (years for multi-year units).
  CalendarUnit label_unit = static_cast<int>(unit) > static_cast<int>(CalendarUnit::kYear) ? CalendarUnit::kYear : unit;
  auto range_label = [&](int64_t from, int64_t to) {
    int64_t la = period_of(label_unit, from), lb = period_of(label_unit, to);
    return la == lb ? period_label(label_unit, la) : period_range_label(label_unit, la, lb);
  };
  BinPlan plan;
  plan.unit = calendar_unit_name(unit);
  plan.numeric_edges = false;
  if (head) plan.labels.push_back(range_label(head_min, head_max));
  for (int64_t p : body) {
    if (!plan.labels.empty()) plan.edges.push_back(instant_text(period_start(unit, p)));
    plan.labels.push_back(period_label(unit, p));
  }
  if (tail) {
    if (!plan.labels.empty()) plan.edges.push_back(instant_text(period_start(unit, body_last + 1)));
    plan.labels.push_back(range_label(tail_min, tail_max));
  }
  // A value's bin is found by its seconds among the body periods' starts (periods are
  // ordered like their starts, and every body period holds a value), without computing
  // its period; with it, the lowest and highest values.
  std::vector<int64_t> starts;
  for (int64_t period : body) starts.push_back(period_start(unit, period));
  const int64_t body_begin = period_start(unit, body_first), tail_begin = period_start(unit, body_last + 1);
  const int32_t tail_bin = static_cast<int32_t>(plan.labels.size() - 1);
  const FirstExtremes extremes = bin_in_blocks(
      cardinality, [&](uint32_t code) { return !time_of[code].none; }, [&](uint32_t code) { return time_of[code].seconds; },
      [&](uint32_t code) -> int32_t {
        const int64_t s = time_of[code].seconds;
        if (s < body_begin) return 0;
        if (s >= tail_begin) return tail_bin;
        return static_cast<int32_t>(std::upper_bound(starts.begin(), starts.end(), s) - starts.begin()) - 1 + head;
      },
      plan.bin_of);
  if (extremes.low != 0) plan.lowest = column.value(extremes.low), plan.highest = column.value(extremes.high);
  return plan;
}

ColumnBins describe_bins(const BinPlan& plan, const std::string& name, ColumnKind kind) {
  ColumnBins bins;
  bins.column = name;
  bins.type = column_kind_name(kind);
  bins.unit = plan.unit;
  bins.numeric_edges = plan.numeric_edges;
  bins.edges = plan.edges;
  bins.lowest = plan.lowest;
  bins.highest = plan.highest;
  bins.labels = plan.labels;
  return bins;
}

}  // namespace tsum
