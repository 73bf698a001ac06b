#include "engine/search.h"

#include <chrono>

#include "engine/entropy_coder.h"
#include "engine/greedy_search.h"
#include "report/progress.h"
#include "tsum/error.h"
#include "tsum/summary.h"

namespace tsum {

std::vector<RankedPattern> rank_patterns(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& found,
                                         const std::vector<std::vector<uint64_t>>& counts) {
  if (model.kind() != CostModelKind::kEntropy) return marshal(table, model, found);
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
  auto t0 = std::chrono::steady_clock::now();
  switch (options.search) {
    case SearchKind::kGreedy: out.found = greedy_patterns(table, model, progress); break;
    case SearchKind::kBeam:
    case SearchKind::kBottomUp:
      throw UsageError(std::string("--search ") + search_name(options.search) + " is not available yet");
  }
  if (progress) {
    progress->finish();
    progress->start(Progress{.stage = Progress::Stage::kRank, .patterns = out.found.size(), .rows_total = table.table_rows()});
  }
  auto t1 = std::chrono::steady_clock::now();
  out.ranked = rank_patterns(table, model, out.found, *counts);
  auto t2 = std::chrono::steady_clock::now();
  out.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
  out.marshal_seconds = std::chrono::duration<double>(t2 - t1).count();
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
