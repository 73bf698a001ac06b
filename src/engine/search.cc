#include "engine/search.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "engine/beam_search.h"
#include "engine/bottom_up_search.h"
#include "engine/entropy_coder.h"
#include "engine/refine.h"
#include "engine/greedy_search.h"
#include "report/progress.h"
#include "tsum/error.h"
#include "tsum/summary.h"

namespace tsum {

namespace {

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
                                         const SearchOptions& search, SearchCounters* counters) {
  if (model.kind() != CostModelKind::kEntropy) return marshal(table, model, found, nullptr, search, counters);
  EntropyMarshalScorer scorer(model, counts, found);
  return marshal(table, model, found, &scorer);
}

SearchResult search_and_rank(const WorkTable& table, const CostModel& model, const SummarizeOptions& options,
                             ProgressMeter* progress, const std::vector<std::vector<uint64_t>>* counts) {
  std::vector<std::vector<uint64_t>> own;
  if (!counts) {
    for (size_t c = 0; c < table.num_columns(); ++c) own.push_back(table.column(c).code_counts());
    counts = &own;
  }
  SearchResult out;
  const SearchOptions search{.path = options.search_path};
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
      out.ranked = rank_patterns(table, model, out.found, *counts, search, &out.counters);
      out.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
      out.marshal_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      return out;
    }
    case SearchKind::kBeam: {
      std::vector<CodedPattern> greedy = greedy_patterns(table, model, progress, search, &out.counters);
      std::vector<CodedPattern> beam = beam_patterns(table, model, options.beam, nullptr);
      rank_stage(greedy.size() + beam.size());
      auto t1 = std::chrono::steady_clock::now();
      RankedList list = ranked_list(table, model, greedy, *counts);
      RankedList both = ranked_list(table, model, union_of(greedy, beam), *counts);
      if (both.total > list.total) list = std::move(both);
      list = refine(table, model, std::move(list), *counts);
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
      out.ranked = rank_patterns(table, model, out.found, *counts);
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
