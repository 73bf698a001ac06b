#include "engine/run_count_bounds.h"

#include "engine/engine_settings.h"

namespace tsum {

RunCountBounds::RunCountBounds(const WorkTable& table)
    : table_(table), d_(table.num_columns()), left_(uint64_t{64} << 20), asked_(d_, 0), runs_(d_) {
  if (std::optional<uint64_t> bytes = run_bound_bytes_setting()) left_ = *bytes;
}

bool RunCountBounds::holds(size_t c1) {
  if (!asked_[c1]) {
    asked_[c1] = 1;
    const uint64_t runs = (uint64_t{table_.column(c1).cardinality()} + 1) * (d_ - c1 - 1);
    if (runs > 0 && runs * sizeof(Entry) <= left_) {
      left_ -= runs * sizeof(Entry);
      runs_[c1].resize(runs);
    }
  }
  return !runs_[c1].empty();
}

}  // namespace tsum
