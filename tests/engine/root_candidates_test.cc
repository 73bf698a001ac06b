// RootCandidates against its definition: after every removal, each column's best single
// pair from the trees (kIncremental: trees kept after every removal; kAdaptive: trees and
// scans after large removals) must be the plain scan's (kPlain), saving compared with ==,
// ties to the lowest code. The series mixes columns whose pair savings never grow as a
// count falls (their keys may go stale, root_candidates.h) with columns of tiny bits whose
// savings do grow as counts fall (paper: bits 0.5 to 3 against overhead steps of 2; tsum-js:
// empty strings), which must keep their keys exact, and identifier columns (each row its
// own value: no candidate, and no tree, from the first removal on). Paper columns above the
// floor whose counts span at most 256 values file their codes in count buckets instead of
// a tree; the series checks that many did. remove_then_best() (removal and pick in one
// step, shared out on threads when large) must pick as the scan does, with the same
// evaluations as remove() then best().
#include "engine/root_candidates.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/work_table.h"

namespace tsum {
namespace {

struct Case {
  std::vector<std::vector<uint32_t>> codes;  // column-major
  std::vector<uint32_t> cardinality;
  std::vector<uint64_t> weights;
  std::vector<ColumnProfile> profiles;
  std::vector<std::string> storage;  // the values the profiles view
};

// `rows` rows of `columns` columns, codes skewed towards small ones (many equal counts);
// paper bits per column drawn among tiny and ordinary ones; tsum-js values of 0..3
// characters, so that some columns hold the empty string.
Case random_case(std::mt19937_64& rng) {
  const size_t columns = 2 + rng() % 3;
  const uint64_t rows = 20 + rng() % 300;
  Case out;
  std::vector<std::vector<uint32_t>>& codes = out.codes;
  std::vector<uint32_t>& cardinality = out.cardinality;
  std::vector<uint64_t>& weights = out.weights;
  codes.assign(columns, std::vector<uint32_t>(rows));
  cardinality.assign(columns, 0);
  weights.assign(rows, 0);
  // Unweighted in a quarter of the cases, so that identifier columns hold every value once.
  const bool weighted = rng() % 4 != 0;
  for (uint64_t r = 0; r < rows; ++r) weights[r] = 1 + (weighted && rng() % 4 == 0 ? rng() % 3 : 0);
  out.profiles.resize(columns);
  out.storage.reserve(columns * 64);
  for (size_t c = 0; c < columns; ++c) {
    const bool identifier = rng() % 5 == 0;  // one value per row (and some NULLs)
    cardinality[c] = identifier ? static_cast<uint32_t>(rows) : 1 + static_cast<uint32_t>(rng() % 24);
    for (uint64_t r = 0; r < rows; ++r) {
      const uint32_t a = static_cast<uint32_t>(rng() % cardinality[c]), b = static_cast<uint32_t>(rng() % cardinality[c]);
      const uint32_t value = identifier ? static_cast<uint32_t>(r) : std::min(a, b);
      codes[c][r] = rng() % 16 == 0 ? 0 : 1 + value;  // some NULLs
    }
    ColumnProfile& p = out.profiles[c];
    p.counts.assign(cardinality[c] + 1, 0);
    for (uint64_t r = 0; r < rows; ++r) p.counts[codes[c][r]] += weights[r];
    p.non_null = 64 * rows;  // bits = 8 x bytes / non_null = kBytes / 8
    static constexpr uint64_t kBytes[] = {4, 8, 12, 24, 64, 320};  // paper bits 0.5 .. 40
    p.total_utf8_bytes = kBytes[rng() % 6] * rows;
    const bool has_empty = rng() % 2 == 0;
    for (uint32_t v = 0; v < cardinality[c]; ++v) {
      const size_t length = has_empty && v == 0 ? 0 : 1 + v % 3;
      out.storage.push_back(fmt::format("{:c>{}}", "", length));
    }
  }
  for (size_t c = 0, k = 0; c < columns; ++c)
    for (uint32_t v = 0; v < cardinality[c]; ++v) out.profiles[c].values.push_back(out.storage[k++]);
  return out;
}

void expect_same(const Candidate& plain, const Candidate& fast, const std::string& label) {
  ASSERT_EQ(fast.found, plain.found) << label;
  if (!plain.found) return;
  EXPECT_EQ(fast.code, plain.code) << label;
  EXPECT_EQ(fast.saving, plain.saving) << label;
  EXPECT_EQ(fast.count, plain.count) << label;
}

// Removes live rows in random batches (one row, a few, or a large share; with `large`,
// about an eighth of the rows left each time) until none is left, comparing every
// column's best pair before each removal. A fourth instance removes with
// remove_then_best(): its picks must be the plain scan's, its `beside` task must run
// once per removal, and its evaluations must be those of remove() then best(). Adds to
// `bucketed` the columns that ended up in count buckets (kIncremental, kAdaptive).
void compare_removals(std::mt19937_64& rng, const Case& k, CostModelKind kind, const std::string& label,
                      size_t (&bucketed)[2], bool large = false) {
  const CostModel model(kind, k.profiles);
  const WorkTable table(k.codes, k.cardinality, k.weights);
  RootCandidates plain(table, model, SearchPath::kPlain);
  RootCandidates trees(table, model, SearchPath::kIncremental);
  RootCandidates adaptive(table, model, SearchPath::kAdaptive);
  RootCandidates fused(table, model, SearchPath::kAdaptive);
  std::vector<Candidate> fused_picks(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) fused_picks[c] = fused.best(c);
  size_t besides = 0;
  std::vector<RowId> live(table.rows());
  for (RowId r = 0; r < live.size(); ++r) live[r] = r;
  for (size_t step = 0;; ++step) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Candidate expected = plain.best(c);
      const std::string where = fmt::format("{} step {} column {}", label, step, c);
      expect_same(expected, trees.best(c), where + " trees");
      expect_same(expected, adaptive.best(c), where + " adaptive");
      expect_same(expected, fused_picks[c], where + " remove_then_best");
      if (::testing::Test::HasFatalFailure() || ::testing::Test::HasFailure()) return;
    }
    ASSERT_EQ(besides, step) << label;
    ASSERT_EQ(fused.evaluations(), adaptive.evaluations()) << label << " step " << step;
    if (live.empty()) {
      for (size_t c = 0; c < table.num_columns(); ++c) {
        bucketed[0] += trees.uses_buckets(c);
        bucketed[1] += adaptive.uses_buckets(c);
      }
      return;
    }
    std::shuffle(live.begin(), live.end(), rng);
    const size_t usual = rng() % 5 == 0 ? 1 + live.size() / 2 : 1 + rng() % 4;
    const size_t take = std::min(live.size(), large ? 1 + live.size() / 8 : usual);
    std::vector<RowId> rows(live.end() - take, live.end());
    live.resize(live.size() - take);
    std::sort(rows.begin(), rows.end());
    plain.remove(rows);
    trees.remove(rows);
    adaptive.remove(rows);
    fused_picks = fused.remove_then_best(rows, [&besides] { ++besides; });
  }
}

TEST(RootCandidates, TreesAndStaleKeysMatchThePlainScanAfterEveryRemoval) {
  std::mt19937_64 rng(21);
  size_t bucketed[2] = {0, 0};
  for (int i = 0; i < 400; ++i) {
    const Case k = random_case(rng);
    for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumJs, CostModelKind::kTsumDask}) {
      compare_removals(rng, k, kind, fmt::format("case {} model {}", i, cost_model_name(kind)), bucketed);
      if (::testing::Test::HasFailure()) return;
    }
  }
  // The series covers both structures: count buckets (paper columns above the bits floor
  // with counts spanning at most 256 values) and trees (the rest).
  EXPECT_GT(bucketed[0], 100u);
  EXPECT_GT(bucketed[1], 100u);
}

// remove_then_best() on two threads: removals of 2^11 (row, column) cells or more are
// shared out, a column's removal and pick in one task, the caller's task beside them.
// Tables of a few thousand rows, removed an eighth at a time.
TEST(RootCandidates, RemovalsSharedOutOnTwoThreadsPickAsTheScan) {
  std::mt19937_64 rng(22);
  size_t bucketed[2] = {0, 0};
  tbb::task_arena arena(2);
  arena.execute([&] {
    for (int i = 0; i < 12; ++i) {
      Case k = random_case(rng);
      // Stretch the rows: copies of the case's rows, so that counts reach the thousands.
      const size_t copies = 20;
      const size_t rows = k.weights.size();
      for (auto& column : k.codes) {
        column.reserve(rows * copies);
        for (size_t copy = 1; copy < copies; ++copy) column.insert(column.end(), column.begin(), column.begin() + rows);
      }
      k.weights.reserve(rows * copies);
      for (size_t copy = 1; copy < copies; ++copy) k.weights.insert(k.weights.end(), k.weights.begin(), k.weights.begin() + rows);
      for (size_t c = 0; c < k.codes.size(); ++c) {
        for (uint64_t& n : k.profiles[c].counts) n *= copies;
      }
      for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumJs}) {
        compare_removals(rng, k, kind, fmt::format("large case {} model {}", i, cost_model_name(kind)), bucketed, true);
        if (::testing::Test::HasFailure()) return;
      }
    }
  });
}

// The premise of stale keys, checked on the doubles: for bits at least twice the largest
// overhead step, the saving falls strictly as N falls (count buckets need it strict: one
// saving per count), and for smaller bits it can grow.
TEST(RootCandidates, SavingsNeverGrowAsCountsFallAboveTheBitsFloor) {
  std::vector<ColumnProfile> profiles(3);
  for (ColumnProfile& p : profiles) {
    p.non_null = 1;
    p.total_utf8_bytes = 1;
    p.values = {"a"};
  }
  for (CostModelKind kind : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    const CostModel model(kind, profiles);
    const double floor = 2.0 * model.max_overhead_step();
    for (double bits : {floor, floor * 1.5, floor * 7.25, floor * 100.0}) {
      for (uint64_t n = 2; n < 70000; ++n) {
        ASSERT_LT(model.saving(bits, n), model.saving(bits, n + 1)) << cost_model_name(kind) << " bits " << bits << " N " << n;
      }
    }
  }
  const CostModel paper(CostModelKind::kPaper, profiles);
  bool grows = false;  // bits 1: the saving rises as N falls across a power of 2
  for (uint64_t n = 2; n < 100 && !grows; ++n) grows = paper.saving(1.0, n) > paper.saving(1.0, n + 1);
  EXPECT_TRUE(grows);
}

}  // namespace
}  // namespace tsum
