#include "engine/marshalling.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>

#include "engine/first_max_tree.h"
#include "engine/kernels.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kBlock = 1 << 16;  // rows per parallel block
constexpr uint64_t kMaxInverseRows = uint64_t{1} << 27;
// A round taking at least this many rows shares them out in blocks of kRankBlock.
constexpr size_t kParallelRankRows = size_t{1} << 13;
constexpr size_t kRankBlock = size_t{1} << 12;
constexpr size_t kRankBatch = 32;  // rows whose misses a ranking round overlaps
constexpr size_t kAnchorBlock = size_t{1} << 12;  // patterns per task finding anchors

// Patterns filed by (column, code) of their anchor pair, in CSR form per column. Beside
// each filed pattern sit its other items, laid out in filing order: the patterns met at
// one code and the items to test for them are contiguous, where the patterns' own item
// lists, scattered over the heap, cost two cache misses per candidate.
class AnchorIndex {
 public:
  AnchorIndex(const WorkTable& table, const std::vector<CodedPattern>& patterns) : table_(table), columns_(table.num_columns()) {
    // Each pattern's anchor: its item held by the fewest rows of the table (the first
    // such), found in parallel (a random access to a count per item).
    std::vector<const Item*> anchor(patterns.size());
    tsum::parallel_for(size_t{0}, (patterns.size() + kAnchorBlock - 1) / kAnchorBlock, [&](size_t block) {
      for (size_t p = block * kAnchorBlock; p < std::min(patterns.size(), (block + 1) * kAnchorBlock); ++p) {
        const Item* a = &patterns[p].items[0];
        for (const Item& item : patterns[p].items) {
          if (table.column(item.column).code_counts()[item.code] < table.column(a->column).code_counts()[a->code]) a = &item;
        }
        anchor[p] = a;
      }
    });
    std::vector<std::vector<uint32_t>> anchored(columns_.size());  // patterns by anchor column, in order
    for (size_t p = 0; p < patterns.size(); ++p) anchored[anchor[p]->column].push_back(static_cast<uint32_t>(p));
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (!anchored[c].empty()) active_.push_back(static_cast<uint32_t>(c));
    }
    // Then each column files its own patterns, the columns side by side.
    tsum::parallel_for(size_t{0}, active_.size(), [&](size_t k) {
      file_column(active_[k], patterns, anchored[active_[k]], anchor);
    });
  }

  // Calls f(pattern) for every pattern that matches the row.
  template <class F>
  void for_each_match(RowId row, F&& f) const {
    for (uint32_t c : active_) {
      const PerColumn& col = columns_[c];
      const uint32_t code = table_.column(c).code_at(row);
      for (uint32_t i = col.start[code]; i < col.start[code + 1]; ++i) {
        if (others_match(col, i, row)) f(col.filed[i]);
      }
    }
  }

  // Calls f(pattern, row) for every row in [begin, end) and pattern that matches it; scans
  // column by column, which keeps the inner loop on one code array.
  template <class F>
  void for_each_match_in(uint64_t begin, uint64_t end, F&& f) const {
    for (uint32_t c : active_) {
      const PerColumn& col = columns_[c];
      table_.column(c).visit_codes([&](const auto* codes) {
        for (uint64_t r = begin; r < end; ++r) {
          const uint32_t code = codes[r];
          for (uint32_t i = col.start[code]; i < col.start[code + 1]; ++i) {
            if (others_match(col, i, static_cast<RowId>(r))) f(col.filed[i], static_cast<RowId>(r));
          }
        }
      });
    }
  }

 private:
  struct PerColumn {
    std::vector<uint32_t> start;         // cardinality + 2 offsets into `filed`
    std::vector<uint32_t> filed;         // pattern ids, by anchor code
    std::vector<uint32_t> others_start;  // filed.size() + 1 offsets into `others`
    std::vector<Item> others;            // each filed pattern's items but its anchor
  };
  // Files the patterns anchored in column c (`mine`, ascending) by their anchor's code, in
  // pattern order within a code (a stable counting sort), each with its other items
  // beside it.
  void file_column(uint32_t c, const std::vector<CodedPattern>& patterns, const std::vector<uint32_t>& mine,
                   const std::vector<const Item*>& anchor) {
    PerColumn& col = columns_[c];
    col.start.assign(table_.column(c).cardinality() + 2, 0);
    uint32_t others = 0;
    for (uint32_t p : mine) {
      ++col.start[anchor[p]->code + 1];
      others += static_cast<uint32_t>(patterns[p].items.size() - 1);
    }
    for (size_t i = 1; i < col.start.size(); ++i) col.start[i] += col.start[i - 1];
    col.filed.resize(mine.size());
    col.others_start.resize(mine.size() + 1);
    col.others.resize(others);
    // start[code] is advanced past each slot it fills, which leaves it where
    // start[code + 1] began: shifted back after.
    for (uint32_t p : mine) {
      const uint32_t slot = col.start[anchor[p]->code]++;
      col.filed[slot] = p;
      col.others_start[slot + 1] = static_cast<uint32_t>(patterns[p].items.size() - 1);
    }
    for (size_t i = col.start.size() - 1; i > 0; --i) col.start[i] = col.start[i - 1];
    col.start[0] = 0;
    col.others_start[0] = 0;
    for (size_t i = 1; i < col.others_start.size(); ++i) col.others_start[i] += col.others_start[i - 1];
    for (uint32_t slot = 0; slot < col.filed.size(); ++slot) {
      const uint32_t p = col.filed[slot];
      uint32_t at = col.others_start[slot];
      for (const Item& item : patterns[p].items) {
        if (&item != anchor[p]) col.others[at++] = item;
      }
    }
  }

  bool others_match(const PerColumn& col, uint32_t i, RowId row) const {
    for (uint32_t k = col.others_start[i]; k < col.others_start[i + 1]; ++k) {
      if (table_.column(col.others[k].column).code_at(row) != col.others[k].code) return false;
    }
    return true;
  }

  const WorkTable& table_;
  std::vector<PerColumn> columns_;
  std::vector<uint32_t> active_;
};

// Every (pattern, row) match in two forms: pattern -> rows (ascending) and, when
// `by_row`, row -> patterns (CSR; so that a row leaving the residue updates only the
// patterns it matches instead of every pattern filed under one of its values).
//
// Buffers written whole right after they are sized are not zeroed first: that was a
// serial pass over each, and it took all their page faults on the calling thread. (A
// vector whose resize() leaves new elements uninitialised, rather than the project's
// usual make_unique_for_overwrite: known_matches() builds the same buffers with
// assign(), insert() and erase().)
template <class T>
struct LeftUninitialised : std::allocator<T> {
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  }
};
template <class T>
using FilledVector = std::vector<T, LeftUninitialised<T>>;

struct Matches {
  FilledVector<RowId> owned;  // the rows `lists` point into, when gathered here
  PatternRows lists;          // pattern p's rows (into `owned`, or the caller's)
  bool by_row = false;
  FilledVector<uint32_t> row_start, row_patterns;
};

// Gathers the matches through the anchor index, per block of rows in parallel.
Matches gather_matches(const WorkTable& table, const std::vector<CodedPattern>& patterns,
                       const AnchorIndex& index) {
  const size_t count = patterns.size();
  const uint64_t rows = table.rows();
  const uint64_t blocks = (rows + kBlock - 1) / kBlock;
  std::vector<std::vector<std::pair<uint32_t, RowId>>> found(blocks);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    index.for_each_match_in(b * kBlock, std::min(rows, (b + 1) * kBlock),
                            [&](uint32_t p, RowId row) { found[b].push_back({p, row}); });
  });
  // The row -> patterns index is skipped on very large tables (its offsets cost 4 bytes a
  // row); both ways give the same counts. Built block by block from `found`, whose block
  // b holds exactly the matches of b's rows: each block counts and fills only its own
  // rows' slice, which stays in cache and needs no other block, so the blocks run in
  // parallel.
  Matches m;
  uint64_t matches_found = 0;
  for (const auto& part : found) matches_found += part.size();
  m.by_row = rows <= kMaxInverseRows && matches_found <= UINT32_MAX;
  if (m.by_row) {
    // Each block counts its own rows' matches, then offsets them by the blocks before it.
    m.row_start.resize(rows + 1);
    m.row_start[0] = 0;
    std::vector<uint64_t> block_matches(blocks + 1, 0);
    tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
      uint32_t* counts = m.row_start.data() + 1;
      std::fill(counts + b * kBlock, counts + std::min(rows, (b + 1) * kBlock), 0);
      for (const auto& [p, row] : found[b]) ++counts[row];
      block_matches[b + 1] = found[b].size();
    });
    for (uint64_t b = 0; b < blocks; ++b) block_matches[b + 1] += block_matches[b];
    tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
      uint32_t at = static_cast<uint32_t>(block_matches[b]);
      for (uint64_t r = b * kBlock; r < std::min(rows, (b + 1) * kBlock); ++r) {
        at += m.row_start[r + 1];
        m.row_start[r + 1] = at;
      }
    });
    m.row_patterns.resize(matches_found);
    tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
      const uint64_t first = b * kBlock;
      const uint64_t last = std::min(rows, (b + 1) * kBlock);
      std::vector<uint32_t> fill(m.row_start.begin() + static_cast<ptrdiff_t>(first),
                                 m.row_start.begin() + static_cast<ptrdiff_t>(last));
      for (const auto& [p, row] : found[b]) m.row_patterns[fill[row - first]++] = p;
    });
  }
  // Pattern -> rows in block order, so ascending within each pattern. On several
  // threads, the blocks form `groups` runs of consecutive blocks (one per block when few
  // patterns share many rows; one per thread when the patterns are many, where a count per
  // block and pattern would outweigh the matches): each run counts and fills its own share
  // of every pattern's list, its rows after the runs before it, as the serial fill.
  // (Moving `m` out keeps `owned`'s buffer, so the spans stay valid.)
  std::vector<uint64_t> start(count + 1, 0);
  m.owned.resize(matches_found);
  const uint64_t threads = static_cast<uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const uint64_t groups = blocks * count * 4 <= matches_found ? blocks : std::min(blocks, threads);
  if (groups > 1 && threads > 1) {
    auto group_blocks = [&](uint64_t g, auto&& f) {
      for (uint64_t b = g * blocks / groups; b < (g + 1) * blocks / groups; ++b) f(found[b]);
    };
    FilledVector<uint64_t> at(groups * count);  // [g * count + p], each group's zeroed by it
    tsum::parallel_for(uint64_t{0}, groups, [&](uint64_t g) {
      uint64_t* mine = at.data() + g * count;
      std::fill(mine, mine + count, 0);
      group_blocks(g, [&](const auto& part) {
        for (const auto& [p, row] : part) ++mine[p];
      });
    });
    block_offsets(at, groups, count, start);
    tsum::parallel_for(uint64_t{0}, groups, [&](uint64_t g) {
      uint64_t* mine = at.data() + g * count;
      group_blocks(g, [&](auto& part) {
        for (const auto& [p, row] : part) m.owned[mine[p]++] = row;
        part = {};
      });
    });
  } else {
    for (const auto& part : found)
      for (const auto& [p, row] : part) ++start[p + 1];
    for (size_t p = 0; p < count; ++p) start[p + 1] += start[p];
    std::vector<uint64_t> fill(start.begin(), start.end() - 1);
    for (auto& part : found) {
      for (const auto& [p, row] : part) m.owned[fill[p]++] = row;
      part = {};
    }
  }
  m.lists.resize(count);
  const std::span<const RowId> owned(m.owned);
  for (size_t p = 0; p < count; ++p) m.lists[p] = owned.subspan(start[p], start[p + 1] - start[p]);
  return m;
}

// The same two forms from rows the caller already has (not copied: `lists` points to them).
// The ranking relies on strictly ascending lists (a batch takes each row once; parallel
// blocks must not share a word of `gone`): should a caller's list be out of order or
// repeat a row, every list is copied sorted and without repeats, which ranks the same.
Matches known_matches(const WorkTable& table, const PatternRows& rows_of) {
  const size_t count = rows_of.size();
  const uint64_t rows = table.rows();
  Matches m;
  m.lists = rows_of;
  const bool ascending = std::all_of(rows_of.begin(), rows_of.end(), [](std::span<const RowId> list) {
    return std::adjacent_find(list.begin(), list.end(), std::greater_equal<RowId>()) == list.end();
  });
  if (!ascending) {
    uint64_t total = 0;
    for (const auto& list : rows_of) total += list.size();
    m.owned.reserve(total);
    std::vector<size_t> start{0};
    for (const auto& list : rows_of) {
      const auto first = m.owned.insert(m.owned.end(), list.begin(), list.end());
      std::sort(first, m.owned.end());
      m.owned.erase(std::unique(first, m.owned.end()), m.owned.end());
      start.push_back(m.owned.size());
    }
    const std::span<const RowId> owned(m.owned);
    for (size_t p = 0; p < count; ++p) m.lists[p] = owned.subspan(start[p], start[p + 1] - start[p]);
  }
  uint64_t matches_found = 0;
  for (const auto& list : m.lists) matches_found += list.size();
  m.by_row = rows <= kMaxInverseRows && matches_found <= UINT32_MAX;
  if (m.by_row) {
    m.row_start.assign(rows + 1, 0);
    for (const auto& list : m.lists)
      for (RowId row : list) ++m.row_start[row + 1];
    for (uint64_t r = 0; r < rows; ++r) m.row_start[r + 1] += m.row_start[r];
    m.row_patterns.resize(matches_found);
    std::vector<uint32_t> fill(m.row_start.begin(), m.row_start.end() - 1);
    for (size_t p = 0; p < count; ++p)
      for (RowId row : m.lists[p]) m.row_patterns[fill[row]++] = static_cast<uint32_t>(p);
  }
  return m;
}

// One bit per row, in 64-bit words the parallel ranking step splits its work along.
class RowBits {
 public:
  explicit RowBits(uint64_t rows) : words_((rows + 63) / 64, 0) {}
  bool test(RowId row) const { return (words_[row >> 6] >> (row & 63)) & 1; }
  void set(RowId row) { words_[row >> 6] |= uint64_t{1} << (row & 63); }

 private:
  std::vector<uint64_t> words_;
};

// A round's rows taken one batch at a time, in passes: most rounds of a table with many
// patterns take a few rows each, and each row leads to its offsets, then its patterns,
// then each pattern's count — a chain of cache misses that prefetching a fixed distance
// ahead within one short list never reaches. Loading each link for the whole batch before
// following it lets the misses overlap: `touch(q)` prefetches what lose(q, w) and the
// re-evaluation after the round will read of pattern q. Same order of losses as the
// row-by-row loop. Returns the weight taken.
template <class Touch, class Lose>
uint64_t take_rows_in_batches(const WorkTable& table, const Matches& m, const std::vector<bool>& ranked,
                              std::span<const RowId> match_rows, RowBits& gone, const Touch& touch,
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
      if (gone.test(row)) continue;
      __builtin_prefetch(&m.row_start[row]);
      fresh[n++] = row;
    }
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&m.row_patterns[m.row_start[fresh[i]]]);
    size_t l = 0;
    for (size_t i = 0; i < n; ++i) {
      const RowId row = fresh[i];
      gone.set(row);
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

// A round that takes many rows (a pattern covering a good share of a large table): the
// rows are cut into blocks, each block marks its rows gone and lists the (pattern,
// weight) losses of its rows on its own, and the losses are then applied in block order.
// Within a block the rows go in batches as in a small round: a row-by-row loop that
// prefetched a fixed distance ahead stalled on every row's pattern list and made two
// threads slower than one (docs/benchmarks.md, "Parallel ranking rounds in batches").
// Blocks start on a new word of `gone`, so no two blocks write the same word. The sums
// are integers, so the counts are the serial loop's exactly. Returns the weight taken.
template <class Lose>
uint64_t take_rows_in_parallel(const WorkTable& table, const Matches& m, const std::vector<bool>& ranked,
                               std::span<const RowId> match_rows, RowBits& gone, const Lose& lose) {
  const size_t n = match_rows.size();
  std::vector<size_t> start{0};
  for (size_t i = kRankBlock; i < n; i += kRankBlock) {
    size_t b = std::max(i, start.back() + 1);
    while (b < n && match_rows[b] >> 6 == match_rows[b - 1] >> 6) ++b;  // rows ascend
    if (b < n) start.push_back(b);
  }
  start.push_back(n);
  const size_t blocks = start.size() - 1;
  std::vector<std::vector<std::pair<uint32_t, uint64_t>>> losses(blocks);
  std::vector<uint64_t> taken(blocks, 0);
  tsum::parallel_for(size_t{0}, blocks, [&](size_t b) {
    auto lose_later = [&losses, b](uint32_t q, uint64_t w) { losses[b].push_back({q, w}); };
    taken[b] = take_rows_in_batches(table, m, ranked, match_rows.subspan(start[b], start[b + 1] - start[b]), gone,
                                    [](uint32_t) {}, lose_later);
  });
  uint64_t total = 0;
  for (size_t b = 0; b < blocks; ++b) {
    total += taken[b];
    for (const auto& [q, w] : losses[b]) lose(q, w);
  }
  return total;
}

// The spec's ranking loop over gathered matches; `index` is needed only when !m.by_row.
std::vector<RankedPattern> rank_matched(const WorkTable& table, const CostModel& model,
                                        const std::vector<CodedPattern>& patterns, const Matches& m,
                                        const AnchorIndex* index, MarshalScorer* scorer,
                                        const SearchOptions& options, SearchCounters* counters) {
  std::vector<RankedPattern> out;
  const size_t count = patterns.size();
  const uint64_t rows = table.rows();
  const bool by_row = m.by_row;
  std::vector<uint64_t> in_residue(count);
  for (size_t p = 0; p < count; ++p) in_residue[p] = total_weight(table, m.lists[p]);
  const std::vector<uint64_t> in_table = in_residue;
  std::vector<bool> ranked(count, false);
  RowBits gone(rows);  // rows out of the residue
  uint64_t evaluations = 0;
  uint64_t covered = 0;
  auto saving = [&](size_t p) {
    ++evaluations;
    return scorer ? scorer->saving(p, in_residue[p], table.table_rows() - covered)
                  : model.saving(patterns[p].sum_bits, in_residue[p]);
  };
  // Incremental mode: the unranked patterns' savings in a tournament tree (ranked ones
  // hold kNone), re-evaluated only for patterns that lost rows in the last round.
  //
  // Stale keys: when every pattern's bits are at least twice the cost model's largest
  // step of overhead, no pattern's saving grows as it loses rows (the argument of
  // root_candidates.h, for a pattern's sum of bits). A loss then leaves the pattern's key
  // as it was, an upper bound of its saving, and a round re-evaluates only the tree's
  // winner, correcting it and asking again while it was stale. A winner whose key is its
  // saving is the first strict maximum: every other pattern saves at most its key, and
  // one of a lower index saving as much would have won the tree.
  FirstMaxTree tree;
  std::vector<uint32_t> changed;
  std::vector<uint8_t> dirty;
  const bool incremental = options.incremental() && !scorer;
  const double floor = 2.0 * model.max_overhead_step();
  const bool stale_keys = incremental && std::all_of(patterns.begin(), patterns.end(), [floor](const CodedPattern& p) {
                            return p.sum_bits >= floor;
                          });
  if (incremental) {
    std::vector<double> keys(count);
    for (size_t p = 0; p < count; ++p) keys[p] = saving(p);
    tree.reset(count);
    tree.assign(keys);
    dirty.assign(count, 0);
  }
  for (size_t round = 0; round < count; ++round) {
    size_t best = count;
    double best_saving = 0;
    if (incremental) {
      best = tree.top();
      while (stale_keys) {
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
    if (scorer) scorer->ranked(best, in_residue[best]);
    const std::span<const RowId> match_rows = m.lists[best];
    auto lose = [&](uint32_t q, uint64_t w) {
      in_residue[q] -= w;
      if (incremental && !stale_keys && !dirty[q]) dirty[q] = 1, changed.push_back(q);
    };
    if (by_row && match_rows.size() >= kParallelRankRows && tbb::this_task_arena::max_concurrency() > 1) {
      covered += take_rows_in_parallel(table, m, ranked, match_rows, gone, lose);
    } else if (by_row) {
      auto touch = [&](uint32_t q) {
        __builtin_prefetch(&in_residue[q]);
        __builtin_prefetch(&patterns[q].sum_bits);
      };
      covered += take_rows_in_batches(table, m, ranked, match_rows, gone, touch, lose);
    } else {
      const size_t end = match_rows.size();
      for (size_t i = 0; i < end; ++i) {
        RowId row = match_rows[i];
        if (gone.test(row)) continue;
        gone.set(row);
        uint64_t w = table.weight(row);
        covered += w;
        index->for_each_match(row, [&](uint32_t q) {
          if (!ranked[q]) lose(q, w);
        });
      }
    }
    for (uint32_t q : changed) {
      dirty[q] = 0;
      tree.set(q, saving(q));
    }
    changed.clear();
    out.push_back(RankedPattern{best, best_saving, in_table[best], covered});
  }
  if (counters) counters->marshal_evaluations += evaluations;
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
  const Matches m = gather_matches(table, patterns, index);
  if (!beside) return rank_matched(table, model, patterns, m, &index, scorer, options, counters);
  std::vector<RankedPattern> ranked;
  tsum::parallel_for(0, 2, [&](int task) {
    if (task == 0) ranked = rank_matched(table, model, patterns, m, &index, scorer, options, counters);
    else beside(patterns);
  });
  return ranked;
}

std::vector<RankedPattern> marshal_known(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& patterns, const PatternRows& rows_of,
                                         MarshalScorer* scorer) {
  if (patterns.empty()) return {};
  const Matches m = known_matches(table, rows_of);
  if (m.by_row) return rank_matched(table, model, patterns, m, nullptr, scorer, {}, nullptr);
  AnchorIndex index(table, patterns);
  return rank_matched(table, model, patterns, m, &index, scorer, {}, nullptr);
}

}  // namespace tsum
