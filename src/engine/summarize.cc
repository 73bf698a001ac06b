#include "tsum/summarize.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>

#include "engine/cost_model.h"
#include "engine/entropy_coder.h"
#include "engine/greedy_search.h"
#include "engine/marshalling.h"
#include "engine/work_table.h"
#include "report/column_summary.h"
#include "report/progress.h"
#include "table/arena_threads.h"
#include "tsum/error.h"

namespace tsum {

Summary summarize(const Table& table, const SummarizeOptions& options) {
  if (table.rows() > UINT32_MAX) {
    throw UsageError("table has " + std::to_string(table.rows()) +
                     " rows; one summarize() call handles at most 4294967295 (use the Dask front end)");
  }
  Summary summary;
  summary.cost_model = options.cost_model;
  summary.search = options.search;
  summary.rows = table.rows();
  summary.columns = table.column_names();

  CostModel model(options.cost_model, table);
  summary.table_bits = model.table_bits(table);
  summary.column_summaries = summarize_columns(table);  // for reports

  tbb::task_arena arena(arena_threads(options.threads));
  std::vector<CodedPattern> found;
  std::vector<RankedPattern> ranked;
  arena.execute([&] {
    auto t0 = std::chrono::steady_clock::now();
    WorkTable work(table, options.collapse_duplicate_rows);
    // Search progress, reported from this thread (tsum/progress.h).
    ProgressMeter progress(options.progress, Progress{.stage = Progress::Stage::kSearch, .rows_left = table.rows(),
                                                      .rows_total = table.rows()});
    found = greedy_patterns(work, model, &progress);
    progress.finish();
    progress.start(Progress{.stage = Progress::Stage::kRank, .patterns = found.size(), .rows_total = table.rows()});
    auto t1 = std::chrono::steady_clock::now();
    if (model.kind() == CostModelKind::kEntropy) {
      std::vector<std::vector<uint64_t>> counts;
      for (size_t c = 0; c < work.num_columns(); ++c) counts.push_back(work.column(c).code_counts());
      EntropyMarshalScorer scorer(model, counts, found);
      ranked = marshal(work, model, found, &scorer);
    } else {
      ranked = marshal(work, model, found);
    }
    auto t2 = std::chrono::steady_clock::now();
    summary.expand_seconds = std::chrono::duration<double>(t1 - t0).count();
    summary.marshal_seconds = std::chrono::duration<double>(t2 - t1).count();
  });

  summary.total_patterns = ranked.size();
  size_t keep = options.limit ? std::min(*options.limit, ranked.size()) : ranked.size();
  const double total_rows = static_cast<double>(table.rows());
  for (size_t i = 0; i < ranked.size(); ++i) {
    const RankedPattern& r = ranked[i];
    summary.total_saving += r.saving;
    summary.covered_rows = r.covered_rows;
    if (i >= keep) continue;
    SummaryPattern out;
    // Shown in table column order, which reads best; the engine's sums use discovery order.
    std::vector<Item> items = found[r.index].items;
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.column < b.column; });
    for (const Item& item : items) {
      const Column& column = table.column(item.column);
      out.items.push_back(PatternItem{column.name(), std::string(column.value(item.code))});
    }
    out.saving = r.saving;
    out.rows = r.rows;
    out.coverage = 100.0 * static_cast<double>(r.rows) / total_rows;
    out.cumulative_coverage = 100.0 * static_cast<double>(r.covered_rows) / total_rows;
    summary.patterns.push_back(std::move(out));
  }
  return summary;
}

}  // namespace tsum
