#include "diff/strata.h"

#include <map>

#include "diff/g_test.h"

namespace tsum {

Strata::Strata(SideCounter& counter) : counter_(counter) {
  const WorkTable* work[2] = {&counter.old_work(), &counter.new_work()};
  for (int s = 0; s < 2; ++s) {
    cell_[s].assign(work[s]->rows(), 0);
    size_[s] = {work[s]->table_rows()};
  }
}

void Strata::split(const CodePattern& reported) {
  const WorkTable* work[2] = {&counter_.old_work(), &counter_.new_work()};
  // New strata numbered in order of first appearance (OLD's rows, then NEW's): the
  // numbering is deterministic, though nothing depends on it.
  std::map<uint64_t, uint32_t> renumber;
  for (int s = 0; s < 2; ++s) {
    std::vector<uint8_t> matched(work[s]->rows(), 0);
    for (RowId r : counter_.rows(reported, s == 1)) matched[r] = 1;
    for (size_t r = 0; r < matched.size(); ++r) {
      uint64_t key = uint64_t{cell_[s][r]} * 2 + matched[r];
      cell_[s][r] = renumber.emplace(key, static_cast<uint32_t>(renumber.size())).first->second;
    }
  }
  strata_ = static_cast<uint32_t>(renumber.size());
  for (int s = 0; s < 2; ++s) {
    size_[s].assign(strata_, 0);
    for (size_t r = 0; r < cell_[s].size(); ++r) size_[s][cell_[s][r]] += work[s]->weight(r);
  }
}

Strata::Test Strata::test(const CodePattern& x) {
  const WorkTable* work[2] = {&counter_.old_work(), &counter_.new_work()};
  std::vector<uint64_t> hits[2];
  for (int s = 0; s < 2; ++s) {
    hits[s].assign(strata_, 0);
    for (RowId r : counter_.rows(x, s == 1)) hits[s][cell_[s][r]] += work[s]->weight(r);
  }
  Test t;
  for (uint32_t c = 0; c < strata_; ++c) {
    const uint64_t n1 = size_[0][c], n2 = size_[1][c], a = hits[0][c], b = hits[1][c];
    if (n1 == 0 || n2 == 0 || a + b == 0 || a + b == n1 + n2) continue;  // x's share is forced here
    t.g += g_statistic(a, n1, b, n2);
    ++t.df;
  }
  return t;
}

}  // namespace tsum
