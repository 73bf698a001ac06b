#include "tsum/summarize.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <optional>

#include "engine/cost_model.h"
#include "engine/search.h"
#include "engine/work_table.h"
#include "report/column_summary.h"
#include "report/progress.h"
#include "table/arena_threads.h"
#include "table/parallel_for.h"
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

  tbb::task_arena arena(arena_threads(options.threads));
  std::optional<CostModel> built;  // on the arena: the entropy model fills its table there
  arena.execute([&] { built.emplace(options.cost_model, table); });
  const CostModel& model = *built;
  summary.table_bits = model.table_bits(table);
  summary.column_summaries = summarize_columns(table);  // for reports

  std::vector<CodedPattern> found;
  std::vector<RankedPattern> ranked;
  // A pattern as reports name it: (column, value) strings, in table column order, which
  // reads best (the engine's sums use discovery order).
  auto name = [&table](const CodedPattern& p) {
    std::vector<Item> items = p.items;
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.column < b.column; });
    std::vector<PatternItem> named;
    named.reserve(items.size());
    for (const Item& item : items) {
      const Column& column = table.column(item.column);
      named.push_back(PatternItem{column.name(), std::string(column.value(item.code))});
    }
    return named;
  };
  // Names allocate a few strings a pattern (0.02 s for 10^5 patterns on one thread), so
  // they are made in blocks on the arena. With a second thread and every pattern to be
  // reported, every pattern found is named while the patterns are ranked (a mostly serial
  // loop); else only those reported, after.
  constexpr size_t kPatternsPerTask = 1024;
  auto in_blocks = [&](size_t n, const auto& f) {
    tsum::parallel_for(size_t{0}, (n + kPatternsPerTask - 1) / kPatternsPerTask, [&](size_t block) {
      for (size_t i = block * kPatternsPerTask; i < std::min(n, (block + 1) * kPatternsPerTask); ++i) f(i);
    });
  };
  std::vector<std::vector<PatternItem>> names_found;  // by index into `found`, when named beside
  BesideRanking name_beside;
  if (arena_threads(options.threads) > 1 && !(options.limit && *options.limit > 0)) {
    name_beside = [&](const std::vector<CodedPattern>& patterns) {
      names_found.resize(patterns.size());
      in_blocks(patterns.size(), [&](size_t i) { names_found[i] = name(patterns[i]); });
    };
  }
  arena.execute([&] {
    WorkTable work(table, options.collapse_duplicate_rows);
    // Search progress, reported from this thread (tsum/progress.h).
    ProgressMeter progress(options.progress, Progress{.stage = Progress::Stage::kSearch, .rows_left = table.rows(),
                                                      .rows_total = table.rows()});
    SearchResult result = search_and_rank(work, model, options, &progress, nullptr, name_beside);
    found = std::move(result.found);
    ranked = std::move(result.ranked);
    summary.expand_seconds = result.expand_seconds;
    summary.marshal_seconds = result.marshal_seconds;
    summary.expand_evaluations = result.counters.expand_evaluations;
    summary.marshal_evaluations = result.counters.marshal_evaluations;
  });

  summary.total_patterns = ranked.size();
  summary.limited = options.limit.has_value();
  size_t keep = options.limit && *options.limit > 0 ? std::min(*options.limit, ranked.size()) : ranked.size();  // 0: all
  for (const RankedPattern& r : ranked) {
    summary.total_saving += r.saving;  // in rank order: the same double whatever the threads
    summary.covered_rows = r.covered_rows;
  }
  const double total_rows = static_cast<double>(table.rows());
  const bool named = names_found.size() == found.size() && !found.empty();
  summary.patterns.resize(keep);
  arena.execute([&] {
    in_blocks(keep, [&](size_t i) {
      const RankedPattern& r = ranked[i];
      SummaryPattern& out = summary.patterns[i];
      out.items = named ? std::move(names_found[r.index]) : name(found[r.index]);
      out.saving = r.saving;
      out.rows = r.rows;
      out.coverage = 100.0 * static_cast<double>(r.rows) / total_rows;
      out.cumulative_coverage = 100.0 * static_cast<double>(r.covered_rows) / total_rows;
    });
  });
  return summary;
}

}  // namespace tsum
