#include "engine/search.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "engine/beam_search.h"
#include "engine/bottom_up_search.h"
#include "engine/entropy_marshal_scorer.h"
#include "engine/fill.h"
#include "engine/refine.h"
#include "engine/residue.h"
#include "engine/seed_expansion.h"
#include "engine/greedy_search.h"
#include "engine/whole_table_seeds.h"
#include "report/progress.h"
#include "tsum/error.h"
#include "tsum/summary.h"

namespace tsum {

namespace {

// Beam: from this many table rows on (where its time budget is 1.5 x greedy's), only
// greedy's list and a refinement of at most kRefineRowBudget / rows marshallings
// (at least 1, at most kRefineBudget); below, at most kFillRounds fill rounds.
constexpr uint64_t kLargeRows = 1'000'000;
constexpr uint64_t kRefineRowBudget = 4'000'000;
constexpr int kFillRounds = 2;
// Beam's other starting points: the best max(K, kStartingSeeds) seeds under the
// per-value cost models, K under entropy, where each one is a pair-seeded search of the
// whole residue costing several times as much (docs/quality.md measures both).
constexpr size_t kStartingSeeds = 8;

// a's patterns, then b's that are not in a (as item sets).
std::vector<CodedPattern> union_of(const std::vector<CodedPattern>& a, const std::vector<CodedPattern>& b) {
  auto key = [](const CodedPattern& p) {
    std::vector<std::pair<uint32_t, uint32_t>> k;
    for (const Item& item : p.items) k.emplace_back(item.column, item.code);
    std::sort(k.begin(), k.end());
    return k;
  };
  std::set<std::vector<std::pair<uint32_t, uint32_t>>> seen;
  std::vector<CodedPattern> out;
  for (const auto* list : {&a, &b})
    for (const CodedPattern& p : *list)
      if (seen.insert(key(p)).second) out.push_back(p);
  return out;
}

}  // namespace

std::vector<RankedPattern> rank_patterns(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& found,
                                         const std::vector<std::vector<uint64_t>>& counts,
                                         const SearchOptions& search, SearchCounters* counters,
                                         const BesideRanking& beside) {
  if (model.kind() != CostModelKind::kEntropy) return marshal(table, model, found, nullptr, search, counters, beside);
  EntropyMarshalScorer scorer(model, counts, found);
  return marshal(table, model, found, &scorer, search, counters, beside);
}

SearchResult search_and_rank(const WorkTable& table, const CostModel& model, const SummarizeOptions& options,
                             ProgressMeter* progress, const std::vector<std::vector<uint64_t>>* counts,
                             const BesideRanking& beside) {
  std::vector<std::vector<uint64_t>> own;
  if (!counts) {
    for (size_t c = 0; c < table.num_columns(); ++c) own.push_back(table.column(c).code_counts());
    counts = &own;
  }
  SearchResult out;
  SearchOptions search{.path = options.search_path};
  if (search.path == SearchPath::kIncremental) search.lazy_reads_per_match = 0.25;  // gives way early
  auto t0 = std::chrono::steady_clock::now();
  auto rank_stage = [&](size_t patterns) {
    if (!progress) return;
    progress->finish();
    progress->start(Progress{.stage = Progress::Stage::kRank, .patterns = patterns, .rows_total = table.table_rows()});
  };
  switch (options.search) {
    case SearchKind::kGreedy: {
      out.found = greedy_patterns(table, model, progress, search, &out.counters);
      rank_stage(out.found.size());
      auto t1 = std::chrono::steady_clock::now();
      out.ranked = rank_patterns(table, model, out.found, *counts, search, &out.counters, beside);
      out.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
      out.marshal_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      return out;
    }
    case SearchKind::kBeam: {
      // On large tables every marshalling costs about what greedy's own does: beam
      // generation, the other starting points and filling are left out there, and
      // refinement gets a budget of marshallings that shrinks with the rows.
      // Rows of the table (not work rows, which depend on row collapsing and on the Dask
      // driver's gathering), so every front end takes the same steps.
      const uint64_t rows = table.table_rows();
      const bool large = rows >= kLargeRows;
      const size_t budget = std::clamp<uint64_t>(kRefineRowBudget / std::max<uint64_t>(rows, 1), 1, kRefineBudget);
      const bool entropy = model.kind() == CostModelKind::kEntropy;
      const size_t starts = entropy ? options.beam : std::max<size_t>(options.beam, kStartingSeeds);
      // Greedy, beam generation, the other starting points and filling all take their
      // first step on the whole table: one root step serves them (under entropy on a
      // wide table each costs a count of every value pair).
      // (A large table runs only the greedy list from the whole table: nothing to share,
      // and the greedy step alone needs one seed, not `starts`.)
      WholeTableSeeds whole(std::max<size_t>(starts, 1));
      std::vector<CodedPattern> greedy =
          greedy_patterns(table, model, progress, search, &out.counters, large ? nullptr : &whole);
      // Below the threshold refinement's many marshallings reuse each pattern's rows.
      std::optional<PatternRowCache> rows_cache;
      if (!large) rows_cache.emplace(table);
      PatternRowCache* cache = rows_cache ? &*rows_cache : nullptr;
      std::vector<CodedPattern> beam;
      if (!large) beam = beam_patterns(table, model, options.beam, nullptr, search, &out.counters, &whole);
      rank_stage(greedy.size() + beam.size());
      auto t1 = std::chrono::steady_clock::now();
      RankedList list = ranked_list(table, model, greedy, *counts, cache, &out.counters);
      if (!beam.empty()) {
        RankedList both = ranked_list(table, model, union_of(greedy, beam), *counts, cache, &out.counters);
        if (both.total > list.total) list = std::move(both);
      }
      if (!large) {
        // Other starting points: the greedy search after each of the next best seeds.
        Residue residue(table, model);
        std::vector<Seed> seeds = whole.best(residue, starts);
        for (size_t i = 1; i < seeds.size(); ++i) {
          Seed first = expand_seed(residue, std::move(seeds[i]));
          RankedList other =
              ranked_list(table, model, greedy_after(table, model, first.pattern, search, &out.counters), *counts,
                          cache, &out.counters);
          if (other.total > list.total) list = std::move(other);
        }
        out.counters.expand_evaluations += residue.evaluations();
      }
      list = refine(table, model, std::move(list), *counts, budget, cache, &out.counters);
      // Re-marshal with patterns for the rows the refined list no longer covers.
      for (int round = 0; round < (large ? 0 : kFillRounds); ++round) {
        std::vector<CodedPattern> extra = fill_patterns(table, model, list, search, &out.counters, &whole);
        if (extra.empty()) break;
        std::vector<CodedPattern> ranked;
        for (const RankedPattern& r : list.ranked) ranked.push_back(list.pool[r.index]);
        RankedList filled = ranked_list(table, model, union_of(ranked, extra), *counts, cache, &out.counters);
        if (!(filled.total > list.total)) break;
        list = refine(table, model, std::move(filled), *counts, budget, cache, &out.counters);
      }
      out.found = std::move(list.pool);
      out.ranked = std::move(list.ranked);
      out.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
      out.marshal_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      return out;
    }
    case SearchKind::kBottomUp: {
      out.found = bottom_up_patterns(table, model);
      rank_stage(out.found.size());
      auto t1 = std::chrono::steady_clock::now();
      out.ranked = rank_patterns(table, model, out.found, *counts, {}, nullptr, beside);
      out.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
      out.marshal_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      return out;
    }
  }
  return out;
}

const char* search_name(SearchKind kind) {
  switch (kind) {
    case SearchKind::kGreedy: return "greedy";
    case SearchKind::kBeam: return "beam";
    case SearchKind::kBottomUp: return "bottom-up";
  }
  return "?";
}

SearchKind parse_search(const std::string& name) {
  if (name == "greedy") return SearchKind::kGreedy;
  if (name == "beam") return SearchKind::kBeam;
  if (name == "bottom-up") return SearchKind::kBottomUp;
  throw UsageError("unknown search '" + name + "' (expected greedy, beam or bottom-up)");
}

}  // namespace tsum
