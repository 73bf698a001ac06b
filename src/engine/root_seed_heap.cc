#include "engine/root_seed_heap.h"

#include <algorithm>

#include "engine/row_major_codes.h"

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
}

bool RootSeedHeap::push(uint32_t id) {
  const uint32_t c = static_cast<uint32_t>(std::upper_bound(item_base_.begin(), item_base_.end(), id) - item_base_.begin() - 1);
  const uint32_t v = static_cast<uint32_t>(id - item_base_[c] + 1);
  const uint32_t stamp = ++stamp_[id];
  const uint64_t n = residue_.histogram(c)[v];
  live_ -= listed_[id];
  listed_[id] = n >= 2;
  if (n < 2) return false;  // counts only fall: never a seed again
  ++live_;
  ++scored_;
  const Item item{c, v};
  heap_.push_back(Entry{residue_.saving(CodedPattern{}, &item, n), id, stamp});
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
    for (uint32_t id : dirty_list_) {
      dirty_[id] = 0;
      if (push(id)) std::push_heap(heap_.begin(), heap_.end(), Order{});
    }
    dirty_list_.clear();
    residue_.count_evaluations(scored_ - scored_before);
  }
  // The first `keep` live entries of saving > 0, taken off and put back.
  std::vector<Entry> taken;
  while (!heap_.empty() && taken.size() < keep) {
    const Entry top = heap_.front();
    const bool live = top.stamp == stamp_[top.id];
    if (live && !(top.key > 0)) break;
    std::pop_heap(heap_.begin(), heap_.end(), Order{});
    heap_.pop_back();
    if (live) taken.push_back(top);
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

void RootSeedHeap::accepted(std::span<const RowId> rows) {
  // Marking each cell costs more than rescoring every live value: the heap is stale.
  last_cells_over_ = uint64_t{rows.size()} * d_ > live_;
  if (rebuild_) return;
  if (last_cells_over_) {
    rebuild_ = true;
    return;
  }
  const WorkTable& table = residue_.table();
  // Where the table has row-major codes, the rows' codes come from there: a few lines a
  // row, which stay in cache from one column to the next (engine/row_major_codes.h).
  const RowMajorCodes* row_major = table.row_major(rows.size());
  for (uint32_t c = 0; c < d_; ++c) {
    auto mark = [&](uint32_t v) {
      if (v == 0) return;
      const uint32_t id = item_id(c, v);
      if (dirty_[id] || !listed_[id]) return;
      dirty_[id] = 1;
      dirty_list_.push_back(id);
    };
    if (row_major && row_major->holds(c)) {
      const uint32_t place = row_major->place(c);
      for (RowId r : rows) mark(row_major->code(r, place));
      continue;
    }
    table.column(c).visit_codes([&](const auto* codes) {
      for (RowId r : rows) mark(codes[r]);
    });
  }
}

}  // namespace tsum
