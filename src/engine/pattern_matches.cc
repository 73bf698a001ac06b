#include "engine/pattern_matches.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>

#include "engine/kernels.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kBlock = 1 << 16;  // rows per parallel block
constexpr uint64_t kMaxInverseRows = uint64_t{1} << 27;
constexpr size_t kAnchorBlock = size_t{1} << 12;  // patterns per task finding anchors

}  // namespace

AnchorIndex::AnchorIndex(const WorkTable& table, const std::vector<CodedPattern>& patterns)
    : table_(table), columns_(table.num_columns()) {
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

void AnchorIndex::file_column(uint32_t c, const std::vector<CodedPattern>& patterns, const std::vector<uint32_t>& mine,
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

bool can_index_by_row(uint64_t rows, uint64_t matches) { return rows <= kMaxInverseRows && matches <= UINT32_MAX; }

void index_by_row(Matches& m, uint64_t rows) {
  uint64_t matches = 0;
  for (const auto& list : m.lists) matches += list.size();
  m.by_row = can_index_by_row(rows, matches);
  if (!m.by_row) return;
  m.row_start.assign(rows + 1, 0);
  for (const auto& list : m.lists)
    for (RowId row : list) ++m.row_start[row + 1];
  for (uint64_t r = 0; r < rows; ++r) m.row_start[r + 1] += m.row_start[r];
  m.row_patterns.resize(matches);
  std::vector<uint32_t> fill(m.row_start.begin(), m.row_start.end() - 1);
  for (size_t p = 0; p < m.lists.size(); ++p)
    for (RowId row : m.lists[p]) m.row_patterns[fill[row]++] = static_cast<uint32_t>(p);
}

Matches gather_matches(const WorkTable& table, const std::vector<CodedPattern>& patterns,
                       const AnchorIndex& index, bool by_row) {
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
  m.by_row = by_row && can_index_by_row(rows, matches_found);
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

Matches known_matches(const WorkTable& table, const PatternRows& rows_of, bool by_row) {
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
  if (by_row) index_by_row(m, rows);
  return m;
}

}  // namespace tsum
