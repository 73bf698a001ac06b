#include "engine/work_table.h"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdlib>

#include "engine/histogram.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kMaxKeys = uint64_t{1} << 22;  // dense key space we are willing to count
constexpr uint64_t kBlock = 1 << 20;
constexpr uint64_t kTile = 1 << 14;  // keys built at a time: 64 KiB, in L2

}  // namespace

WorkTable::WorkTable(const Table& table, bool allow_collapse) : rows_(table.rows()), table_rows_(table.rows()) {
  if (allow_collapse && try_collapse(table)) return;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& col = table.column(c);
    columns_.emplace_back(col.code_data(), col.width(), col.cardinality(), &col.code_counts());
  }
}

WorkTable::WorkTable(std::vector<std::vector<uint32_t>> codes, const std::vector<uint32_t>& cardinality,
                     std::vector<uint64_t> weights)
    : rows_(weights.size()), weights_(std::move(weights)), given_codes_(std::move(codes)) {
  for (uint64_t w : weights_) table_rows_ += w;
  given_counts_.resize(given_codes_.size());
  for (size_t c = 0; c < given_codes_.size(); ++c) {
    given_counts_[c].assign(cardinality[c] + size_t{1}, 0);
    for (uint64_t r = 0; r < rows_; ++r) given_counts_[c][given_codes_[c][r]] += weights_[r];
  }
  for (size_t c = 0; c < given_codes_.size(); ++c) {
    columns_.emplace_back(given_codes_[c].data(), CodeWidth::k32, cardinality[c], &given_counts_[c]);
  }
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
  std::vector<uint64_t> total(keys, 0);
  for (const auto& counts : partial)
    for (uint64_t k = 0; k < keys; ++k) total[k] += counts[k];

  std::vector<uint64_t> present;
  for (uint64_t k = 0; k < keys; ++k)
    if (total[k]) present.push_back(k);
  rows_ = present.size();
  weights_.reserve(rows_);
  for (uint64_t k : present) weights_.push_back(total[k]);
  for (size_t c = 0; c < d; ++c) {
    const Column& col = table.column(c);
    CodeWidth width = col.width();
    std::shared_ptr<void> codes(std::malloc(rows_ * static_cast<size_t>(width)), std::free);
    uint64_t radix = uint64_t{col.cardinality()} + 1;
    for (uint64_t i = 0; i < rows_; ++i) {
      uint32_t code = static_cast<uint32_t>(present[i] / stride[c] % radix);
      switch (width) {
        case CodeWidth::k8: static_cast<uint8_t*>(codes.get())[i] = static_cast<uint8_t>(code); break;
        case CodeWidth::k16: static_cast<uint16_t*>(codes.get())[i] = static_cast<uint16_t>(code); break;
        default: static_cast<uint32_t*>(codes.get())[i] = code; break;
      }
    }
    columns_.emplace_back(codes.get(), width, col.cardinality(), &col.code_counts());
    owned_codes_.push_back(std::move(codes));
  }
  return true;
}

}  // namespace tsum
