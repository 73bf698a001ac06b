// FirstMaxTree: a fixed sequence of keys (doubles) that answers "which index holds the
// greatest key, the lowest index among equal keys" in O(1) and changes one key in
// O(log n). It is the spec's decision rule ("the first strict maximum in order") made
// incremental: a tournament tree whose internal nodes hold the index that wins their
// range, the left child winning ties.
//
// The keys are exactly the doubles the caller computed (CostModel::saving), compared with
// > only, so the winner is the one a plain left-to-right scan keeping the first strict
// maximum would find, whatever the keys' values (no monotonicity or bound is assumed).
// kNone (-infinity) marks an index that must never win; top() reports it as no winner
// when every key is kNone.
//
// Hand-written because the rule needs stable, index-ordered tie-breaking and in-place key
// changes: std::priority_queue has neither, and Boost's mutable heaps break ties by
// insertion history, not by index.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace tsum {

class FirstMaxTree {
 public:
  static constexpr double kNone = -std::numeric_limits<double>::infinity();
  static constexpr uint32_t kNoIndex = UINT32_MAX;

  FirstMaxTree() = default;
  // n indices, every key kNone.
  explicit FirstMaxTree(size_t n) { reset(n); }

  void reset(size_t n) {
    size_t leaves = 1;
    while (leaves < n) leaves *= 2;
    leaves_ = leaves;
    size_ = n;
    keys_.assign(leaves, kNone);
    win_.assign(leaves, 0);
    rebuild();
  }

  size_t size() const { return size_; }
  double key(size_t i) const { return keys_[i]; }

  // Sets every key at once: O(n).
  void assign(std::span<const double> keys) {
    std::copy(keys.begin(), keys.end(), keys_.begin());
    rebuild();
  }

  // Changes one key: O(log n), less when the winners above it do not change.
  void set(size_t i, double key) {
    keys_[i] = key;
    const uint32_t changed = static_cast<uint32_t>(i);
    for (size_t node = (leaves_ + i) / 2; node >= 1; node /= 2) {
      uint32_t old = win_[node];
      uint32_t now = play(node);
      win_[node] = now;
      // Above here nothing changes unless this range's winner or its key did.
      if (now == old && now != changed) break;
    }
  }

  // The winning index, or kNoIndex when every key is kNone.
  uint32_t top() const {
    if (size_ == 0) return kNoIndex;
    uint32_t w = leaves_ == 1 ? 0 : win_[1];
    return keys_[w] == kNone ? kNoIndex : w;
  }

 private:
  uint32_t winner_of(size_t node) const {
    return node >= leaves_ ? static_cast<uint32_t>(node - leaves_) : win_[node];
  }
  // The left child's winner has the lower index: it keeps ties.
  uint32_t play(size_t node) const {
    uint32_t a = winner_of(2 * node), b = winner_of(2 * node + 1);
    return keys_[b] > keys_[a] ? b : a;
  }
  void rebuild() {
    for (size_t node = leaves_; node-- > 1;) win_[node] = play(node);
  }

  size_t leaves_ = 1;
  size_t size_ = 0;
  std::vector<double> keys_;   // one per leaf; padding leaves hold kNone
  std::vector<uint32_t> win_;  // win_[node] for internal nodes 1..leaves_-1
};

}  // namespace tsum
