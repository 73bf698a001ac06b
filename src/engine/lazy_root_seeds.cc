#include "engine/lazy_root_seeds.h"

#include <algorithm>
#include <limits>

namespace tsum {
namespace {

// R's floor for an epoch: keys hold while |R| >= |R|·(1 - 1/kFloorShare) of the epoch's
// start. A larger share means tighter keys and more epochs (each rescoring every live
// candidate); on the paired tables of docs/benchmarks.md ("Entropy: keys that outlast a
// step") 32 was fastest at 3 · 10^4 labels, 16 at 10^4.
constexpr uint64_t kFloorShare = 32;

// Heap order: the largest key first; equal keys in enumeration order.
bool lower(double a_key, uint32_t a_id, double b_key, uint32_t b_id) {
  return a_key < b_key || (a_key == b_key && a_id > b_id);
}

}  // namespace

void LazyRootSeeds::Best::consider(double saving, uint32_t id, uint32_t v2, uint64_t count) {
  // Enumeration order is (id, v2): among equal savings the earlier pattern comes first.
  auto before = [](const Found& a, const Found& b) {
    return a.saving > b.saving || (a.saving == b.saving && (a.id < b.id || (a.id == b.id && a.v2 < b.v2)));
  };
  const Found f{saving, id, v2, count};
  if (!(saving > 0) || (full() && !before(f, found_.back()))) return;
  if (full()) found_.pop_back();
  found_.insert(std::upper_bound(found_.begin(), found_.end(), f, before), f);
}

bool LazyRootSeeds::usable(Residue& residue) {
  if (residue.model().kind() != CostModelKind::kEntropy) return false;
  const WorkTable& table = residue.table();
  const size_t d = table.num_columns();
  uint64_t candidates = 0;
  for (size_t c = 0; c < d; ++c) {
    const uint64_t card = table.column(c).cardinality();
    candidates += card * (d - c);  // its one-item patterns and its runs
  }
  if (candidates > kMaxCandidates) return false;
  for (size_t c1 = 0; c1 + 1 < d; ++c1)
    if (!residue.has_pair_counts(c1)) return false;
  return true;
}

LazyRootSeeds::LazyRootSeeds(Residue& residue)
    : residue_(residue), model_(residue.model()), d_(static_cast<uint32_t>(residue.table().num_columns())) {
  const WorkTable& table = residue.table();
  item_base_.resize(d_);
  run_base_.resize(d_);
  for (uint32_t c = 0; c < d_; ++c) {
    item_base_[c] = candidates_;
    candidates_ += table.column(c).cardinality();
  }
  for (uint32_t c1 = 0; c1 < d_; ++c1) {
    run_base_[c1] = candidates_;
    candidates_ += uint64_t{table.column(c1).cardinality()} * (d_ - c1 - 1);
  }
  stamp_.assign(candidates_, 0);
  key_.assign(candidates_, -std::numeric_limits<double>::infinity());
  dirty_.assign(candidates_, 0);
}

LazyRootSeeds::Where LazyRootSeeds::where(uint32_t id) const {
  if (id < run_base_[0]) {
    const uint32_t c = static_cast<uint32_t>(std::upper_bound(item_base_.begin(), item_base_.end(), id) - item_base_.begin() - 1);
    return {c, static_cast<uint32_t>(id - item_base_[c] + 1), c};
  }
  // The last run base at or below id that starts a nonempty block (columns of no runs
  // share their base with the next).
  uint32_t c1 = static_cast<uint32_t>(std::upper_bound(run_base_.begin(), run_base_.end(), id) - run_base_.begin() - 1);
  const uint64_t offset = id - run_base_[c1];
  const uint64_t width = d_ - c1 - 1;
  return {c1, static_cast<uint32_t>(offset / width + 1), static_cast<uint32_t>(c1 + 1 + offset % width)};
}

double LazyRootSeeds::description_on(size_t size, uint64_t residue) const {
  return residue == floor_ ? floor_descriptions_[size] : model_.entropy_description(size, residue);
}

void LazyRootSeeds::start_epoch() {
  const uint64_t r = residue_.weight();
  floor_ = r - r / kFloorShare;
  force_epoch_ = false;
  slack_ = EntropyCoder::key_slack(model_, residue_.table().table_rows());
  for (size_t k = 1; k <= 2; ++k) floor_descriptions_[k] = model_.entropy_description(k, floor_);
  for (uint32_t id : dirty_list_) dirty_[id] = 0;
  dirty_list_.clear();
  heap_.clear();
  if (!listed_) {
    const WorkTable& table = residue_.table();
    for (uint32_t c = 0; c < d_; ++c)
      for (uint32_t v = 1; v <= table.column(c).cardinality(); ++v) live_.push_back({item_id(c, v), Where{c, v, c}});
    for (uint32_t c1 = 0; c1 + 1 < d_; ++c1)
      for (uint32_t v1 = 1; v1 <= table.column(c1).cardinality(); ++v1)
        for (uint32_t c2 = c1 + 1; c2 < d_; ++c2) live_.push_back({run_id(c1, v1, c2), Where{c1, v1, c2}});
    listed_ = true;
  }
  // A candidate without a key has no pattern of N_R >= 2, and never will again (counts
  // only fall): it leaves the list the epochs rescore.
  size_t kept = 0;
  for (const auto& [id, w] : live_) {
    const uint32_t stamp = ++stamp_[id];
    std::optional<double> key = key_of(w);
    key_[id] = key.value_or(-std::numeric_limits<double>::infinity());
    if (!key) continue;
    heap_.push_back(Entry{*key, id, stamp});
    live_[kept++] = {id, w};
  }
  live_.resize(kept);
  std::make_heap(heap_.begin(), heap_.end(),
                 [](const Entry& a, const Entry& b) { return lower(a.key, a.id, b.key, b.id); });
}

void LazyRootSeeds::mark(uint32_t id) {
  if (dirty_[id]) return;
  dirty_[id] = 1;
  dirty_list_.push_back(id);
}

void LazyRootSeeds::push_key(uint32_t id) {
  const uint32_t stamp = ++stamp_[id];
  std::optional<double> key = key_of(where(id));
  key_[id] = key.value_or(-std::numeric_limits<double>::infinity());
  if (key) {
    heap_.push_back(Entry{*key, id, stamp});
    std::push_heap(heap_.begin(), heap_.end(),
                   [](const Entry& a, const Entry& b) { return lower(a.key, a.id, b.key, b.id); });
  }
}

std::optional<double> LazyRootSeeds::key_of(const Where& w) {
  ++scored_;
  const uint64_t n1 = residue_.histogram(w.c)[w.v];
  if (n1 < 2) return std::nullopt;  // counts only fall: never a candidate again
  const Item item{w.c, w.v};
  if (w.c2 == w.c) {
    const uint64_t on = residue_on(n1);
    return residue_.saving_on(CodedPattern{}, &item, n1, on, description_on(1, on)) + slack_;
  }
  const uint64_t most = residue_.pair_counts().bound(w.c, w.c2, w.v);
  if (most < 2) return std::nullopt;
  // The bound rises with n on one R and falls as R rises; a pair of n rows has R >= n, so
  // on the floor it bounds every pair of at most floor_ rows. A run whose count bound is
  // above the floor (a stale bound, or a pair holding nearly all of R) is read instead.
  if (most > floor_) return std::numeric_limits<double>::infinity();
  const double bound = residue_.pair_bound_on(item, w.c2, most, floor_, floor_descriptions_[2]);
  if (bound == -std::numeric_limits<double>::infinity()) return std::nullopt;
  return bound + slack_;
}

std::optional<double> LazyRootSeeds::examine(uint32_t id, Best& best) {
  const Where w = where(id);
  const uint64_t n1 = residue_.histogram(w.c)[w.v];
  if (n1 < 2) return std::nullopt;
  CodedPattern first;
  if (w.c2 == w.c) {
    ++scored_;
    const Item item{w.c, w.v};
    const uint64_t on = residue_on(n1);
    const EntropyCoder::TwoSavings s = residue_.saving_now_and_on(first, &item, n1, on, description_on(1, on));
    best.consider(s.now, id, 0, n1);
    return s.on + slack_;
  }
  PairCounts& pairs = residue_.pair_counts();
  if (pairs.bound(w.c, w.c2, w.v) < 2) return std::nullopt;
  add_item(first, model_, w.c, w.v);
  const PairCounts::Run run = pairs.run(w.c, w.c2, w.v);
  uint64_t largest = 0;
  double key = -std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < run.size; ++i) {
    const uint64_t n = run.counts[i];
    largest = std::max(largest, n);
    if (n < 2) continue;
    ++scored_;
    const Item extra{w.c2, run.code(i)};
    const uint64_t on = residue_on(n);
    const EntropyCoder::TwoSavings s = residue_.saving_now_and_on(first, &extra, n, on, description_on(2, on));
    best.consider(s.now, id, extra.code, n);
    key = std::max(key, s.on);
  }
  pairs.tighten(w.c, w.c2, w.v, largest);
  if (largest < 2) return std::nullopt;
  return key + slack_;
}

std::optional<Seed> LazyRootSeeds::best() {
  std::vector<Seed> seeds = best(1);
  if (seeds.empty()) return std::nullopt;
  return std::move(seeds[0]);
}

std::vector<Seed> LazyRootSeeds::best(size_t keep) {
  const uint64_t scored_before = scored_;
  if (force_epoch_ || residue_.weight() < floor_) {
    // An epoch costs about a plain root step and pays off over the steps that follow
    // within its floor: when the last pattern suggests fewer than four (it took over a
    // quarter of the epoch's span), or that keeping keys costs more than plain steps
    // (accepted()), take a plain step instead and try again at the next.
    const uint64_t r = residue_.weight();
    plain_ = last_marks_over_ || last_removed_ > r / kFloorShare / 4;
    if (plain_) {
      force_epoch_ = true;
      ++plain_steps_;
      scored_ += candidates_;  // (root_seeds scores every value, and every run or its bound)
      return root_seeds(residue_, /*pairs=*/true, keep);
    }
    start_epoch();
  } else {
    for (uint32_t id : dirty_list_) {
      dirty_[id] = 0;
      push_key(id);
    }
    dirty_list_.clear();
  }
  auto order = [](const Entry& a, const Entry& b) { return lower(a.key, a.id, b.key, b.id); };
  Best best(keep);
  std::vector<std::pair<uint32_t, std::optional<double>>> examined;
  while (!heap_.empty()) {
    const Entry top = heap_.front();
    if (top.stamp == stamp_[top.id]) {
      // A key below the k-th best saving cannot enter; at it, an earlier pattern may tie.
      if (!best.could_enter(top.key)) break;
      examined.emplace_back(top.id, examine(top.id, best));
    }
    std::pop_heap(heap_.begin(), heap_.end(), order);
    heap_.pop_back();
  }
  for (const auto& [id, key] : examined) {
    const uint32_t stamp = ++stamp_[id];
    key_[id] = key.value_or(-std::numeric_limits<double>::infinity());
    if (!key) continue;
    heap_.push_back(Entry{*key, id, stamp});
    std::push_heap(heap_.begin(), heap_.end(), order);
  }
  if (heap_.size() > 2 * candidates_ + 1024) {  // stale entries: keep the live ones only
    std::erase_if(heap_, [&](const Entry& e) { return e.stamp != stamp_[e.id]; });
    std::make_heap(heap_.begin(), heap_.end(), order);
  }
  residue_.count_evaluations(scored_ - scored_before);  // (a plain step's root_seeds counts its own)
  std::vector<Seed> seeds;
  for (const Found& f : best.found()) {
    const Where w = where(f.id);
    Seed& seed = seeds.emplace_back();
    add_item(seed.pattern, model_, w.c, w.v);
    if (w.c2 != w.c) add_item(seed.pattern, model_, w.c2, f.v2);
    seed.saving = f.saving;
    seed.count = f.count;
  }
  return seeds;
}

void LazyRootSeeds::accepted(const CodedPattern& p, std::span<const RowId> rows) {
  const WorkTable& table = residue_.table();
  last_removed_ = total_weight(table, rows);
  // The marks below: each row's values and value pairs, and the codes of the rows of R
  // that hold an accepted value. When they outnumber the live candidates, a plain step
  // (every candidate scored, on the threads) is cheaper than keeping the keys.
  uint64_t marks = uint64_t{rows.size()} * (uint64_t{d_} * (d_ + 1) / 2);
  for (const Item& item : p.items) marks += residue_.histogram(item.column)[item.code] * item.column;
  last_marks_over_ = marks > std::max<uint64_t>(live_.size(), 4096);
  if (plain_) return;  // the next lazy step starts an epoch: nothing to mark
  if (last_marks_over_) {
    force_epoch_ = true;
    return;
  }
  // Rows that left R: the counts of their values and value pairs changed.
  for (uint32_t c1 = 0; c1 < d_; ++c1) {
    table.column(c1).visit_codes([&](const auto* codes) {
      for (RowId r : rows) {
        const uint32_t v1 = codes[r];
        if (v1 == 0) continue;
        mark(item_id(c1, v1));
        for (uint32_t c2 = c1 + 1; c2 < d_; ++c2) mark(run_id(c1, v1, c2));
      }
    });
  }
  // The accepted items' cells left their codes (u_c(v) fell): (c, v) and its runs (marked
  // above: the rows that left hold it), and the runs whose pairs hold v second, found
  // from the rows of R that hold it.
  for (const Item& item : p.items) {
    if (item.column == 0) continue;
    const std::vector<RowId> holding = residue_.live_rows(item.column, item.code);
    for (uint32_t c1 = 0; c1 < item.column; ++c1) {
      table.column(c1).visit_codes([&](const auto* codes) {
        for (RowId r : holding)
          if (const uint32_t w = codes[r]; w != 0) mark(run_id(c1, w, item.column));
      });
    }
  }
}

size_t LazyRootSeeds::keys_below_savings() {
  size_t below = 0;
  CodedPattern first;
  for (uint64_t id = 0; id < candidates_; ++id) {
    const Where w = where(static_cast<uint32_t>(id));
    if (residue_.histogram(w.c)[w.v] < 2) continue;
    const Item item{w.c, w.v};
    double most = -std::numeric_limits<double>::infinity();
    if (w.c2 == w.c) {
      most = residue_.saving(CodedPattern{}, &item, residue_.histogram(w.c)[w.v]);
    } else {
      first.items.assign(1, item);
      const PairCounts::Run run = residue_.pair_counts().run(w.c, w.c2, w.v);
      for (size_t i = 0; i < run.size; ++i) {
        if (run.counts[i] < 2) continue;
        const Item extra{w.c2, run.code(i)};
        most = std::max(most, residue_.saving(first, &extra, run.counts[i]));
      }
    }
    if (most == -std::numeric_limits<double>::infinity()) continue;  // no pattern of N_R >= 2
    below += key_[id] < most;
  }
  return below;
}

}  // namespace tsum
