#include "engine/root_seed_heap.h"

#include <algorithm>

namespace tsum {
namespace {

// Heap order: the greatest saving first; equal savings in enumeration order.
bool lower(double a_key, uint32_t a_id, double b_key, uint32_t b_id) {
  return a_key < b_key || (a_key == b_key && a_id > b_id);
}

struct Order {
  template <class E>
  bool operator()(const E& a, const E& b) const {
    return lower(a.key, a.id, b.key, b.id);
  }
};

}  // namespace

RootSeedHeap::RootSeedHeap(Residue& residue)
    : residue_(residue), d_(static_cast<uint32_t>(residue.table().num_columns())) {
  uint64_t candidates = 0;
  item_base_.resize(d_);
  for (uint32_t c = 0; c < d_; ++c) {
    item_base_[c] = candidates;
    candidates += residue.table().column(c).cardinality();
  }
  stamp_.assign(candidates, 0);
  dirty_.assign(candidates, 0);
  listed_.assign(candidates, 0);
  saving_.assign(candidates, 0);
  key_.assign(candidates, 0);
}

bool RootSeedHeap::rescore(uint32_t id) {
  const uint32_t c = static_cast<uint32_t>(std::upper_bound(item_base_.begin(), item_base_.end(), id) - item_base_.begin() - 1);
  const uint32_t v = static_cast<uint32_t>(id - item_base_[c] + 1);
  const uint64_t n = residue_.histogram(c)[v];
  if (n < 2) {  // counts only fall: never a seed again
    live_ -= listed_[id];
    listed_[id] = 0;
    ++stamp_[id];
    return false;
  }
  ++scored_;
  const Item item{c, v};
  saving_[id] = residue_.saving(CodedPattern{}, &item, n);
  return true;
}

bool RootSeedHeap::push(uint32_t id) {
  const bool listed = rescore(id);
  if (!listed) return false;
  live_ += !listed_[id];
  listed_[id] = 1;
  key_[id] = saving_[id];
  heap_.push_back(Entry{key_[id], id, ++stamp_[id]});
  return true;
}

void RootSeedHeap::rebuild() {
  heap_.clear();
  for (uint32_t id : dirty_list_) dirty_[id] = 0;
  dirty_list_.clear();
  const uint64_t scored_before = scored_;
  for (uint32_t id = 0; id < stamp_.size(); ++id)
    if (listed_[id] || !rebuilt_) push(id);
  rebuilt_ = true;
  rebuild_ = false;
  residue_.count_evaluations(scored_ - scored_before);
  std::make_heap(heap_.begin(), heap_.end(), Order{});
}

std::vector<Seed> RootSeedHeap::best(size_t keep) {
  if (rebuild_) {
    // After a pattern of many cells the step is root_seeds' own (its scoring is shared out
    // over the columns, a rebuild's is not); the heap is rebuilt after a smaller one.
    if (last_cells_over_) {
      ++plain_steps_;
      return root_seeds(residue_, /*pairs=*/false, keep);
    }
    rebuild();
  } else {
    const uint64_t scored_before = scored_;
    // A saving that fell keeps its entry, whose key is now a bound above it (put right
    // when it reaches the top); one that rose (savings need not grow with the count) gets
    // a new entry.
    for (uint32_t id : dirty_list_) {
      dirty_[id] = 0;
      if (rescore(id) && saving_[id] > key_[id]) {
        key_[id] = saving_[id];
        heap_.push_back(Entry{key_[id], id, ++stamp_[id]});
        std::push_heap(heap_.begin(), heap_.end(), Order{});
      }
    }
    dirty_list_.clear();
    residue_.count_evaluations(scored_ - scored_before);
  }
  // The first `keep` live entries of saving > 0, taken off and put back. An entry whose
  // key is above its value's saving goes back with the saving as its key: every key is at
  // least its value's saving, so an entry on top whose key is its saving is the best left
  // (equal savings: an earlier value's entry, key at least as high, comes first).
  std::vector<Entry> taken;
  while (!heap_.empty() && taken.size() < keep) {
    const Entry top = heap_.front();
    const bool live = top.stamp == stamp_[top.id];
    if (live && !(top.key > 0)) break;
    std::pop_heap(heap_.begin(), heap_.end(), Order{});
    heap_.pop_back();
    if (!live) continue;
    if (top.key != saving_[top.id]) {
      key_[top.id] = saving_[top.id];
      heap_.push_back(Entry{key_[top.id], top.id, top.stamp});
      std::push_heap(heap_.begin(), heap_.end(), Order{});
      continue;
    }
    taken.push_back(top);
  }
  std::vector<Seed> seeds;
  const CostModel& model = residue_.model();
  for (const Entry& e : taken) {
    const uint32_t c = static_cast<uint32_t>(std::upper_bound(item_base_.begin(), item_base_.end(), e.id) - item_base_.begin() - 1);
    const uint32_t v = static_cast<uint32_t>(e.id - item_base_[c] + 1);
    Seed& seed = seeds.emplace_back();
    add_item(seed.pattern, model, c, v);
    seed.saving = e.key;
    seed.count = residue_.histogram(c)[v];
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Order{});
  }
  if (heap_.size() > 2 * live_ + 1024) {  // stale entries: keep the live ones only
    std::erase_if(heap_, [&](const Entry& e) { return e.stamp != stamp_[e.id]; });
    std::make_heap(heap_.begin(), heap_.end(), Order{});
  }
  return seeds;
}

size_t RootSeedHeap::keys_below_savings() const {
  size_t below = 0;
  for (uint32_t c = 0; c < d_; ++c) {
    const std::vector<uint64_t>& counts = residue_.histogram(c);
    for (uint32_t v = 1; v < counts.size(); ++v) {
      if (counts[v] < 2) continue;
      const uint32_t id = item_id(c, v);
      const Item item{c, v};
      below += !listed_[id] || key_[id] < residue_.saving(CodedPattern{}, &item, counts[v]);
    }
  }
  return below;
}

void RootSeedHeap::accepted(std::span<const RowId> rows) {
  // Marking each cell costs more than rescoring every live value: the heap is stale.
  last_cells_over_ = uint64_t{rows.size()} * d_ > live_;
  if (rebuild_) return;
  if (last_cells_over_) {
    rebuild_ = true;
    return;
  }
  const WorkTable& table = residue_.table();
  for (uint32_t c = 0; c < d_; ++c) {
    table.column(c).visit_codes([&](const auto* codes) {
      for (RowId r : rows) {
        const uint32_t v = codes[r];
        if (v == 0) continue;
        const uint32_t id = item_id(c, v);
        if (dirty_[id] || !listed_[id]) continue;
        dirty_[id] = 1;
        dirty_list_.push_back(id);
      }
    });
  }
}

}  // namespace tsum
