#include "engine/posting_index.h"

#include <tbb/task_arena.h>

#include <algorithm>

#include "table/parallel_for.h"

namespace tsum {

namespace {

// Rows per block of the parallel counting sort; a table of fewer rows sorts serially.
constexpr uint64_t kBlockRows = uint64_t{1} << 20;
// A live list longer than this is filtered block by block in parallel.
constexpr uint64_t kParallelListRows = uint64_t{1} << 17;
constexpr uint64_t kListBlock = uint64_t{1} << 16;
// Flags of the first rows of a list fetched before it is filtered.
constexpr uint64_t kPrefetchRows = 32;

// Counting sort of the rows by code: begin[code] .. begin[code + 1] - 1 are the rows
// holding `code`, ascending. On large columns of a modest dictionary the rows are cut
// into blocks that count and fill in parallel: block k's rows of each code go after
// blocks 0..k-1's, so the lists are the same as the serial sort's.
template <class Code>
void sort_rows(const Code* codes, uint64_t rows, size_t num_codes, std::vector<uint64_t>& begin, std::vector<RowId>& out) {
  begin.assign(num_codes + 1, 0);
  out.resize(rows);
  const uint64_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  // Per-block counts cost blocks x num_codes: worth it only when that is small next to the rows.
  if (blocks <= 1 || tbb::this_task_arena::max_concurrency() <= 1 || blocks * num_codes > rows / 8) {
    for (uint64_t r = 0; r < rows; ++r) ++begin[codes[r] + 1];
    for (size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    std::vector<uint64_t> fill(begin.begin(), begin.end() - 1);
    for (uint64_t r = 0; r < rows; ++r) out[fill[codes[r]]++] = static_cast<RowId>(r);
    return;
  }
  // counts[k * num_codes + code]: block k's rows of `code`, then (after block_offsets)
  // where block k writes its first row of `code`.
  std::vector<uint64_t> counts(blocks * num_codes, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    uint64_t* count = counts.data() + k * num_codes;
    const uint64_t last = std::min(rows, (k + 1) * kBlockRows);
    for (uint64_t r = k * kBlockRows; r < last; ++r) ++count[codes[r]];
  });
  block_offsets(counts, blocks, num_codes, begin);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    uint64_t* fill = counts.data() + k * num_codes;
    const uint64_t last = std::min(rows, (k + 1) * kBlockRows);
    for (uint64_t r = k * kBlockRows; r < last; ++r) out[fill[codes[r]]++] = static_cast<RowId>(r);
  });
}

}  // namespace

PostingIndex::Lists& PostingIndex::lists(size_t column) {
  if (columns_[column]) return *columns_[column];
  auto l = std::make_unique<Lists>();
  const WorkColumn& col = table_.column(column);
  col.visit_codes([&](const auto* codes) { sort_rows(codes, table_.rows(), col.cardinality() + 1, l->begin, l->rows); });
  l->end.assign(l->begin.begin() + 1, l->begin.end());
  l->begin.pop_back();
  columns_[column] = std::move(l);
  return *columns_[column];
}

std::vector<RowId> PostingIndex::live_rows(size_t column, uint32_t code, const std::vector<uint8_t>& alive) {
  Lists& l = lists(column);
  const uint64_t begin = l.begin[code], end = l.end[code];
  std::vector<RowId> out;
  if (end - begin < kParallelListRows || tbb::this_task_arena::max_concurrency() <= 1) {
    out.reserve(end - begin);
    // Each row's flag is a cache miss on a large table: ask for a short list's flags at
    // once rather than one after the other.
    for (uint64_t i = begin; i < std::min(end, begin + kPrefetchRows); ++i) __builtin_prefetch(&alive[l.rows[i]]);
    uint64_t keep = begin;
    for (uint64_t i = begin; i < end; ++i) {
      RowId r = l.rows[i];
      if (!alive[r]) continue;
      l.rows[keep++] = r;
      out.push_back(r);
    }
    l.end[code] = keep;
    return out;
  }
  // A long list (a pattern of many rows): each block compacts its own slice of the list,
  // the slices are concatenated into `out` at offsets summed in block order (so the same
  // ascending list as the serial loop), and `out` is copied back over the list's front.
  const uint64_t blocks = (end - begin + kListBlock - 1) / kListBlock;
  std::vector<uint64_t> kept(blocks + 1, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const uint64_t first = begin + b * kListBlock, last = std::min(end, first + kListBlock);
    uint64_t keep = first;
    for (uint64_t i = first; i < last; ++i) {
      RowId r = l.rows[i];
      l.rows[keep] = r;
      keep += alive[r] != 0;
    }
    kept[b + 1] = keep - first;
  });
  for (uint64_t b = 0; b < blocks; ++b) kept[b + 1] += kept[b];
  out.resize(kept[blocks]);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const auto from = l.rows.begin() + static_cast<ptrdiff_t>(begin + b * kListBlock);
    std::copy(from, from + static_cast<ptrdiff_t>(kept[b + 1] - kept[b]), out.begin() + static_cast<ptrdiff_t>(kept[b]));
  });
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const auto from = out.begin() + static_cast<ptrdiff_t>(kept[b]);
    std::copy(from, out.begin() + static_cast<ptrdiff_t>(kept[b + 1]), l.rows.begin() + static_cast<ptrdiff_t>(begin + kept[b]));
  });
  l.end[code] = begin + kept[blocks];
  return out;
}

}  // namespace tsum
