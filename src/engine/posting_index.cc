#include "engine/posting_index.h"

#include <tbb/task_arena.h>

#include <algorithm>

#include "table/parallel_for.h"

namespace tsum {

namespace {

// Rows per block of the parallel counting sort; a table of fewer rows sorts serially.
constexpr uint64_t kBlockRows = uint64_t{1} << 20;

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
  // counts[k * num_codes + code]: block k's rows of `code`, then (after the scan below)
  // where block k writes its first row of `code`.
  std::vector<uint64_t> counts(blocks * num_codes, 0);
  tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t k) {
    uint64_t* count = counts.data() + k * num_codes;
    const uint64_t last = std::min(rows, (k + 1) * kBlockRows);
    for (uint64_t r = k * kBlockRows; r < last; ++r) ++count[codes[r]];
  });
  uint64_t offset = 0;
  for (size_t code = 0; code < num_codes; ++code) {
    begin[code] = offset;
    for (uint64_t k = 0; k < blocks; ++k) {
      const uint64_t n = counts[k * num_codes + code];
      counts[k * num_codes + code] = offset;
      offset += n;
    }
  }
  begin[num_codes] = offset;
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
  uint64_t begin = l.begin[code], end = l.end[code];
  std::vector<RowId> out;
  out.reserve(end - begin);
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

}  // namespace tsum
