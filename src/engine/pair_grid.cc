#include "engine/pair_grid.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "engine/engine_settings.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// Blocks of 16 MiB of counts: each covered column's share of a block (block ×
// (card + 1) counts of 4 bytes) is what one pass writes, and the grid of a 10^5 × 500
// table of 100 labels per column (~20 MB for the first column) takes two blocks. Larger
// blocks measured the same on that table (32 and 64 MiB); smaller ones slower (4 and
// 2 MiB, which under the 8-block rule also cover fewer columns).
constexpr uint64_t kBlockBytes = uint64_t{16} << 20;

// A grid needs this many counts per row of the table it passes over for each block.
constexpr uint64_t kTableReads = 8;

// Below this many row × column reads a block is counted on the calling thread.
constexpr uint64_t kSerialReads = uint64_t{1} << 12;

}  // namespace

PairGrid::Setting PairGrid::setting() {
  if (std::optional<uint64_t> bytes = pair_grid_bytes_setting()) return {*bytes, true};
  return {kBlockBytes, false};
}

std::vector<size_t> PairGrid::covered_columns(const Residue& residue, size_t c1, Setting setting) {
  const WorkTable& table = residue.table();
  const size_t d = table.num_columns();
  auto cardinality = [&](size_t c) { return table.column(c).cardinality(); };
  std::vector<size_t> covered;
  if (setting.block_bytes == 0 || cardinality(c1) == 0 || table.table_rows() > UINT32_MAX) return covered;
  const uint64_t values = uint64_t{cardinality(c1)} + 1;
  const uint64_t most_cells = 2 * setting.block_bytes;  // 8 blocks of block_bytes, 4 bytes a count
  uint64_t value_cells = 0;
  for (size_t c2 = c1 + 1; c2 < d; ++c2) {
    const uint64_t cells = uint64_t{cardinality(c2)} + 1;
    if (values * cells > 4 * residue.rows() + 4096) continue;  // sparse: left to the gather
    if (!setting.forced && (value_cells + cells) * values > most_cells) continue;
    value_cells += cells;
    covered.push_back(c2);
  }
  if (value_cells == 0 || setting.forced) return covered;
  // Worth it only when the counting outweighs the pass over the table that finds each
  // block's rows (a few ns a row): on a narrow table, or once R is a small part of the
  // table, the gather is cheaper (measured: docs/benchmarks.md).
  const uint64_t block = block_values(setting.block_bytes, value_cells, cardinality(c1));
  const uint64_t blocks = (cardinality(c1) + block - 1) / block;
  if (residue.rows() * covered.size() < kTableReads * blocks * table.rows()) covered.clear();
  return covered;
}

uint64_t PairGrid::block_values(uint64_t block_bytes, uint64_t value_cells, uint32_t card) {
  return std::clamp<uint64_t>(block_bytes / (4 * value_cells), 1, card);
}

PairGrid::PairGrid(const Residue& residue, size_t c1, Setting setting)
    : residue_(residue),
      c1_(c1),
      covered_(covered_columns(residue, c1, setting)),
      bitmaps_(residue.value_bitmaps()),
      by_bitmaps_(covered_.size(), 0),
      cells_before_(residue.table().num_columns(), kNotCovered),
      place_(residue.table().num_columns(), 0) {
  for (size_t k = 0; k < covered_.size(); ++k) {
    cells_before_[covered_[k]] = value_cells_;
    place_[covered_[k]] = static_cast<uint32_t>(k);
    value_cells_ += uint64_t{cardinality(covered_[k])} + 1;
  }
  if (value_cells_ == 0) return;
  block_ = block_values(setting.block_bytes, value_cells_, cardinality(c1));
  if (bitmaps_ && bitmaps_->has(c1)) {
    const std::vector<uint64_t>& held = residue.histogram(c1);
    uint64_t values = 0, rows = 0;
    for (uint32_t v = 1; v <= cardinality(c1); ++v)
      if (held[v] >= 2) ++values, rows += held[v];
    for (size_t k = 0; k < covered_.size(); ++k) {
      by_bitmaps_[k] = bitmaps_->has(covered_[k]) &&
                       (bitmaps_->forced() || ValueBitmaps::pays(values, rows, cardinality(covered_[k]), bitmaps_->words()));
    }
  }
  for (size_t k = 0; k < covered_.size(); ++k) {
    const bool joins = !groups_.empty() && !by_bitmaps_[k] && !groups_.back().bitmaps && groups_.back().size < kFused &&
                       code_bytes(covered_[groups_.back().first]) == code_bytes(covered_[k]);
    if (joins) ++groups_.back().size;
    else groups_.push_back({k, 1, by_bitmaps_[k] != 0});
  }
  counts_.resize(block_ * value_cells_);
  most_.resize(block_ * covered_.size());
}

// The block's rows counted into `kColumns` columns' grids in one pass: each row's slot
// is read once for all of them, and their increments are independent of one another.
template <size_t kColumns, class Code>
void PairGrid::count_fused(const Code* const* codes, const uint64_t* widths, const uint64_t* weights,
                           uint32_t* const* counts) const {
  const RowId* rows = rows_.data();
  const uint32_t* slots = slots_.data();
  const size_t n = rows_.size();
  if (weights == nullptr) {
    for (size_t i = 0; i < n; ++i) {
      const RowId r = rows[i];
      const uint64_t slot = slots[i];
      for (size_t j = 0; j < kColumns; ++j) ++counts[j][slot * widths[j] + codes[j][r]];
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    const RowId r = rows[i];
    const uint64_t slot = slots[i];
    const uint32_t w = static_cast<uint32_t>(weights[r]);
    for (size_t j = 0; j < kColumns; ++j) counts[j][slot * widths[j] + codes[j][r]] += w;
  }
}

// Column covered_[k]'s runs for the block's values [first_, end), from the bitmaps (the
// table is unweighted: a value's weight in R is its rows).
void PairGrid::count_by_bitmaps(size_t k, uint32_t end) {
  const size_t c2 = covered_[k];
  const uint64_t width = uint64_t{cardinality(c2)} + 1;
  const uint64_t words = bitmaps_->words();
  const std::vector<uint64_t>& held = residue_.histogram(c1_);
  const bool nulls = residue_.histogram(c2)[0] > 0;
  uint32_t* counts = counts_.data() + block_ * cells_before_[c2];
  for (uint32_t v1 = first_; v1 < end; ++v1) {
    uint32_t* run = counts + uint64_t{v1 - first_} * width;
    if (held[v1] < 2) {
      std::fill(run, run + width, 0u);
      continue;
    }
    // Every code's count but one is a popcount; the one left is the rest of v1's rows:
    // NULL's when c2 has NULLs in R, else the last value's (and NULL's is 0).
    const uint64_t rest = nulls ? 0 : width - 1;
    const uint64_t counted = width - 2 + (nulls ? 1 : 0);
    uint64_t pairs[ValueBitmaps::kMaxCodes];
    ValueBitmaps::and_counts(bitmaps_->bits(c1_, v1), bitmaps_->bits(c2, 1), counted, words, pairs);
    uint64_t named = 0;
    for (uint64_t j = 0; j < counted; ++j) {
      run[j + 1] = static_cast<uint32_t>(pairs[j]);
      named += pairs[j];
    }
    if (!nulls) run[0] = 0;
    run[rest] = static_cast<uint32_t>(held[v1] - named);
  }
}

uint32_t PairGrid::count_block(uint32_t first, uint32_t limit, bool share_out) {
  const WorkTable& table = residue_.table();
  const std::vector<uint64_t>& held = residue_.histogram(c1_);
  first_ = first;
  const uint32_t end = static_cast<uint32_t>(
      std::min<uint64_t>({uint64_t{first} + block_, uint64_t{cardinality(c1_)} + 1, std::max<uint64_t>(limit, first + 1)}));
  rows_.clear();
  slots_.clear();
  const bool any_pass = std::any_of(groups_.begin(), groups_.end(), [](const Group& g) { return !g.bitmaps; });
  if (any_pass) {
    table.column(c1_).visit_codes([&](const auto* codes) {
      for (RowId r = 0; r < table.rows(); ++r) {
        const uint32_t v = codes[r];
        if (v < first || v >= end || !residue_.alive(r) || held[v] < 2) continue;
        rows_.push_back(r);
        slots_.push_back(v - first);
      }
    });
  }
  auto count_group = [&](size_t g) {
    const Group& group = groups_[g];
    if (group.bitmaps) {
      count_by_bitmaps(group.first, end);
    } else {
      count_by_pass(group);
    }
    summarize_runs(group, end);
  };
  // (Without a pass, the table is unweighted: the block's values' counts are its rows.)
  uint64_t rows = rows_.size();
  if (!any_pass)
    for (uint32_t v = first; v < end; ++v) rows += held[v] >= 2 ? held[v] : 0;
  if (!share_out || rows * covered_.size() < kSerialReads) {
    for (size_t g = 0; g < groups_.size(); ++g) count_group(g);
  } else {
    tsum::parallel_for(size_t{0}, groups_.size(), count_group);
  }
  return end;
}

// The group's columns counted in one pass over the block's rows (rows_, slots_).
void PairGrid::count_by_pass(const Group& group) {
  const WorkTable& table = residue_.table();
  uint32_t* counts[kFused];
  uint64_t widths[kFused];
  for (size_t j = 0; j < group.size; ++j) {
    const size_t c2 = covered_[group.first + j];
    widths[j] = uint64_t{cardinality(c2)} + 1;
    counts[j] = counts_.data() + block_ * cells_before_[c2];
    std::memset(counts[j], 0, block_ * widths[j] * sizeof(uint32_t));
  }
  table.column(covered_[group.first]).visit_codes([&](const auto* first_codes) {
    using Code = std::remove_const_t<std::remove_pointer_t<decltype(first_codes)>>;
    const Code* codes[kFused];
    for (size_t j = 0; j < group.size; ++j) {
      codes[j] = table.column(covered_[group.first + j]).visit_codes([](const auto* c) {
        return reinterpret_cast<const Code*>(c);  // the group's columns share one code width
      });
    }
    const uint64_t* weights = table.weights_or_null();
    if (group.size == kFused) count_fused<kFused>(codes, widths, weights, counts);
    else count_fused<1>(codes, widths, weights, counts);
  });
}

void PairGrid::summarize_runs(const Group& group, uint32_t end) {
  for (size_t j = 0; j < group.size; ++j) {
    const size_t c2 = covered_[group.first + j];
    const uint64_t width = uint64_t{cardinality(c2)} + 1;
    const uint32_t* counts = counts_.data() + block_ * cells_before_[c2];
    RunSummary* summary = most_.data() + block_ * (group.first + j);
    for (uint64_t slot = 0; slot < end - first_; ++slot) {
      const uint32_t* run = counts + slot * width;
      uint32_t most = 0, pairs = 0;
      for (uint64_t v2 = 1; v2 < width; ++v2) {
        most = std::max(most, run[v2]);
        pairs += run[v2] >= 2;
      }
      summary[slot] = {most, pairs};
    }
  }
}

}  // namespace tsum
