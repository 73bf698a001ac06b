#include "engine/kernels.h"

#include <algorithm>

#include "engine/histogram.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kBlock = 1 << 18;  // rows per parallel block
constexpr uint32_t kSmallHistogram = 256;  // codes counted on the stack by uncount_codes

template <class T>
size_t filter_block(const T* codes, uint64_t begin, uint64_t end, T code, RowId* out) {
  size_t n = 0;
  for (uint64_t r = begin; r < end; ++r) {
    out[n] = static_cast<RowId>(r);
    n += codes[r] == code;
  }
  return n;
}

template <class T>
size_t filter_ids(const T* codes, const RowId* ids, size_t count, T code, RowId* out) {
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) {
    RowId r = ids[i];
    out[n] = r;
    n += codes[r] == code;
  }
  return n;
}

}  // namespace

std::vector<RowId> filter_equal(const WorkColumn& column, const RowSet& rows, uint32_t code) {
  uint64_t total = rows.size();
  uint64_t blocks = (total + kBlock - 1) / kBlock;
  std::vector<std::vector<RowId>> parts(blocks);
  column.visit_codes([&](const auto* codes) {
    using T = std::remove_const_t<std::remove_pointer_t<decltype(codes)>>;
    T c = static_cast<T>(code);
    tsum::parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
      uint64_t begin = b * kBlock, end = std::min(total, begin + kBlock);
      std::vector<RowId>& part = parts[b];
      part.resize(end - begin);
      size_t n = rows.all ? filter_block(codes, begin, end, c, part.data())
                          : filter_ids(codes, rows.ids.data() + begin, end - begin, c, part.data());
      part.resize(n);
      part.shrink_to_fit();
    });
  });
  size_t n = 0;
  for (const auto& part : parts) n += part.size();
  std::vector<RowId> out;
  out.reserve(n);
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// Unweighted counts go through the histogram kernels (histogram.h): SIMD for narrow
// codes, interleaved sub-histograms otherwise; integer counts, so the same numbers.
void count_codes(const WorkTable& table, size_t column, std::span<const RowId> ids, uint64_t* hist) {
  if (!table.weighted()) {
    histogram(table.column(column), ids, hist);
    return;
  }
  const uint64_t* w = table.weights().data();
  table.column(column).visit_codes([&](const auto* codes) {
    for (RowId r : ids) hist[codes[r]] += w[r];
  });
}

size_t count_few_codes(const WorkTable& table, size_t column, std::span<const RowId> rows, uint32_t* codes,
                       uint64_t* counts) {
  size_t distinct = 0;
  // The rows are far apart: load a batch of codes first (independent loads, their cache
  // misses overlap), then tell them apart. Loaded inside the branchy loop, each miss
  // waited for the previous row's comparisons to resolve. (Callers pass at most
  // kFewCodesMaxRows rows, one batch; more would only take more batches.)
  uint32_t row_codes[kFewCodesMaxRows];
  for (size_t first = 0; first < rows.size(); first += kFewCodesMaxRows) {
    const size_t n = std::min(rows.size() - first, kFewCodesMaxRows);
    table.column(column).visit_codes([&](const auto* column_codes) {
      for (size_t i = 0; i < n; ++i) row_codes[i] = column_codes[rows[first + i]];
    });
    for (size_t i = 0; i < n; ++i) {
      const uint32_t code = row_codes[i];
      const uint64_t w = table.weight(rows[first + i]);
      size_t j = 0;
      while (j < distinct && codes[j] != code) ++j;
      if (j == distinct) {
        codes[distinct] = code;
        counts[distinct++] = w;
      } else {
        counts[j] += w;
      }
    }
  }
  return distinct;
}

void uncount_codes(const WorkTable& table, size_t column, std::span<const RowId> ids, uint64_t* hist) {
  const uint64_t* w = table.weighted() ? table.weights().data() : nullptr;
  const uint32_t num_codes = table.column(column).cardinality() + 1;
  if (!w && num_codes <= kSmallHistogram && ids.size() >= 4 * num_codes) {
    // Count the rows with the kernel, then subtract: far fewer dependent decrements.
    uint64_t removed[kSmallHistogram] = {};
    histogram(table.column(column), ids, removed);
    for (uint32_t code = 0; code < num_codes; ++code) hist[code] -= removed[code];
    return;
  }
  table.column(column).visit_codes([&](const auto* codes) {
    if (w) {
      for (RowId r : ids) hist[codes[r]] -= w[r];
    } else {
      for (RowId r : ids) --hist[codes[r]];
    }
  });
}

uint64_t total_weight(const WorkTable& table, std::span<const RowId> ids) {
  if (!table.weighted()) return ids.size();
  uint64_t total = 0;
  for (RowId r : ids) total += table.weights()[r];
  return total;
}

std::vector<RowId> subtract_rows(const RowSet& rows, std::span<const RowId> removed) {
  std::vector<RowId> out;
  out.reserve(rows.size() - removed.size());
  size_t j = 0;
  if (rows.all) {
    for (uint64_t r = 0; r < rows.table_rows; ++r) {
      if (j < removed.size() && removed[j] == r) {
        ++j;
        continue;
      }
      out.push_back(static_cast<RowId>(r));
    }
  } else {
    for (RowId r : rows.ids) {
      if (j < removed.size() && removed[j] == r) {
        ++j;
        continue;
      }
      out.push_back(r);
    }
  }
  return out;
}

void block_offsets(std::span<uint64_t> counts, uint64_t blocks, size_t keys, std::vector<uint64_t>& begin) {
  begin.resize(keys + 1);
  uint64_t offset = 0;
  for (size_t k = 0; k < keys; ++k) {
    begin[k] = offset;
    for (uint64_t b = 0; b < blocks; ++b) {
      const uint64_t n = counts[b * keys + k];
      counts[b * keys + k] = offset;
      offset += n;
    }
  }
  begin[keys] = offset;
}

}  // namespace tsum
