#include "engine/seed_expansion.h"

#include <algorithm>
#include <optional>

#include <tbb/enumerable_thread_specific.h>

#include "engine/pair_bounds.h"
#include "engine/pair_grid.h"
#include "engine/run_count_bounds.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

std::vector<bool> used_columns(size_t d, const CodedPattern& p) {
  std::vector<bool> used(d, false);
  for (const Item& item : p.items) used[item.column] = true;
  return used;
}

// Keeps the `keep` best of a stream of seeds met in enumeration order that save more than
// `floor` (0, or the threshold of seeds met before the stream).
class TopSeeds {
 public:
  explicit TopSeeds(size_t keep, double floor = 0.0) : keep_(keep), floor_(floor) {}
  // Whether a seed with this saving would be kept (lets callers skip building it).
  bool wants(double saving) const { return saving > threshold(); }
  // What a seed must save more than to be kept.
  double threshold() const { return keep_ && seeds_.size() == keep_ ? seeds_.back().saving : floor_; }
  void offer(Seed s) {
    if (!wants(s.saving)) return;
    // Insert after every seed with a saving >= s's: equal savings keep enumeration order.
    auto at = std::upper_bound(seeds_.begin(), seeds_.end(), s.saving,
                               [](double v, const Seed& x) { return v > x.saving; });
    seeds_.insert(at, std::move(s));
    if (keep_ && seeds_.size() > keep_) seeds_.pop_back();
  }
  std::vector<Seed> take() { return std::move(seeds_); }
  size_t keep() const { return keep_; }

 private:
  size_t keep_;
  double floor_;
  std::vector<Seed> seeds_;
};

// Scores the two-item seeds {(c1, v1), (c2, v2)} of one first item at a time into `top`,
// passing over the runs and pairs whose bound cannot beat what `top` keeps
// (engine/pair_bounds.h; under entropy only, the other models score every pair).
class PairScorer {
 public:
  PairScorer(const Residue& residue, TopSeeds& top) : residue_(residue), model_(residue.model()), top_(top) {
    if (model_.kind() == CostModelKind::kEntropy) bounds_.emplace(residue);
  }
  // With a copy of `bounds` (made for the same R): building them reads every value's
  // cells left, which a slice of a few values should not pay again.
  PairScorer(const Residue& residue, TopSeeds& top, const std::optional<PairBounds>& bounds)
      : residue_(residue), model_(residue.model()), top_(top), bounds_(bounds) {}
  PairScorer(const Residue& residue, TopSeeds& top, std::optional<PairBounds>&& bounds)
      : residue_(residue), model_(residue.model()), top_(top), bounds_(std::move(bounds)) {}

  // Names (c1, v1) the first item of the pairs to come.
  void start(size_t c1, uint32_t v1) {
    first_.items.clear();
    first_.sum_bits = 0;
    add_item(first_, model_, static_cast<uint32_t>(c1), v1);
    if (bounds_) bounds_->start(first_.items[0]);
  }
  const CodedPattern& first() const { return first_; }
  std::optional<PairBounds>& bounds() { return bounds_; }
  TopSeeds& top() { return top_; }

  PairBounds::Run check_run(size_t c2, uint64_t most, uint64_t pairs) {
    return bounds_ ? bounds_->check_run(c2, most, pairs, top_.threshold()) : PairBounds::Run::kScore;
  }
  // Scores the pair (first, (c2, v2)) of n >= 2 rows and keeps it if it is among the best.
  void offer(size_t c2, uint32_t v2, uint64_t n, PairBounds::Run run) {
    ++evaluations;
    if (run == PairBounds::Run::kBoundEach && !(bounds_->pair(c2, n) > top_.threshold())) return;
    const Item extra{static_cast<uint32_t>(c2), v2};
    const double saving = residue_.saving(first_, &extra, n);
    if (!top_.wants(saving)) return;
    Seed s{first_, saving, n};
    add_item(s.pattern, model_, extra.column, extra.code);
    top_.offer(std::move(s));
  }
  // The pairs of the started first item (c1, v1) from the kept pair counts, c2 then v2
  // ascending (the same candidates in the same order as Residue::extensions()); lowers
  // each run's bound to its largest count (PairCounts::tighten: only (c1, c2, v1)'s).
  void kept_pairs(PairCounts& counts, size_t c1, uint32_t v1) {
    for (size_t c2 = c1 + 1; c2 < residue_.table().num_columns(); ++c2) {
      const uint64_t most = counts.bound(c1, c2, v1);
      if (most < 2) continue;
      ++evaluations;
      const PairCounts::Run run = counts.run(c1, c2, v1);
      const PairBounds::Run check = check_run(c2, most, run.size);
      if (check == PairBounds::Run::kSkip) continue;
      uint64_t largest = 0;
      for (size_t i = 0; i < run.size; ++i) {
        const uint64_t n = run.counts[i];
        largest = std::max(largest, n);
        if (n >= 2) offer(c2, run.code(i), n, check);
      }
      counts.tighten(c1, c2, v1, largest);
    }
  }

  uint64_t evaluations = 0;  // pair savings and bounds (extensions() counts its own)

 private:
  const Residue& residue_;
  const CostModel& model_;
  TopSeeds& top_;
  std::optional<PairBounds> bounds_;
  CodedPattern first_;  // {(c1, v1)}
};

// Scores the kept pairs of `slices` side by side: each slice keeps its own `keep` best
// above `top`'s threshold after the one-item seeds; then the slices' seeds are offered to
// `top` in slice order. The same seeds as one pass: a seed one pass keeps saves more than
// the threshold at its turn, which is at least its slice's (the slice has seen only some
// of the seeds before it), so its slice scores and keeps it; and `top` takes seeds of
// equal saving in enumeration order. A slice passes over fewer runs (its threshold is
// lower), and the evaluations it counts depend on the slices, which depend on the counts
// alone, never on the threads.
void score_kept_pairs_in_slices(Residue& residue, const std::vector<PairSlice>& slices,
                                const std::optional<PairBounds>& bounds, TopSeeds& top, uint64_t& evaluations) {
  PairCounts& counts = residue.pair_counts();
  struct Found {
    std::vector<Seed> seeds;
    uint64_t evaluations = 0;
  };
  std::vector<Found> found(slices.size());
  const double floor = top.threshold();
  const size_t keep = top.keep();
  const Residue& shared = residue;
  parallel_for(size_t{0}, slices.size(), [&](size_t k) {
    const PairSlice& slice = slices[k];
    TopSeeds best(keep, floor);
    PairScorer scorer(shared, best, bounds);
    for (uint32_t v1 = slice.begin; v1 < slice.end; ++v1) {
      if (shared.histogram(slice.c1)[v1] < 2) continue;
      scorer.start(slice.c1, v1);
      scorer.kept_pairs(counts, slice.c1, v1);
    }
    found[k].seeds = best.take();
    found[k].evaluations = scorer.evaluations;
  });
  for (Found& f : found) {
    for (Seed& s : f.seeds) top.offer(std::move(s));
    evaluations += f.evaluations;
  }
}

// How a root step reads the pairs whose first item is in column c1.
struct ColumnPlan {
  bool kept = false;       // from the kept pair counts
  bool gridded = false;    // else from a pair grid for some later columns...
  bool grid_only = false;  // ...or for every later column
};

std::vector<ColumnPlan> plan_columns(Residue& residue, PairGrid::Setting setting) {
  const size_t d = residue.table().num_columns();
  std::vector<ColumnPlan> plans(d);
  for (size_t c1 = 0; c1 + 1 < d; ++c1) {
    ColumnPlan& plan = plans[c1];
    plan.kept = residue.has_pair_counts(c1);
    if (plan.kept) continue;
    const size_t covered = PairGrid::covered_columns(residue, c1, setting).size();
    plan.gridded = covered > 0;
    plan.grid_only = covered == d - c1 - 1;
  }
  // The grids' value bitmaps, built here, before any grid (those of a wave only read them).
  if (std::any_of(plans.begin(), plans.end(), [](const ColumnPlan& p) { return p.gridded; }))
    residue.prepare_value_bitmaps();
  return plans;
}

// Scores into the seeds `scorer` keeps the pairs whose first item is in column
// c1, in enumeration order: from the kept pair counts, or from a pair grid for the
// columns it covers and gathered rows for the others (engine/pair_grid.h); `earlier`:
// the runs earlier steps' grids counted, when held for c1 (or null). Adds the
// values the earlier runs' bounds passed over to `passed`. With `share_out` false it
// runs on the calling thread alone, and then only reads `residue` when the plan is
// grid_only.
void score_column_pairs(Residue& residue, size_t c1, const ColumnPlan& plan, RunCountBounds* earlier,
                        PairScorer& scorer, PairGrid::Setting setting, bool share_out, uint64_t& passed) {
  TopSeeds& top = scorer.top();
  const WorkTable& table = residue.table();
  const CostModel& model = residue.model();
  const size_t d = table.num_columns();
  uint64_t& evaluations = scorer.evaluations;
  std::optional<PairBounds>& bounds = scorer.bounds();
  auto check_run = [&](size_t c2, uint64_t most, uint64_t pairs) { return scorer.check_run(c2, most, pairs); };
  std::vector<bool> used(d, false);
  for (size_t c = 0; c <= c1; ++c) used[c] = true;
  const uint32_t card = table.column(c1).cardinality();
  std::optional<PairGrid> grid;
  bool gather = false;
  if (!plan.kept) {
    grid.emplace(residue, c1, setting);
    for (size_t c2 = c1 + 1; c2 < d; ++c2) {
      used[c2] = grid->covers(c2);
      gather = gather || !used[c2];
    }
  }
  // What the bounds from earlier counts say of v1's covered runs: every one passed over,
  // one not (count v1 and the values after it up to one they pass over), or one never
  // counted (count a whole block, as the first step does). Leaves the pair bounds started
  // on (c1, v1).
  enum class Earlier { kPassed, kRecount, kUnknown };
  auto earlier_says = [&](uint32_t v1) {
    bounds->start(Item{static_cast<uint32_t>(c1), v1});
    Earlier says = Earlier::kPassed;
    for (size_t c2 = c1 + 1; c2 < d; ++c2) {
      if (!grid->covers(c2)) continue;
      const std::optional<RunCountBounds::Bound> b = earlier->bound(c1, v1, c2);
      if (!b) return Earlier::kUnknown;
      if (b->most < 2 || says == Earlier::kRecount) continue;
      ++evaluations;
      if (check_run(c2, b->most, b->pairs) != PairBounds::Run::kSkip) says = Earlier::kRecount;
    }
    return says;
  };
  uint32_t block_end = 1;
  for (uint32_t v1 = 1; v1 <= card; ++v1) {
    if (residue.histogram(c1)[v1] < 2) continue;
    scorer.start(c1, v1);
    const CodedPattern& first = scorer.first();
    if (plan.kept) {
      scorer.kept_pairs(residue.pair_counts(), c1, v1);
      continue;
    }
    // A block of values is counted from the first value whose runs the earlier counts
    // cannot pass over; a value they do pass over has none of its covered pairs kept.
    bool counted = true;
    if (grid->covers_any() && v1 >= block_end) {
      const Earlier says = earlier ? earlier_says(v1) : Earlier::kUnknown;
      if (says == Earlier::kPassed) {
        counted = false;
        ++passed;
      } else {
        uint32_t limit = UINT32_MAX;
        if (says == Earlier::kRecount) {
          // (The threshold can only rise before those values are reached: a value
          // counted here that would have been passed over costs counts, not seeds.)
          limit = v1 + 1;
          while (limit <= card && earlier_says(limit) != Earlier::kPassed) ++limit;
          bounds->start(first.items[0]);
        }
        block_end = grid->count_block(v1, limit, share_out);
        if (earlier) {
          for (uint32_t v = v1; v < block_end; ++v)
            for (size_t c2 = c1 + 1; c2 < d; ++c2)
              if (grid->covers(c2)) earlier->record(c1, v, c2, grid->most(v, c2), grid->pairs(v, c2));
        }
      }
    }
    std::vector<Candidate> gathered;
    if (gather) {
      std::vector<RowId> rows = residue.rows_matching(first.items);
      gathered = residue.extensions(first, &rows, used);
    }
    // The spec's order: column, then value, whichever way a column's pairs were counted.
    size_t next = 0;
    for (size_t c2 = c1 + 1; c2 < d; ++c2) {
      if (!grid->covers(c2)) {
        for (; next < gathered.size() && gathered[next].column == c2; ++next) {
          const Candidate& c = gathered[next];
          if (!top.wants(c.saving)) continue;
          Seed s{first, c.saving, c.count};
          add_item(s.pattern, model, c.column, c.code);
          top.offer(std::move(s));
        }
        continue;
      }
      if (!counted) continue;
      const uint32_t most = grid->most(v1, c2);
      if (most < 2) continue;
      ++evaluations;
      const PairBounds::Run check = check_run(c2, most, grid->pairs(v1, c2));
      if (check == PairBounds::Run::kSkip) continue;
      const uint32_t* counts = grid->run(v1, c2);
      const uint32_t card2 = table.column(c2).cardinality();
      for (uint32_t v2 = 1; v2 <= card2; ++v2)
        if (counts[v2] >= 2) scorer.offer(c2, v2, counts[v2], check);
    }
  }
}

// Pair bounds for each thread of a root step (copies of the step's, made on first use).
using ThreadBounds = tbb::enumerable_thread_specific<std::optional<PairBounds>>;

// Scores the pairs of a wave's columns, each grid_only, side by side, one column a task
// (its grid counted on its own thread): each column keeps its own `keep` best above
// `top`'s threshold, and the columns' seeds are then offered to `top` in column order:
// the same seeds as one pass, by the argument of score_kept_pairs_in_slices. A thread's
// pair bounds serve every column it scores (their terms depend on R alone).
void score_grid_columns_side_by_side(Residue& residue, ColumnWave wave, const std::vector<ColumnPlan>& plans,
                                     const std::vector<RunCountBounds*>& earlier, ThreadBounds& thread_bounds,
                                     PairScorer& scorer, TopSeeds& top, PairGrid::Setting setting,
                                     uint64_t& passed) {
  const size_t first = wave.first, last = wave.last;
  struct Found {
    std::vector<Seed> seeds;
    uint64_t evaluations = 0, passed = 0;
  };
  std::vector<Found> found(last - first);
  const double floor = top.threshold();
  const size_t keep = top.keep();
  parallel_for(first, last, [&](size_t c1) {
    TopSeeds best(keep, floor);
    std::optional<PairBounds>& bounds = thread_bounds.local();
    PairScorer column(residue, best, std::move(bounds));
    Found& f = found[c1 - first];
    score_column_pairs(residue, c1, plans[c1], earlier[c1], column, setting, /*share_out=*/false, f.passed);
    if (column.bounds()) bounds.emplace(std::move(*column.bounds()));  // (not assignable)
    f.seeds = best.take();
    f.evaluations = column.evaluations;
  });
  for (Found& f : found) {
    for (Seed& s : f.seeds) top.offer(std::move(s));
    scorer.evaluations += f.evaluations;
    passed += f.passed;
  }
}

}  // namespace

// Below kSlicedPairs pairs to read, kept pairs are scored in one pass; above, in about
// kSlices slices of equal reading. Both set on this machine's tables (flights-3m under
// entropy: docs/benchmarks.md, "Entropy: kept pairs scored in slices").
constexpr uint64_t kSlicedPairs = uint64_t{1} << 12;
constexpr uint64_t kSlices = 16;
// Runs of at least two consecutive grid_only columns are scored side by side, in waves
// of 2, 4, then kColumnWave columns: a column's seeds raise the threshold only for the
// waves after its own, and a step's threshold rises most at its first columns (on the
// planted 50,000 x 300 table, waves of 8 from the start counted 7.9 % more of the grids'
// rows than one pass, these 3.5 %; docs/benchmarks.md, "Entropy: grid columns side by side").
constexpr size_t kColumnWave = 8;

namespace {

std::vector<ColumnWave> waves_of(const std::vector<ColumnPlan>& plans) {
  std::vector<ColumnWave> waves;
  const size_t d = plans.size();
  size_t size = 2;
  for (size_t c1 = 0; c1 + 1 < d;) {
    size_t end = c1;
    while (end + 1 < d && plans[end].grid_only) ++end;
    for (; end - c1 >= 2; size = std::min(2 * size, kColumnWave)) {
      const size_t last = std::min(end, c1 + size);
      waves.push_back({c1, last});
      c1 = last;
    }
    c1 = std::max(end, c1 + 1);  // (a lone grid_only column is scored on its own)
  }
  return waves;
}

}  // namespace

std::vector<ColumnWave> grid_column_waves(Residue& residue) {
  if (!kept_pair_slices(residue).empty()) return {};
  return waves_of(plan_columns(residue, PairGrid::setting()));
}

std::vector<PairSlice> kept_pair_slices(Residue& residue) {
  const WorkTable& table = residue.table();
  const size_t d = table.num_columns();
  for (size_t c1 = 0; c1 + 1 < d; ++c1)
    if (!residue.has_pair_counts(c1)) return {};
  const PairCounts& counts = residue.pair_counts();
  // A first item weighs 1 + the pairs of its runs that may be read.
  std::vector<std::vector<uint64_t>> weights(d);
  uint64_t total = 0;
  for (size_t c1 = 0; c1 + 1 < d; ++c1) {
    const uint32_t card = table.column(c1).cardinality();
    weights[c1].assign(card + size_t{1}, 0);
    for (uint32_t v1 = 1; v1 <= card; ++v1) {
      if (residue.histogram(c1)[v1] < 2) continue;
      uint64_t w = 1;
      for (size_t c2 = c1 + 1; c2 < d; ++c2)
        if (counts.bound(c1, c2, v1) >= 2) w += counts.run(c1, c2, v1).size;
      weights[c1][v1] = w;
      total += w;
    }
  }
  if (total < kSlicedPairs) return {};
  std::vector<PairSlice> slices;
  const uint64_t share = total / kSlices + 1;
  for (size_t c1 = 0; c1 + 1 < d; ++c1) {
    const uint32_t card = table.column(c1).cardinality();
    uint64_t held = 0;
    uint32_t begin = 1;
    for (uint32_t v1 = 1; v1 <= card; ++v1) {
      held += weights[c1][v1];
      if (held >= share || v1 == card) {
        slices.push_back(PairSlice{c1, begin, v1 + 1});
        begin = v1 + 1;
        held = 0;
      }
    }
  }
  return slices;
}

std::vector<Seed> root_seeds(Residue& residue, bool pairs, size_t keep) {
  const WorkTable& table = residue.table();
  const CostModel& model = residue.model();
  const size_t d = table.num_columns();
  TopSeeds top(keep);
  std::vector<bool> none(d, false);
  for (const Candidate& c : residue.extensions(CodedPattern{}, nullptr, none)) {
    if (!top.wants(c.saving)) continue;  // (built only when kept: this runs for every value)
    Seed s;
    add_item(s.pattern, model, c.column, c.code);
    s.saving = c.saving;
    s.count = c.count;
    top.offer(std::move(s));
  }
  if (!pairs) return top.take();
  // Runs and pairs whose bound cannot beat the seeds kept so far are passed over: none of
  // them would be kept (engine/pair_bounds.h; under entropy only).
  PairScorer scorer(residue, top);
  if (const std::vector<PairSlice> slices = kept_pair_slices(residue); !slices.empty()) {
    score_kept_pairs_in_slices(residue, slices, scorer.bounds(), top, scorer.evaluations);
    residue.count_evaluations(scorer.evaluations);
    return top.take();
  }
  const PairGrid::Setting setting = PairGrid::setting();
  const std::vector<ColumnPlan> plans = plan_columns(residue, setting);
  // The runs of earlier steps, for the columns whose runs are held (the budget is taken
  // in column order).
  std::vector<RunCountBounds*> earlier(d, nullptr);
  for (size_t c1 = 0; c1 + 1 < d; ++c1) {
    if (scorer.bounds() && plans[c1].gridded && residue.run_count_bounds().holds(c1))
      earlier[c1] = &residue.run_count_bounds();
  }
  const std::vector<ColumnWave> waves = waves_of(plans);
  ThreadBounds thread_bounds([&] { return scorer.bounds(); });
  uint64_t passed = 0;
  size_t next_wave = 0;
  for (size_t c1 = 0; c1 + 1 < d;) {
    if (next_wave < waves.size() && waves[next_wave].first == c1) {
      const ColumnWave wave = waves[next_wave++];
      score_grid_columns_side_by_side(residue, wave, plans, earlier, thread_bounds, scorer, top, setting, passed);
      c1 = wave.last;
      continue;
    }
    score_column_pairs(residue, c1, plans[c1], earlier[c1], scorer, setting, /*share_out=*/true, passed);
    ++c1;
  }
  if (passed > 0) residue.run_count_bounds().count_passed(passed);
  residue.count_evaluations(scorer.evaluations);
  return top.take();
}

Candidate best_extension_of(Residue& residue, const CodedPattern& p, const std::vector<RowId>& rows) {
  std::vector<bool> used = used_columns(residue.table().num_columns(), p);
  return residue.best_extension(p, &rows, used);
}

Seed expand_seed(Residue& residue, Seed seed, std::vector<RowId>* rows_out) {
  const size_t d = residue.table().num_columns();
  std::vector<RowId> rows = residue.rows_matching(seed.pattern.items);
  while (seed.pattern.items.size() < d) {
    Candidate best = best_extension_of(residue, seed.pattern, rows);
    if (!best.found || !(best.saving > seed.saving)) break;
    add_item(seed.pattern, residue.model(), best.column, best.code);
    seed.saving = best.saving;
    seed.count = best.count;
    rows = filter_equal(residue.table().column(best.column), RowSet{false, residue.table().rows(), rows}, best.code);
  }
  if (rows_out) *rows_out = std::move(rows);
  return seed;
}

}  // namespace tsum
