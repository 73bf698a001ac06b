#include "engine/entropy_marshal_scorer.h"

#include <algorithm>

namespace tsum {
namespace {

// The residue's floor: keys hold while it is at least 63/64 of what it was at renew().
constexpr uint64_t kFloorShare = 64;

}  // namespace

EntropyMarshalScorer::EntropyMarshalScorer(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts,
                                           const std::vector<CodedPattern>& patterns)
    : model_(model), coder_(model, counts), patterns_(patterns), descriptions_(counts.size() + 1),
      floor_descriptions_(counts.size() + 1) {
  uint64_t rows = 0;
  if (!counts.empty())
    for (uint64_t n : counts[0]) rows += n;
  slack_ = EntropyCoder::key_slack(model, rows);
  for (const auto& column : counts) cardinality_.push_back(column.size());
}

double EntropyMarshalScorer::saving(size_t p, uint64_t n, uint64_t residue) const {
  if (residue != described_) {
    for (size_t k = 0; k < descriptions_.size(); ++k) descriptions_[k] = model_.entropy_description(k, residue);
    described_ = residue;
  }
  const std::vector<Item>& items = patterns_[p].items;
  return coder_.saving(items, nullptr, n, residue, descriptions_[items.size()]);
}

bool EntropyMarshalScorer::renew(uint64_t residue) {
  if (renewed_ && residue >= floor_) return false;
  renewed_ = true;
  floor_ = residue - residue / kFloorShare;
  for (size_t k = 0; k < floor_descriptions_.size(); ++k) floor_descriptions_[k] = model_.entropy_description(k, floor_);
  return true;
}

double EntropyMarshalScorer::bound(size_t p, uint64_t n) const {
  // The naming and description terms rise as the residue falls (toward n): their value
  // on the floor, or on n when the pattern holds more than the floor, is the largest
  // they take until renew() moves the floor.
  const std::vector<Item>& items = patterns_[p].items;
  const uint64_t on = std::max(floor_, n);
  const double description = on == floor_ ? floor_descriptions_[items.size()] : model_.entropy_description(items.size(), on);
  return coder_.saving(items, nullptr, n, on, description) + slack_;
}

std::span<const uint32_t> EntropyMarshalScorer::sharing(size_t p) {
  if (item_start_.empty()) {
    column_base_.resize(cardinality_.size());
    uint64_t slots = 0;
    for (size_t c = 0; c < cardinality_.size(); ++c) column_base_[c] = static_cast<uint32_t>(slots), slots += cardinality_[c];
    item_start_.assign(slots + 1, 0);
    for (const CodedPattern& q : patterns_)
      for (const Item& item : q.items) ++item_start_[column_base_[item.column] + item.code + 1];
    for (size_t i = 1; i < item_start_.size(); ++i) item_start_[i] += item_start_[i - 1];
    holders_.resize(item_start_.back());
    std::vector<uint64_t> next(item_start_.begin(), item_start_.end() - 1);
    for (size_t q = 0; q < patterns_.size(); ++q)
      for (const Item& item : patterns_[q].items) holders_[next[column_base_[item.column] + item.code]++] = static_cast<uint32_t>(q);
  }
  shared_.clear();
  for (const Item& item : patterns_[p].items) {
    const size_t slot = column_base_[item.column] + item.code;
    shared_.insert(shared_.end(), holders_.begin() + static_cast<long>(item_start_[slot]),
                   holders_.begin() + static_cast<long>(item_start_[slot + 1]));
  }
  return shared_;
}

}  // namespace tsum
