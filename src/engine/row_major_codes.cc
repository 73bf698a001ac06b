#include "engine/row_major_codes.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "engine/engine_settings.h"
#include "engine/work_table.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint32_t kMostCodes = 255;       // codes 0 (NULL) ... 255 fit a byte
constexpr uint64_t kTile = 64;             // rows copied at a time
constexpr size_t kPrefetchAhead = 8;       // rows asked for before they are counted

// TSUM_ROW_MAJOR (for the tests): "0" none, "1" one for every table with a column of at
// most 255 codes, "all" that and every selection counted in it; unset, the default.
enum class Mode { kAuto, kNever, kAlways, kEverySelection };

Mode mode() {
  const std::optional<std::string_view> value = row_major_setting();
  if (!value) return Mode::kAuto;
  if (*value == "0") return Mode::kNever;
  return *value == "1" ? Mode::kAlways : Mode::kEverySelection;
}

}  // namespace

std::unique_ptr<RowMajorCodes> RowMajorCodes::plan(const std::vector<WorkColumn>& columns, uint64_t rows) {
  const Mode m = mode();
  if (m == Mode::kNever || rows == 0 || rows > UINT32_MAX) return nullptr;
  std::vector<uint32_t> place(columns.size(), kNotHeld);
  std::vector<size_t> held;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].cardinality() > kMostCodes) continue;
    place[c] = static_cast<uint32_t>(held.size());
    held.push_back(c);
  }
  if (held.empty()) return nullptr;
  const uint64_t bytes = rows * held.size();
  if (m == Mode::kAuto && (held.size() < kMinColumns || bytes < kMinBytes || bytes > kMaxBytes)) return nullptr;
  return std::unique_ptr<RowMajorCodes>(
      new RowMajorCodes(std::move(place), std::move(held), rows, m == Mode::kEverySelection));
}

RowMajorCodes::RowMajorCodes(std::vector<uint32_t> place, std::vector<size_t> held, uint64_t rows,
                             bool every_selection)
    : place_(std::move(place)),
      held_(std::move(held)),
      width_(static_cast<uint32_t>(held_.size())),
      rows_(rows),
      every_selection_(every_selection) {}

void RowMajorCodes::build(const std::vector<WorkColumn>& columns) const {
  std::call_once(built_, [&] {
    const uint64_t width = width_;
    codes_ = std::make_unique_for_overwrite<uint8_t[]>(rows_ * width);
    uint8_t* codes = codes_.get();
    // kTile rows at a time, column after column: a column's codes for them are a line
    // read, and the rows being written (kTile × W bytes) stay in cache until they are
    // whole. (With all rows per column, every byte written went to another line.)
    const uint64_t tiles = (rows_ + kTile - 1) / kTile;
    tsum::parallel_for(uint64_t{0}, tiles, [&](uint64_t t) {
      const uint64_t begin = t * kTile, end = std::min(rows_, begin + kTile);
      for (uint64_t j = 0; j < width; ++j) {
        columns[held_[j]].visit_codes([&](const auto* column_codes) {
          for (uint64_t r = begin; r < end; ++r) codes[r * width + j] = static_cast<uint8_t>(column_codes[r]);
        });
      }
    });
  });
}

template <int kSign>
void RowMajorCodes::count(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
                          bool parallel) const {
  auto count_range = [&](size_t first, size_t last) {
    if (first == last) return;
    // The bytes of a row this range reads (targets come in column order, so in place order).
    const uint64_t low = std::min(targets[first].place, targets[last - 1].place);
    const uint64_t high = std::max(targets[first].place, targets[last - 1].place);
    for (size_t i = 0; i < rows.size(); ++i) {
      // The rows are far apart: ask for a later row's lines before counting this one.
      if (i + kPrefetchAhead < rows.size()) {
        const uint8_t* ahead = codes_.get() + uint64_t{rows[i + kPrefetchAhead]} * width_;
        for (uint64_t b = low; b <= high; b += 64) __builtin_prefetch(ahead + b);
        __builtin_prefetch(ahead + high);
      }
      const RowId r = rows[i];
      const uint8_t* row = codes_.get() + uint64_t{r} * width_;
      const uint64_t w = weights ? weights[r] : 1;
      for (size_t k = first; k < last; ++k) {
        const Target& t = targets[k];
        if constexpr (kSign > 0) {
          t.hist[row[t.place]] += w;
        } else {
          t.hist[row[t.place]] -= w;
        }
      }
    }
  };
  const size_t threads = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  if (!parallel || threads == 1 || targets.size() < 2) {
    count_range(0, targets.size());
    return;
  }
  // Two ranges a thread, so that a late thread delays the step little.
  const size_t ranges = std::min(targets.size(), 2 * threads);
  tsum::parallel_for(size_t{0}, ranges, [&](size_t k) {
    count_range(k * targets.size() / ranges, (k + 1) * targets.size() / ranges);
  });
}

void RowMajorCodes::add(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
                        bool parallel) const {
  count<1>(rows, targets, weights, parallel);
}

void RowMajorCodes::subtract(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
                             bool parallel) const {
  count<-1>(rows, targets, weights, parallel);
}

}  // namespace tsum
