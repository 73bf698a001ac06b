// FirstMaxTree: a fixed sequence of keys (doubles) that answers "which index holds the
// greatest key, the lowest index among equal keys" in O(1) and changes one key in
// O(log n). It is the spec's decision rule ("the first strict maximum in order") made
// incremental: a tournament tree whose internal nodes hold the index that wins their
// range and its key, the left child winning ties.
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
    nodes_.resize(2 * leaves);
    for (size_t i = 0; i < leaves; ++i) nodes_[leaves + i] = Node{kNone, static_cast<uint32_t>(i)};
    rebuild();
  }

  size_t size() const { return size_; }
  double key(size_t i) const { return nodes_[leaves_ + i].key; }

  // Sets every key at once: O(n).
  void assign(std::span<const double> keys) {
    for (size_t i = 0; i < keys.size(); ++i) nodes_[leaves_ + i].key = keys[i];
    rebuild();
  }

  // Changes one key: O(log n), less when the winners above it do not change.
  void set(size_t i, double key) {
    nodes_[leaves_ + i].key = key;
    const uint32_t changed = static_cast<uint32_t>(i);
    for (size_t node = (leaves_ + i) / 2; node >= 1; node /= 2) {
      const uint32_t old = nodes_[node].index;
      nodes_[node] = play(node);
      // Above here nothing changes unless this range's winner or its key did.
      if (nodes_[node].index == old && old != changed) break;
    }
  }

  // Changes keys[k] at indices[k] for every k: the tree set() would leave, rebuilt in O(n)
  // when the indices are many (more than n / 8), else one set() at a time.
  void set_many(std::span<const uint32_t> indices, std::span<const double> keys) {
    if (indices.size() * 8 <= size_) {
      for (size_t k = 0; k < indices.size(); ++k) set(indices[k], keys[k]);
      return;
    }
    for (size_t k = 0; k < indices.size(); ++k) nodes_[leaves_ + indices[k]].key = keys[k];
    rebuild();
  }

  // The winning index, or kNoIndex when every key is kNone.
  uint32_t top() const {
    if (size_ == 0) return kNoIndex;
    const Node& w = nodes_[1];  // the only leaf when leaves_ == 1
    return w.key == kNone ? kNoIndex : w.index;
  }

 private:
  // A range's winner and its key, side by side: a match reads its two children (one cache
  // line) instead of their indexes and then the keys of both, which on a tree larger than
  // the cache were three misses per level.
  struct Node {
    double key;
    uint32_t index;
  };
  // The left child's winner has the lower index: it keeps ties.
  Node play(size_t node) const {
    const Node& a = nodes_[2 * node];
    const Node& b = nodes_[2 * node + 1];
    return b.key > a.key ? b : a;
  }
  void rebuild() {
    for (size_t node = leaves_; node-- > 1;) nodes_[node] = play(node);
  }

  size_t leaves_ = 1;
  size_t size_ = 0;
  // nodes_[leaves_ + i]: index i and its key (padding leaves hold kNone); nodes_[node] for
  // 1 <= node < leaves_: the winner of the node's range. nodes_[0] is unused.
  std::vector<Node> nodes_;
};

}  // namespace tsum
