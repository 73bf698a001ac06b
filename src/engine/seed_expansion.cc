#include "engine/seed_expansion.h"

#include <algorithm>
#include <optional>

#include "engine/pair_bounds.h"
#include "engine/pair_grid.h"
#include "engine/run_count_bounds.h"

namespace tsum {
namespace {

std::vector<bool> used_columns(size_t d, const CodedPattern& p) {
  std::vector<bool> used(d, false);
  for (const Item& item : p.items) used[item.column] = true;
  return used;
}

// Keeps the `keep` best of a stream of seeds met in enumeration order.
class TopSeeds {
 public:
  explicit TopSeeds(size_t keep) : keep_(keep) {}
  // Whether a seed with this saving would be kept (lets callers skip building it).
  bool wants(double saving) const { return saving > threshold(); }
  // What a seed must save more than to be kept.
  double threshold() const { return keep_ && seeds_.size() == keep_ ? seeds_.back().saving : 0.0; }
  void offer(Seed s) {
    if (!wants(s.saving)) return;
    // Insert after every seed with a saving >= s's: equal savings keep enumeration order.
    auto at = std::upper_bound(seeds_.begin(), seeds_.end(), s.saving,
                               [](double v, const Seed& x) { return v > x.saving; });
    seeds_.insert(at, std::move(s));
    if (keep_ && seeds_.size() > keep_) seeds_.pop_back();
  }
  std::vector<Seed> take() { return std::move(seeds_); }

 private:
  size_t keep_;
  std::vector<Seed> seeds_;
};

}  // namespace

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
  if (pairs) {
    uint64_t evaluations = 0;  // pair savings and bounds (extensions() counts its own)
    CodedPattern first;  // {(c1, v1)}, one for every v1 in turn
    // Runs and pairs whose bound cannot beat the seeds kept so far are passed over: none
    // of them would be kept (engine/pair_bounds.h; +infinity but under entropy).
    std::optional<PairBounds> bounds;
    if (model.kind() == CostModelKind::kEntropy) bounds.emplace(residue);
    auto check_run = [&](size_t c2, uint64_t most, uint64_t pairs) {
      return bounds ? bounds->check_run(c2, most, pairs, top.threshold()) : PairBounds::Run::kScore;
    };
    // Scores the pair (first, (c2, v2)) of n >= 2 rows and keeps it if it is among the best.
    auto offer = [&](size_t c2, uint32_t v2, uint64_t n, PairBounds::Run run) {
      ++evaluations;
      if (run == PairBounds::Run::kBoundEach && !(bounds->pair(c2, n) > top.threshold())) return;
      const Item extra{static_cast<uint32_t>(c2), v2};
      const double saving = residue.saving(first, &extra, n);
      if (!top.wants(saving)) return;
      Seed s{first, saving, n};
      add_item(s.pattern, model, extra.column, extra.code);
      top.offer(std::move(s));
    };
    const PairGrid::Setting grid_setting = PairGrid::setting();
    for (size_t c1 = 0; c1 + 1 < d; ++c1) {
      std::vector<bool> used(d, false);
      for (size_t c = 0; c <= c1; ++c) used[c] = true;
      const uint32_t card = table.column(c1).cardinality();
      // Without pair counts, the pairs of the columns a grid covers are counted a block of
      // values at a time; the others are gathered value by value (engine/pair_grid.h).
      const bool kept = residue.has_pair_counts(c1);
      std::optional<PairGrid> grid;
      bool gather = false;
      RunCountBounds* earlier = nullptr;  // what earlier steps' grids counted, when held
      if (!kept) {
        grid.emplace(residue, c1, grid_setting);
        for (size_t c2 = c1 + 1; c2 < d; ++c2) {
          used[c2] = grid->covers(c2);
          gather = gather || !used[c2];
        }
        if (bounds && grid->covers_any() && residue.run_count_bounds().holds(c1)) earlier = &residue.run_count_bounds();
      }
      // What the bounds from earlier counts say of v1's covered runs: every one passed
      // over, one not (count v1 and the values after it up to one they pass over), or
      // one never counted (count a whole block, as the first step does). Leaves the pair
      // bounds started on (c1, v1).
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
        first.items.clear();
        first.sum_bits = 0;
        add_item(first, model, static_cast<uint32_t>(c1), v1);
        if (bounds) bounds->start(first.items[0]);
        if (kept) {
          // The same candidates in the same order as extensions() below, from the counts.
          PairCounts& pair_counts = residue.pair_counts();
          for (size_t c2 = c1 + 1; c2 < d; ++c2) {
            const uint64_t most = pair_counts.bound(c1, c2, v1);
            if (most < 2) continue;
            ++evaluations;
            const PairCounts::Run run = pair_counts.run(c1, c2, v1);
            const PairBounds::Run check = check_run(c2, most, run.size);
            if (check == PairBounds::Run::kSkip) continue;
            uint64_t largest = 0;
            for (size_t i = 0; i < run.size; ++i) {
              const uint64_t n = run.counts[i];
              largest = std::max(largest, n);
              if (n >= 2) offer(c2, run.code(i), n, check);
            }
            pair_counts.tighten(c1, c2, v1, largest);
          }
          continue;
        }
        // A block of values is counted from the first value whose runs the earlier counts
        // cannot pass over; a value they do pass over has none of its covered pairs kept.
        bool counted = true;
        if (grid->covers_any() && v1 >= block_end) {
          const Earlier says = earlier ? earlier_says(v1) : Earlier::kUnknown;
          if (says == Earlier::kPassed) {
            counted = false;
            earlier->count_passed();
          } else {
            uint32_t limit = UINT32_MAX;
            if (says == Earlier::kRecount) {
              // (The threshold can only rise before those values are reached: a value
              // counted here that would have been passed over costs counts, not seeds.)
              limit = v1 + 1;
              while (limit <= card && earlier_says(limit) != Earlier::kPassed) ++limit;
              bounds->start(first.items[0]);
            }
            block_end = grid->count_block(v1, limit);
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
            if (counts[v2] >= 2) offer(c2, v2, counts[v2], check);
        }
      }
    }
    residue.count_evaluations(evaluations);
  }
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
