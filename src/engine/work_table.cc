#include "engine/work_table.h"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdlib>

#include "engine/engine_settings.h"
#include "engine/histogram.h"
#include "engine/row_major_codes.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kMaxKeys = uint64_t{1} << 22;  // dense key space we are willing to count
constexpr uint64_t kBlock = 1 << 16;  // rows counted per task
constexpr uint64_t kTile = 1 << 14;  // keys built at a time: 64 KiB, in L2
constexpr uint64_t kKeyRange = 1 << 14;  // keys summed and decoded per task

}  // namespace

WorkTable::WorkTable(const Table& table, bool allow_collapse) : rows_(table.rows()), table_rows_(table.rows()) {
  check_engine_settings();
  if (!allow_collapse || !try_collapse(table)) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& col = table.column(c);
      columns_.emplace_back(col.code_data(), col.width(), col.cardinality(), &col.code_counts());
    }
  }
  row_major_ = RowMajorCodes::plan(columns_, rows_);
}

WorkTable::~WorkTable() = default;

const RowMajorCodes* WorkTable::row_major(uint64_t selected) const {
  if (!row_major_ || !row_major_->suits(selected)) return nullptr;
  row_major_->build(columns_);
  return row_major_.get();
}

const RowMajorCodes* WorkTable::row_major() const {
  if (row_major_) row_major_->build(columns_);
  return row_major_.get();
}

WorkTable::WorkTable(std::vector<std::vector<uint32_t>> codes, const std::vector<uint32_t>& cardinality,
                     std::vector<uint64_t> weights)
    : rows_(weights.size()), weights_(std::move(weights)), given_codes_(std::move(codes)) {
  check_engine_settings();
  for (uint64_t w : weights_) table_rows_ += w;
  given_counts_.resize(given_codes_.size());
  for (size_t c = 0; c < given_codes_.size(); ++c) {
    given_counts_[c].assign(cardinality[c] + size_t{1}, 0);
    for (uint64_t r = 0; r < rows_; ++r) given_counts_[c][given_codes_[c][r]] += weights_[r];
  }
  for (size_t c = 0; c < given_codes_.size(); ++c) {
    columns_.emplace_back(given_codes_[c].data(), CodeWidth::k32, cardinality[c], &given_counts_[c]);
  }
  row_major_ = RowMajorCodes::plan(columns_, rows_);
}

// Each row's codes form a mixed-radix key; counting keys gives the distinct rows and
// their multiplicities in one pass. Only done when the key space is small and the
// table is much larger than it.
bool WorkTable::try_collapse(const Table& table) {
  size_t d = table.num_columns();
  if (d == 0 || table.rows() == 0) return false;
  uint64_t keys = 1;
  std::vector<uint64_t> stride(d);
  for (size_t c = d; c-- > 0;) {
    stride[c] = keys;
    keys *= uint64_t{table.column(c).cardinality()} + 1;
    if (keys > kMaxKeys) return false;
  }
  if (keys * 4 > table.rows()) return false;

  // Integer sums: which thread counted which block cannot change the totals. Keys are
  // built a tile at a time in a per-thread buffer that stays in cache, and counted with
  // the histogram kernel (interleaved sub-histograms when the key space is small).
  uint64_t blocks = (table.rows() + kBlock - 1) / kBlock;
  tbb::enumerable_thread_specific<std::vector<uint64_t>> partial([&] { return std::vector<uint64_t>(keys, 0); });
  tbb::enumerable_thread_specific<std::vector<uint32_t>> tiles([] { return std::vector<uint32_t>(kTile); });
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const uint64_t block_end = std::min(table.rows(), (b + 1) * kBlock);
    std::vector<uint64_t>& counts = partial.local();
    uint32_t* key = tiles.local().data();
    for (uint64_t begin = b * kBlock; begin < block_end; begin += kTile) {
      const uint64_t end = std::min(block_end, begin + kTile);
      std::fill(key, key + (end - begin), 0u);
      for (size_t c = 0; c < d; ++c) {
        uint32_t s = static_cast<uint32_t>(stride[c]);
        table.column(c).visit_codes([&](const auto* codes) {
          for (uint64_t r = begin; r < end; ++r) key[r - begin] += static_cast<uint32_t>(codes[r]) * s;
        });
      }
      histogram_detail::count_range(key, end - begin, static_cast<uint32_t>(keys), counts.data(),
                                    histogram_detail::best_isa());
    }
  });
  // The distinct keys in key order, with their weights, over ranges of the key space side
  // by side: each range sums the threads' counts (into the first thread's, in place) and
  // counts its keys present; then, offsets summed, writes its rows. A range's first key is
  // split into codes once; the next ones are counted up like an odometer, last column
  // fastest, instead of a division and a remainder per key and column.
  std::vector<uint64_t*> parts;
  for (auto& counts : partial) parts.push_back(counts.data());
  uint64_t* total = parts[0];
  const uint64_t ranges = (keys + kKeyRange - 1) / kKeyRange;
  std::vector<uint64_t> first_row(ranges + 1, 0);
  tsum::parallel_for(uint64_t{0}, ranges, [&](uint64_t r) {
    uint64_t present = 0;
    for (uint64_t k = r * kKeyRange; k < std::min(keys, (r + 1) * kKeyRange); ++k) {
      for (size_t i = 1; i < parts.size(); ++i) total[k] += parts[i][k];
      present += total[k] != 0;
    }
    first_row[r + 1] = present;
  });
  for (uint64_t r = 0; r < ranges; ++r) first_row[r + 1] += first_row[r];
  rows_ = first_row[ranges];
  weights_.resize(rows_);
  std::vector<uint64_t> radix(d);
  std::vector<CodeWidth> width(d);
  std::vector<void*> out(d);
  for (size_t c = 0; c < d; ++c) {
    radix[c] = uint64_t{table.column(c).cardinality()} + 1;
    width[c] = table.column(c).width();
    std::shared_ptr<void> codes(std::malloc(rows_ * static_cast<size_t>(table.column(c).width())), std::free);
    out[c] = codes.get();
    owned_codes_.push_back(std::move(codes));
  }
  tsum::parallel_for(uint64_t{0}, ranges, [&](uint64_t r) {
    const uint64_t first = r * kKeyRange;
    std::vector<uint32_t> digit(d);
    for (size_t c = 0; c < d; ++c) digit[c] = static_cast<uint32_t>(first / stride[c] % radix[c]);
    uint64_t row = first_row[r];
    for (uint64_t k = first; k < std::min(keys, first + kKeyRange); ++k) {
      if (total[k] != 0) {
        weights_[row] = total[k];
        for (size_t c = 0; c < d; ++c) {
          switch (width[c]) {
            case CodeWidth::k8: static_cast<uint8_t*>(out[c])[row] = static_cast<uint8_t>(digit[c]); break;
            case CodeWidth::k16: static_cast<uint16_t*>(out[c])[row] = static_cast<uint16_t>(digit[c]); break;
            default: static_cast<uint32_t*>(out[c])[row] = digit[c]; break;
          }
        }
        ++row;
      }
      for (size_t c = d; c-- > 0;) {  // the next key's codes
        if (++digit[c] < radix[c]) break;
        digit[c] = 0;
      }
    }
  });
  for (size_t c = 0; c < d; ++c) {
    const Column& col = table.column(c);
    columns_.emplace_back(out[c], col.width(), col.cardinality(), &col.code_counts());
  }
  return true;
}

}  // namespace tsum
