#include "engine/marshalling.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "engine/first_max_tree.h"
#include "engine/kernels.h"
#include "engine/pattern_matches.h"
#include "engine/row_bits.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

// A round taking at least this many rows shares them out in blocks of kRankBlock.
constexpr size_t kParallelRankRows = size_t{1} << 13;
constexpr size_t kRankBlock = size_t{1} << 12;
constexpr size_t kRankBatch = 32;  // rows whose misses a ranking round overlaps
// At least this many bounds of a scorer's are computed side by side (each ~50 ns under
// `entropy` on flights-3m: 256 of them outweigh the hand-off of a few us).
constexpr size_t kParallelBounds = 256;

// A round's rows taken one batch at a time, in passes: most rounds of a table with many
// patterns take a few rows each, and each row leads to its offsets, then its patterns,
// then each pattern's count — a chain of cache misses that prefetching a fixed distance
// ahead within one short list never reaches. Loading each link for the whole batch before
// following it lets the misses overlap: `touch(q)` prefetches what lose(q, w) and the
// re-evaluation after the round will read of pattern q. Same order of losses as the
// row-by-row loop. Returns the weight taken.
template <class Touch, class Lose>
uint64_t take_rows_in_batches(const WorkTable& table, const Matches& m, const std::vector<bool>& ranked,
                              std::span<const RowId> match_rows, RowBits& left, const Touch& touch,
                              const Lose& lose) {
  uint64_t taken = 0;
  struct Loss {
    uint32_t pattern;
    uint64_t weight;
  };
  RowId fresh[kRankBatch];  // uninitialised: filled before read
  Loss losses[kRankBatch * 4];
  const size_t max_losses = kRankBatch * 4;
  for (size_t first = 0; first < match_rows.size(); first += kRankBatch) {
    const std::span<const RowId> batch = match_rows.subspan(first, std::min(kRankBatch, match_rows.size() - first));
    size_t n = 0;
    for (RowId row : batch) {
      if (!left.contains(row)) continue;
      __builtin_prefetch(&m.row_start[row]);
      fresh[n++] = row;
    }
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&m.row_patterns[m.row_start[fresh[i]]]);
    size_t l = 0;
    for (size_t i = 0; i < n; ++i) {
      const RowId row = fresh[i];
      left.erase(row);
      const uint64_t w = table.weight(row);
      taken += w;
      for (uint32_t k = m.row_start[row]; k < m.row_start[row + 1]; ++k) {
        const uint32_t q = m.row_patterns[k];
        if (ranked[q]) continue;
        if (l == max_losses) {  // rows of many patterns: apply what is held
          for (size_t j = 0; j < l; ++j) lose(losses[j].pattern, losses[j].weight);
          l = 0;
        }
        touch(q);
        losses[l++] = {q, w};
      }
    }
    for (size_t j = 0; j < l; ++j) lose(losses[j].pattern, losses[j].weight);
  }
  return taken;
}

// Cuts ascending rows into blocks of about kRankBlock, each starting on a new word of
// the residue's RowBits: offsets into `rows`, the last its size.
std::vector<size_t> word_aligned_blocks(std::span<const RowId> rows) {
  const size_t n = rows.size();
  std::vector<size_t> start{0};
  for (size_t i = kRankBlock; i < n; i += kRankBlock) {
    size_t b = std::max(i, start.back() + 1);
    while (b < n && rows[b] >> 6 == rows[b - 1] >> 6) ++b;
    if (b < n) start.push_back(b);
  }
  start.push_back(n);
  return start;
}

// Whether a round's n rows are shared out in blocks.
bool share_rows(size_t n) { return n >= kParallelRankRows && tbb::this_task_arena::max_concurrency() > 1; }

// A round that takes many rows (a pattern covering a good share of a large table): the
// rows are cut into blocks, each block marks its rows gone and lists the (pattern,
// weight) losses of its rows on its own, and the losses are then applied in block order.
// Within a block the rows go in batches as in a small round: a row-by-row loop that
// prefetched a fixed distance ahead stalled on every row's pattern list and made two
// threads slower than one (docs/benchmarks.md, "Parallel ranking rounds in batches").
// Blocks start on a new word of the residue's bits, so no two blocks write the same word. The sums
// are integers, so the counts are the serial loop's exactly. Returns the weight taken.
template <class Lose>
uint64_t take_rows_in_parallel(const WorkTable& table, const Matches& m, const std::vector<bool>& ranked,
                               std::span<const RowId> match_rows, RowBits& left, const Lose& lose) {
  const std::vector<size_t> start = word_aligned_blocks(match_rows);
  const size_t blocks = start.size() - 1;
  std::vector<std::vector<std::pair<uint32_t, uint64_t>>> losses(blocks);
  std::vector<uint64_t> taken(blocks, 0);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    auto lose_later = [&losses, b](uint32_t q, uint64_t w) { losses[b].push_back({q, w}); };
    taken[b] = take_rows_in_batches(table, m, ranked, match_rows.subspan(start[b], start[b + 1] - start[b]), left,
                                    [](uint32_t) {}, lose_later);
  });
  uint64_t total = 0;
  for (size_t b = 0; b < blocks; ++b) {
    total += taken[b];
    for (const auto& [q, w] : losses[b]) lose(q, w);
  }
  return total;
}

// Lazy counting (rank_matched): the weight of a pattern's rows still in the residue,
// counted from its row list (a long list in blocks side by side; integer sums, so the
// same total either way).
uint64_t weight_left(const WorkTable& table, std::span<const RowId> list, const RowBits& left) {
  auto count = [&](std::span<const RowId> part) {
    uint64_t w = 0;
    if (table.weighted()) {
      const uint64_t* weights = table.weights().data();
      for (RowId row : part) w += left.contains(row) ? weights[row] : 0;
    } else {
      for (RowId row : part) w += left.bit(row);
    }
    return w;
  };
  if (!share_rows(list.size())) return count(list);
  const size_t blocks = (list.size() + kRankBlock - 1) / kRankBlock;
  std::vector<uint64_t> parts(blocks);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    parts[b] = count(list.subspan(b * kRankBlock, std::min(kRankBlock, list.size() - b * kRankBlock)));
  });
  uint64_t total = 0;
  for (uint64_t w : parts) total += w;
  return total;
}

// Lazy counting's read of a list short enough to read serially, which also drops the
// rows it finds gone: the rows left are written back to the list's front and the list is
// cut to them, so that the pattern's next read (when it tops the tree stale again) reads
// only the rows left at this one. The same count as weight_left. Rows read per match, in
// all: 4.7 -> 4.0 on the 10^4-label table, 3.2 -> 2.3 on the 10^3, 2.4 on the 10^5,
// 12.8 -> 7.4 on the 20,000 x 500 table. `list` lies in the matches' own storage.
std::span<const RowId> drop_gone_rows(const WorkTable& table, std::span<RowId> list, const RowBits& left,
                                      uint64_t& weight) {
  size_t kept = 0;
  if (table.weighted()) {
    const uint64_t* weights = table.weights().data();
    uint64_t w = 0;
    for (RowId row : list) {
      const bool in = left.contains(row);
      list[kept] = row;
      kept += in;
      w += in ? weights[row] : 0;
    }
    weight = w;
  } else {
    for (RowId row : list) {
      list[kept] = row;
      kept += left.bit(row);
    }
    weight = kept;
  }
  return list.first(kept);
}

// Lazy counting's round: its winner's rows leave the residue, and nothing else changes.
// (Marking a row already gone again changes nothing.)
void take_rows_lazily(std::span<const RowId> list, RowBits& left) {
  if (!share_rows(list.size())) {
    for (RowId row : list) left.erase(row);
    return;
  }
  const std::vector<size_t> start = word_aligned_blocks(list);
  tsum::parallel_for(size_t{0}, start.size() - 1, [&](size_t b) {
    for (size_t i = start[b]; i < start[b + 1]; ++i) left.erase(list[i]);
  });
}

// Whether no pattern's saving can grow as it loses rows: every pattern's bits are at
// least twice the cost model's largest step of overhead (the argument of
// root_candidates.h, for a pattern's sum of bits).
bool savings_never_grow(const CostModel& model, const std::vector<CodedPattern>& patterns) {
  const double floor = 2.0 * model.max_overhead_step();
  return std::all_of(patterns.begin(), patterns.end(), [floor](const CodedPattern& p) { return p.sum_bits >= floor; });
}

// Whether the ranking keeps stale keys (below): incremental, without a scorer, and no
// pattern's saving can grow as it loses rows. The callers ask once, before gathering the
// matches, since a ranking with stale keys may not need row -> patterns.
bool stale_keys_hold(const CostModel& model, const std::vector<CodedPattern>& patterns, const MarshalScorer* scorer,
                     const SearchOptions& options) {
  return options.incremental() && !scorer && savings_never_grow(model, patterns);
}

// The spec's ranking loop over gathered matches; `stale_keys` is stale_keys_hold()'s
// answer. Without m.by_row, a ranking that does not count lazily matches rows through
// `index` (built here when not given).
std::vector<RankedPattern> rank_matched(const WorkTable& table, const CostModel& model,
                                        const std::vector<CodedPattern>& patterns, Matches& m,
                                        const AnchorIndex* index, MarshalScorer* scorer,
                                        const SearchOptions& options, bool stale_keys, SearchCounters* counters) {
  std::vector<RankedPattern> out;
  const size_t count = patterns.size();
  const uint64_t rows = table.rows();
  std::vector<uint64_t> in_residue(count);
  for (size_t p = 0; p < count; ++p) in_residue[p] = total_weight(table, m.lists[p]);
  const std::vector<uint64_t> in_table = in_residue;
  std::vector<bool> ranked(count, false);
  RowBits left(rows);  // the rows still in the residue
  uint64_t evaluations = 0;
  uint64_t covered = 0;
  auto saving = [&](size_t p) {
    ++evaluations;
    return scorer ? scorer->saving(p, in_residue[p], table.table_rows() - covered)
                  : model.saving(patterns[p].sum_bits, in_residue[p]);
  };
  // Bounded keys (a scorer's, MarshalScorer::has_bounds): the tree holds bounds; a round
  // replaces the top's bound by its saving of now ("fresh") until a fresh pattern tops
  // the tree. It is the first strict maximum: every other key is at least its saving,
  // and an earlier pattern saving as much would have topped the tree and been made
  // fresh. After the round the fresh patterns get bounds again.
  const bool bounded = options.incremental() && scorer && scorer->has_bounds();
  auto key = [&](size_t p) {
    if (!bounded) return saving(p);
    ++evaluations;
    return scorer->bound(p, in_residue[p]);
  };
  std::vector<uint32_t> fresh;
  std::vector<uint8_t> is_fresh(bounded ? count : 0, 0);
  // Incremental mode: the unranked patterns' savings in a tournament tree (ranked ones
  // hold kNone), re-evaluated only for patterns that lost rows in the last round.
  //
  // Stale keys: when no pattern's saving grows as it loses rows (savings_never_grow), a
  // loss leaves the pattern's key as it was, an upper bound of its saving, and a round
  // re-evaluates only the tree's winner, correcting it and asking again while it was
  // stale. A winner whose key is its saving is the first strict maximum: every other
  // pattern saves at most its key, and one of a lower index saving as much would have
  // won the tree.
  //
  // Lazy counting, with stale keys: N_R(P) is counted from P's row list each time P tops
  // the tree, instead of decremented for each of P's rows another winner takes, so a
  // round only marks its winner's rows gone. Each pattern is then read about as often as
  // it is re-evaluated, its rows left at its last read (drop_gone_rows; 2.3-4.0 rows read
  // per match on the label tables of docs/benchmarks.md), front to back, where
  // decrementing chased each row's patterns at random, and row -> patterns is not built
  // at all. The counts, and so the ranks and the evaluations, are the same. A pattern
  // re-evaluated very often could make the reading grow past the decrements it saves:
  // after options.lazy_reads_per_match rows read per match (8: the 20,000 x 500 table
  // read 13 before its lists were cut, and was faster decrementing), the counts are taken
  // once more from the lists and decremented from then on.
  FirstMaxTree tree;
  std::vector<uint32_t> changed;
  std::vector<uint8_t> dirty;
  const bool incremental = options.incremental() && (!scorer || bounded);
  bool lazy = stale_keys && options.lazy_reads_per_match > 0;
  uint64_t matches = 0;
  for (const auto& list : m.lists) matches += list.size();
  uint64_t lazy_reads_left = static_cast<uint64_t>(options.lazy_reads_per_match * static_cast<double>(matches));
  uint64_t rows_read = 0;
  // Lists in the matches' own storage may be cut as they are read (drop_gone_rows); a
  // caller's rows (known_matches) are not written.
  const bool own_lists = !m.owned.empty();
  std::optional<AnchorIndex> own_index;
  auto count_eagerly = [&] {
    lazy = false;
    if (counters) ++counters->marshal_gave_way;
    if (!m.by_row) index_by_row(m, rows);
    if (!m.by_row && !index) index = &own_index.emplace(table, patterns);
    tsum::parallel_for(size_t{0}, count, [&](size_t p) {
      if (!ranked[p]) in_residue[p] = weight_left(table, m.lists[p], left);
    });
  };
  if (!lazy && !m.by_row && !index) index = &own_index.emplace(table, patterns);
  // A scorer's bounds are computed side by side when there are many: a renewal keys every
  // unranked pattern, and a round under `entropy` makes most of them stale (sharing(): on
  // flights-3m ~750 of 1,846 patterns a round, 1.4 million bounds in all). A bound reads
  // only the state of the last round (MarshalScorer::bound is const), and the keys enter
  // the tree once all are computed (no pattern twice: `dirty`): the same tree as one key
  // at a time.
  std::vector<uint32_t> keyed;
  std::vector<double> keys;
  auto bound_all = [&](std::span<const uint32_t> which, double* out) {
    evaluations += which.size();
    auto one = [&](size_t i) { out[i] = scorer->bound(which[i], in_residue[which[i]]); };
    if (which.size() < kParallelBounds) {
      for (size_t i = 0; i < which.size(); ++i) one(i);
      return;
    }
    tsum::parallel_for(tbb::blocked_range<size_t>(0, which.size(), kParallelBounds / 4),
                       [&](const tbb::blocked_range<size_t>& part) {
                         for (size_t i = part.begin(); i < part.end(); ++i) one(i);
                       });
  };
  auto key_all = [&] {
    keys.assign(count, FirstMaxTree::kNone);
    if (bounded) {
      keyed.clear();
      for (size_t p = 0; p < count; ++p)
        if (!ranked[p]) keyed.push_back(static_cast<uint32_t>(p));
      std::vector<double> bounds(keyed.size());
      bound_all(keyed, bounds.data());
      for (size_t i = 0; i < keyed.size(); ++i) keys[keyed[i]] = bounds[i];
    } else {
      for (size_t p = 0; p < count; ++p)
        if (!ranked[p]) keys[p] = key(p);
    }
    tree.assign(keys);
  };
  if (incremental) {
    if (bounded) scorer->renew(table.table_rows());
    tree.reset(count);
    key_all();
    dirty.assign(count, 0);
  }
  for (size_t round = 0; round < count; ++round) {
    size_t best = count;
    double best_saving = 0;
    if (incremental) {
      if (bounded && scorer->renew(table.table_rows() - covered)) key_all();
      best = tree.top();
      while (bounded && !is_fresh[best]) {
        const double now = saving(best);
        is_fresh[best] = 1;
        fresh.push_back(static_cast<uint32_t>(best));
        tree.set(best, now);
        best = tree.top();
      }
      while (stale_keys) {
        if (lazy && m.lists[best].size() > lazy_reads_left) count_eagerly();
        if (lazy) {
          lazy_reads_left -= m.lists[best].size();
          rows_read += m.lists[best].size();
          std::span<const RowId>& list = m.lists[best];
          if (own_lists && !share_rows(list.size())) {
            RowId* rows_of_best = m.owned.data() + (list.data() - m.owned.data());
            list = drop_gone_rows(table, {rows_of_best, list.size()}, left, in_residue[best]);
          } else {
            in_residue[best] = weight_left(table, list, left);
          }
        }
        const double now = saving(best);
        if (now == tree.key(best)) break;
        tree.set(best, now);  // was stale: ask again
        best = tree.top();
      }
      best_saving = tree.key(best);
      tree.set(best, FirstMaxTree::kNone);
    } else {
      for (size_t p = 0; p < count; ++p) {
        if (ranked[p]) continue;
        double s = saving(p);
        if (best == count || s > best_saving) best = p, best_saving = s;
      }
    }
    ranked[best] = true;
    if (!(best_saving > 0)) break;  // every unranked pattern saves nothing on an unchanged residue
    auto stale = [&](uint32_t q) {
      if (!dirty[q]) dirty[q] = 1, changed.push_back(q);
    };
    if (scorer) scorer->ranked(best, in_residue[best]);
    if (bounded) {
      for (uint32_t q : fresh) is_fresh[q] = 0, stale(q);
      fresh.clear();
      for (uint32_t q : scorer->sharing(best)) stale(q);
    }
    const std::span<const RowId> match_rows = m.lists[best];
    auto lose = [&](uint32_t q, uint64_t w) {
      in_residue[q] -= w;
      if (incremental && !stale_keys) stale(q);
    };
    if (lazy) {
      take_rows_lazily(match_rows, left);
      covered += in_residue[best];  // counted when it won
    } else if (m.by_row && share_rows(match_rows.size())) {
      covered += take_rows_in_parallel(table, m, ranked, match_rows, left, lose);
    } else if (m.by_row) {
      auto touch = [&](uint32_t q) {
        __builtin_prefetch(&in_residue[q]);
        __builtin_prefetch(&patterns[q].sum_bits);
      };
      covered += take_rows_in_batches(table, m, ranked, match_rows, left, touch, lose);
    } else {
      const size_t end = match_rows.size();
      for (size_t i = 0; i < end; ++i) {
        RowId row = match_rows[i];
        if (!left.contains(row)) continue;
        left.erase(row);
        uint64_t w = table.weight(row);
        covered += w;
        index->for_each_match(row, [&](uint32_t q) {
          if (!ranked[q]) lose(q, w);
        });
      }
    }
    if (bounded) {
      keyed.clear();
      for (uint32_t q : changed) {
        dirty[q] = 0;
        if (!ranked[q]) keyed.push_back(q);
      }
      keys.resize(keyed.size());
      bound_all(keyed, keys.data());
      tree.set_many(keyed, keys);
    } else {
      for (uint32_t q : changed) {
        dirty[q] = 0;
        if (!ranked[q]) tree.set(q, key(q));
      }
    }
    changed.clear();
    out.push_back(RankedPattern{best, best_saving, in_table[best], covered});
  }
  if (counters) counters->marshal_evaluations += evaluations, counters->marshal_rows_read += rows_read;
  return out;
}

}  // namespace

std::vector<RankedPattern> marshal(const WorkTable& table, const CostModel& model,
                                   const std::vector<CodedPattern>& patterns, MarshalScorer* scorer,
                                   const SearchOptions& options, SearchCounters* counters,
                                   const BesideRanking& beside) {
  if (patterns.empty()) {
    if (beside) beside(patterns);
    return {};
  }
  AnchorIndex index(table, patterns);
  const bool stale_keys = stale_keys_hold(model, patterns, scorer, options);
  const bool lazy = stale_keys && options.lazy_reads_per_match > 0;
  Matches m = gather_matches(table, patterns, index, /*by_row=*/!lazy);
  if (!beside) return rank_matched(table, model, patterns, m, &index, scorer, options, stale_keys, counters);
  std::vector<RankedPattern> ranked;
  tsum::parallel_for(0, 2, [&](int task) {
    if (task == 0) ranked = rank_matched(table, model, patterns, m, &index, scorer, options, stale_keys, counters);
    else beside(patterns);
  });
  return ranked;
}

std::vector<RankedPattern> marshal_known(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& patterns, const PatternRows& rows_of,
                                         MarshalScorer* scorer, SearchCounters* counters) {
  if (patterns.empty()) return {};
  const SearchOptions options;  // lazy counts, as marshal()'s default
  const bool stale_keys = stale_keys_hold(model, patterns, scorer, options);
  Matches m = known_matches(table, rows_of, /*by_row=*/!(stale_keys && options.lazy_reads_per_match > 0));
  return rank_matched(table, model, patterns, m, nullptr, scorer, options, stale_keys, counters);
}

}  // namespace tsum
