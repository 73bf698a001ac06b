#include "engine/pair_counts.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "table/parallel_for.h"

namespace tsum {

uint64_t PairCounts::bytes_for(uint64_t rows, uint64_t cardinality1, uint64_t cardinality2) {
  // At most one pair per row, and no more pairs than the two dictionaries make. A sparse
  // run takes 12 bytes a pair; a dense one 8 bytes a value of the second column, only
  // when it holds half of them (count_pair): at most 16 bytes a pair, and at most the
  // dense grid's 8 bytes a cell. (Cardinalities fit 32 bits: their product fits 64.)
  const uint64_t product = cardinality1 * cardinality2;
  const uint64_t cells = product > UINT64_MAX / sizeof(uint64_t) ? UINT64_MAX : product * sizeof(uint64_t);
  const uint64_t counts = std::min(std::min(rows, product) * 2 * sizeof(uint64_t), cells);
  return counts + (cardinality1 + 2) * 2 * sizeof(uint32_t) + (cardinality1 + 1) * sizeof(uint64_t);
}

uint64_t PairCounts::bytes_for_table(const WorkTable& table) {
  uint64_t bytes = 0;
  for (size_t c1 = 0; c1 < table.num_columns(); ++c1)
    for (size_t c2 = c1 + 1; c2 < table.num_columns(); ++c2)
      bytes += bytes_for(table.rows(), table.column(c1).cardinality(), table.column(c2).cardinality());
  return bytes;
}

PairCounts::PairCounts(const WorkTable& table, const RowBits& alive, uint64_t budget_bytes,
                       const std::vector<bool>* wanted)
    : table_(table), pairs_(table.num_columns()) {
  const size_t d = table.num_columns();
  std::vector<std::pair<size_t, size_t>> jobs;
  uint64_t used = 0;
  for (size_t c1 = 0; c1 + 1 < d; ++c1) {
    if (wanted && !(*wanted)[c1]) continue;
    uint64_t bytes = 0;
    for (size_t c2 = c1 + 1; c2 < d; ++c2) {
      bytes += bytes_for(table.rows(), table.column(c1).cardinality(), table.column(c2).cardinality());
    }
    if (bytes > budget_bytes - used) continue;  // a later, smaller column may still fit
    used += bytes;
    pairs_[c1].resize(d - c1 - 1);
    held_ += d - c1 - 1;
    for (size_t c2 = c1 + 1; c2 < d; ++c2) jobs.emplace_back(c1, c2);
  }
  tsum::parallel_for(size_t{0}, jobs.size(), [&](size_t j) {
    const auto [c1, c2] = jobs[j];
    pairs_[c1][c2 - c1 - 1] = count_pair(c1, c2, alive);
  });
}

// A counting sort of the residue's rows by v1; then each v1's v2 are counted in a
// scratch array of the second column's codes and written as a run: dense (a count for
// every v2, no codes) when they are at least half the dictionary, else sparse, read back
// in code order by sorting the codes met when they are few against the dictionary, else
// by a scan of the array. A dense run takes at most 16 bytes per pair, a sparse one 12.
PairCounts::Pair PairCounts::count_pair(size_t c1, size_t c2, const RowBits& alive) const {
  const uint32_t card1 = table_.column(c1).cardinality(), card2 = table_.column(c2).cardinality();
  Pair p;
  std::vector<uint32_t> at(size_t{card1} + 2, 0);
  std::vector<uint32_t> second_of;  // v2 of R's rows holding a value in both columns, by v1
  std::vector<uint64_t> weight_of;  // and their weights (weighted tables only)
  table_.column(c1).visit_codes([&](const auto* first) {
    table_.column(c2).visit_codes([&](const auto* second) {
      const uint64_t rows = table_.rows();
      for (uint64_t r = 0; r < rows; ++r) {
        if (alive.contains(static_cast<RowId>(r)) && first[r] != 0 && second[r] != 0) ++at[size_t{first[r]} + 1];
      }
      for (size_t v = 1; v < at.size(); ++v) at[v] += at[v - 1];
      second_of.resize(at.back());
      if (table_.weighted()) weight_of.resize(at.back());
      std::vector<uint32_t> fill(at.begin(), at.end() - 1);
      for (uint64_t r = 0; r < rows; ++r) {
        if (alive.contains(static_cast<RowId>(r)) && first[r] != 0 && second[r] != 0) {
          const uint32_t i = fill[first[r]]++;
          second_of[i] = static_cast<uint32_t>(second[r]);
          if (table_.weighted()) weight_of[i] = table_.weight(r);
        }
      }
    });
  });
  p.start.assign(size_t{card1} + 2, 0);
  p.code_start.assign(size_t{card1} + 2, 0);
  p.bound.assign(size_t{card1} + 1, 0);
  std::vector<uint64_t> scratch(size_t{card2} + 1, 0);  // zero between runs
  std::vector<uint32_t> met;
  for (uint32_t v1 = 0; v1 <= card1; ++v1) {
    p.start[v1] = static_cast<uint32_t>(p.counts.size());
    p.code_start[v1] = static_cast<uint32_t>(p.codes.size());
    met.clear();
    for (uint32_t i = at[v1]; i < at[v1 + 1]; ++i) {
      const uint32_t v2 = second_of[i];
      if (scratch[v2] == 0) met.push_back(v2);
      scratch[v2] += weight_of.empty() ? 1 : weight_of[i];
    }
    for (uint32_t v2 : met) p.bound[v1] = std::max(p.bound[v1], scratch[v2]);
    if (met.size() * 2 >= card2) {
      p.counts.insert(p.counts.end(), scratch.begin() + 1, scratch.end());
      for (uint32_t v2 : met) scratch[v2] = 0;
      continue;
    }
    auto emit = [&](uint32_t v2) {
      p.codes.push_back(v2);
      p.counts.push_back(scratch[v2]);
      scratch[v2] = 0;
    };
    if (met.size() * 16 < card2) {
      std::sort(met.begin(), met.end());
      for (uint32_t v2 : met) emit(v2);
    } else {
      for (uint32_t v2 = 1; v2 <= card2; ++v2)
        if (scratch[v2] != 0) emit(v2);
    }
  }
  p.start[size_t{card1} + 1] = static_cast<uint32_t>(p.counts.size());
  p.code_start[size_t{card1} + 1] = static_cast<uint32_t>(p.codes.size());
  p.codes.shrink_to_fit();
  p.counts.shrink_to_fit();
  return p;
}

void PairCounts::remove(std::span<const RowId> rows, std::span<const Item> held) {
  if (rows.empty()) return;
  const size_t d = table_.num_columns();
  std::vector<uint32_t> fixed(d, 0);  // the code every row holds in a column, 0 if none is known
  for (const Item& item : held) fixed[item.column] = item.code;
  auto index_of = [](const Pair& p, uint32_t v1, uint32_t v2) {
    const uint32_t first_code = p.code_start[v1], end_code = p.code_start[v1 + 1];
    if (first_code == end_code) return size_t{p.start[v1]} + v2 - 1;  // a dense run
    const uint32_t* codes = p.codes.data();
    return p.start[v1] + static_cast<size_t>(std::lower_bound(codes + first_code, codes + end_code, v2) -
                                             (codes + first_code));
  };
  std::optional<uint64_t> weight;  // of the rows, when a pair of two held items needs it
  for (size_t c1 = 0; c1 < d && !weight; ++c1)
    for (size_t c2 = c1 + 1; c2 < d && !weight; ++c2)
      if (fixed[c1] != 0 && fixed[c2] != 0 && ready(c1)) weight = total_weight(table_, rows);
  auto remove_from = [&](size_t c1) {
    if (!ready(c1)) return;
    table_.column(c1).visit_codes([&](const auto* first) {
      for (size_t c2 = c1 + 1; c2 < d; ++c2) {
        Pair& p = pairs_[c1][c2 - c1 - 1];
        if (const uint32_t v1 = fixed[c1]; v1 != 0) {
          if (fixed[c2] != 0) {
            p.counts[index_of(p, v1, fixed[c2])] -= *weight;
            continue;
          }
          table_.column(c2).visit_codes([&](const auto* second) {
            for (RowId r : rows)
              if (const uint32_t v2 = second[r]; v2 != 0) p.counts[index_of(p, v1, v2)] -= table_.weight(r);
          });
          continue;
        }
        if (const uint32_t v2 = fixed[c2]; v2 != 0) {
          for (RowId r : rows)
            if (const uint32_t v1 = first[r]; v1 != 0) p.counts[index_of(p, v1, v2)] -= table_.weight(r);
          continue;
        }
        table_.column(c2).visit_codes([&](const auto* second) {
          for (RowId r : rows) {
            const uint32_t v1 = first[r], v2 = second[r];
            if (v1 != 0 && v2 != 0) p.counts[index_of(p, v1, v2)] -= table_.weight(r);
          }
        });
      }
    });
  };
  // A pattern's few rows (a summary of 10^4 patterns removes ~100 rows at a time) are
  // cheaper to take out here than to hand to another thread and wait for.
  if (uint64_t{rows.size()} * held_ < kSerialUpdates) {
    for (size_t c1 = 0; c1 < d; ++c1) remove_from(c1);
  } else {
    tsum::parallel_for(size_t{0}, d, remove_from);
  }
}

}  // namespace tsum
