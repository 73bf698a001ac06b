#include "engine/pair_bounds.h"

#include <algorithm>

namespace tsum {

PairBounds::PairBounds(const Residue& residue)
    : residue_(residue),
      coder_(residue.coder()),
      least_left_(residue.table().num_columns()),
      second_(residue.table().num_columns()),
      first_(kTabled + 1, 0.0),
      first_item_(kTabled + 1, 0),
      slack_(EntropyCoder::key_slack(residue.model(), residue.table().table_rows())) {
  for (size_t c = 0; c < least_left_.size(); ++c) least_left_[c] = residue.least_left(c);
}

void PairBounds::start(const Item& item) {
  item_ = item;
  ++items_;
  // The slack of a key (1e-9 (1 + 4 g(|T|))) is above pair_bound's own: every g in the
  // terms is of at most |T| (U_c, u_c(v) and |R| are at most the table's rows).
  fixed_ = residue_.description(2) + residue_.model().bits(item.column, item.code) - slack_;
}

PairBounds::Run PairBounds::check_run(size_t c2, uint64_t most, uint64_t pairs, double threshold) {
  if (!(residue_.pair_bound(item_, c2, most) > threshold)) return Run::kSkip;
  if (most > kTabled || most > pairs) return Run::kScore;
  double largest = -kInfinity;
  for (uint64_t n = 2; n <= most; ++n) largest = std::max(largest, first(n) + second(c2, n));
  return largest - fixed_ > threshold ? Run::kBoundEach : Run::kSkip;
}

}  // namespace tsum
