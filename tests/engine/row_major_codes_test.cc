// RowMajorCodes: which tables get one, its codes against the columns', add() and
// subtract() against count_codes() and uncount_codes() on random selections (weighted or
// not, on one thread or shared out), Residue::extensions() with and without it, and
// whole summaries — every search under every cost
// model, one and two threads — with the row-major codes, with every selection counted in
// them, and without: the same patterns, savings and coverage.
#include "engine/row_major_codes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/cost_model.h"
#include "engine/kernels.h"
#include "engine/random_tables.h"
#include "engine/residue.h"
#include "engine/work_table.h"
#include "support/raw_table.h"
#include "support/same_summary.h"
#include "support/sanitizer_share.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

constexpr size_t kShare = test::kSanitizerShare;  // (support/sanitizer_share.h)

// Sets TSUM_ROW_MAJOR for the life of the object ("" unsets it).
class RowMajorSetting {
 public:
  explicit RowMajorSetting(const char* value) {
    if (*value) setenv("TSUM_ROW_MAJOR", value, 1);
    else unsetenv("TSUM_ROW_MAJOR");
  }
  ~RowMajorSetting() { unsetenv("TSUM_ROW_MAJOR"); }
};

// A work table of the given cardinalities, codes skewed towards the low ones, NULLs
// included, each row weighted 1 to 4.
WorkTable coded_table(std::mt19937_64& rng, const std::vector<uint32_t>& cardinality, uint64_t rows) {
  std::vector<std::vector<uint32_t>> codes(cardinality.size(), std::vector<uint32_t>(rows));
  for (size_t c = 0; c < cardinality.size(); ++c)
    for (uint64_t r = 0; r < rows; ++r)
      codes[c][r] = static_cast<uint32_t>(std::min(rng() % (cardinality[c] + 1), rng() % (cardinality[c] + 1)));
  std::vector<uint64_t> weights(rows);
  for (uint64_t& w : weights) w = 1 + rng() % 4;
  return WorkTable(std::move(codes), cardinality, std::move(weights));
}

// A work table of `rows` rows in columns of the given cardinalities (codes cycling, each
// row weighted 1): cheap to build at the sizes the default rule asks for.
WorkTable cycled_table(const std::vector<uint32_t>& cardinality, uint64_t rows) {
  std::vector<std::vector<uint32_t>> codes(cardinality.size(), std::vector<uint32_t>(rows));
  for (size_t c = 0; c < cardinality.size(); ++c)
    for (uint64_t r = 0; r < rows; ++r) codes[c][r] = static_cast<uint32_t>((r * (c + 1)) % (cardinality[c] + 1));
  return WorkTable(std::move(codes), cardinality, std::vector<uint64_t>(rows, 1));
}

TEST(RowMajorCodes, WhichTablesGetOne) {
  std::mt19937_64 rng(7);
  auto small = [](size_t n) { return std::vector<uint32_t>(n, 40); };
  {
    RowMajorSetting setting("");
    // 16 columns of one byte: kMinBytes from kMinBytes / 16 rows on.
    const uint64_t rows = RowMajorCodes::kMinBytes / 16;
    EXPECT_NE(cycled_table(small(16), rows).row_major(), nullptr);
    EXPECT_EQ(cycled_table(small(16), rows - 1).row_major(), nullptr);  // stays in cache
    EXPECT_EQ(cycled_table(small(15), rows + rows / 15).row_major(), nullptr);  // too narrow
    std::vector<uint32_t> cards = small(16);
    cards[3] = 256;  // codes up to 256: not a byte
    EXPECT_EQ(cycled_table(cards, rows).row_major(), nullptr);
    cards[3] = 255;
    const WorkTable table = cycled_table(cards, rows);
    ASSERT_NE(table.row_major(13), nullptr);
    EXPECT_TRUE(table.row_major()->holds(3));
    EXPECT_TRUE(table.row_major()->suits(rows / 8));
    EXPECT_FALSE(table.row_major()->suits(rows / 8 + 1));  // more than an eighth of the rows
    EXPECT_EQ(table.row_major(rows / 8 + 1), nullptr);
    EXPECT_EQ(table.row_major(rows / 8), table.row_major());
    EXPECT_EQ(coded_table(rng, small(16), 0).row_major(), nullptr);
  }
  {
    RowMajorSetting setting("0");
    EXPECT_EQ(coded_table(rng, small(40), 100).row_major(), nullptr);
  }
  {
    RowMajorSetting setting("1");
    const WorkTable table = coded_table(rng, {3, 300, 70}, 100);
    ASSERT_NE(table.row_major(), nullptr);
    EXPECT_EQ(table.row_major(12), table.row_major());
    EXPECT_EQ(table.row_major(13), nullptr);
    EXPECT_TRUE(table.row_major()->holds(0));
    EXPECT_FALSE(table.row_major()->holds(1));
    EXPECT_EQ(table.row_major()->place(2), 1u);
    EXPECT_FALSE(table.row_major()->suits(50));
    EXPECT_EQ(coded_table(rng, {300, 1000}, 100).row_major(), nullptr);
  }
  {
    RowMajorSetting setting("all");
    EXPECT_TRUE(coded_table(rng, {3, 300}, 100).row_major()->suits(100));
  }
}

// add() and subtract() change a random subset of the held columns' histograms as
// count_codes() and uncount_codes() do, on one thread and shared out.
void check_counts(const WorkTable& table, std::mt19937_64& rng, const std::string& label) {
  const RowMajorCodes& row_major = *table.row_major();
  for (size_t c = 0; c < table.num_columns(); ++c) {
    if (!row_major.holds(c)) continue;
    for (uint64_t r = 0; r < table.rows(); ++r)
      ASSERT_EQ(row_major.code(static_cast<RowId>(r), row_major.place(c)), table.column(c).code_at(r))
          << label << " column " << c << " row " << r;
  }
  for (int trial = 0; trial < 6; ++trial) {
    std::vector<RowId> rows;
    const uint64_t keep = 1 + rng() % 4;  // about 1/keep of the rows
    for (uint64_t r = 0; r < table.rows(); ++r)
      if (rng() % keep == 0) rows.push_back(static_cast<RowId>(r));
    std::vector<size_t> columns;
    for (size_t c = 0; c < table.num_columns(); ++c)
      if (row_major.holds(c) && rng() % 3 != 0) columns.push_back(c);
    for (bool parallel : {false, true}) {
      const std::string where = fmt::format("{} trial {} parallel {}", label, trial, parallel);
      std::vector<std::vector<uint64_t>> start(table.num_columns()), expected, counted;
      for (size_t c = 0; c < table.num_columns(); ++c) {
        start[c].resize(table.column(c).cardinality() + size_t{1});
        for (uint64_t& n : start[c]) n = 1000 + rng() % 1000;
      }
      expected = start;
      counted = start;
      std::vector<RowMajorCodes::Target> targets;
      for (size_t c : columns) {
        count_codes(table, c, rows, expected[c].data());
        targets.push_back({row_major.place(c), counted[c].data()});
      }
      row_major.add(rows, targets, table.weights_or_null(), parallel);
      EXPECT_EQ(counted, expected) << where << " add";
      for (size_t c : columns) {
        uncount_codes(table, c, rows, expected[c].data());
        uncount_codes(table, c, rows, expected[c].data());
      }
      row_major.subtract(rows, targets, table.weights_or_null(), parallel);
      row_major.subtract(rows, targets, table.weights_or_null(), parallel);
      EXPECT_EQ(counted, expected) << where << " subtract";
    }
  }
}

TEST(RowMajorCodes, CountsAsTheColumnKernelsDo) {
  RowMajorSetting setting("1");
  std::mt19937_64 rng(11);
  for (int t = 0; t < static_cast<int>(60 / kShare); ++t) {
    std::vector<uint32_t> cardinality(1 + rng() % 40);
    for (uint32_t& card : cardinality) card = rng() % 4 == 0 ? 200 + rng() % 120 : 1 + rng() % 30;
    cardinality[0] = 255;
    const WorkTable weighted = coded_table(rng, cardinality, rng() % 3000);
    if (weighted.rows() > 0) check_counts(weighted, rng, fmt::format("weighted table {}", t));
    // Unweighted: a Table's codes viewed as they are (8- and 16-bit codes).
    test::Shape shape{.max_columns = 30, .max_cardinality = 300, .max_rows = 3000, .max_null_rate = 0.2,
                      .wide_values = false};
    const Table raw = test::to_table(test::random_table(rng, shape));
    const WorkTable plain(raw, false);
    if (plain.rows() > 0 && plain.row_major()) check_counts(plain, rng, fmt::format("plain table {}", t));
  }
}

// Residue::extensions() on a residue whose table counts selections row by row and on
// one whose table does not, after the same accepted patterns: the same candidates in the
// same order (column, then code), with the same counts and savings, under every model.
TEST(RowMajorCodes, ExtensionsAreTheSame) {
  std::mt19937_64 rng(31);
  for (int t = 0; t < static_cast<int>(60 / kShare); ++t) {
    test::Shape shape{.max_columns = 20, .max_cardinality = t % 2 == 0 ? 150u : 10u, .max_rows = 600,
                      .max_null_rate = 0.2, .wide_values = false, .uniform = t % 3 == 0,
                      .max_copies = t % 4 == 1 ? 3u : 1u};
    const Table table = test::to_table(test::random_table(rng, shape));
    if (table.rows() == 0) continue;
    const CostModelKind kind = static_cast<CostModelKind>(t % 4);
    const CostModel model(kind, table);
    std::unique_ptr<WorkTable> columnwise, rowwise;
    {
      RowMajorSetting off("0");
      columnwise = std::make_unique<WorkTable>(table, t % 2 == 1);
    }
    {
      RowMajorSetting all("all");
      rowwise = std::make_unique<WorkTable>(table, t % 2 == 1);
    }
    if (!rowwise->row_major()) continue;  // no column of at most 255 codes
    Residue a(*columnwise, model), b(*rowwise, model);
    const size_t d = table.num_columns();
    for (int step = 0; step < 8 && a.rows() > 0; ++step) {
      // A pattern of one or two items of a random row of R, its extensions, then accepted.
      std::vector<RowId> left = a.rows_matching({});
      const RowId row = left[rng() % left.size()];
      CodedPattern p;
      std::vector<bool> used(d, false);
      for (size_t c = rng() % d; c < d && p.items.size() < static_cast<size_t>(1 + step % 2); ++c) {
        const uint32_t code = columnwise->column(c).code_at(row);
        if (code == 0) continue;
        add_item(p, model, static_cast<uint32_t>(c), code);
        used[c] = true;
      }
      if (p.items.empty()) continue;
      const std::vector<RowId> rows = a.rows_matching(p.items);
      ASSERT_EQ(b.rows_matching(p.items), rows);
      const std::vector<Candidate> expected = a.extensions(p, &rows, used);
      const std::vector<Candidate> got = b.extensions(p, &rows, used);
      ASSERT_EQ(got.size(), expected.size()) << "table " << t << " step " << step;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].column, expected[i].column) << "table " << t << " step " << step << " candidate " << i;
        EXPECT_EQ(got[i].code, expected[i].code) << "table " << t << " step " << step << " candidate " << i;
        EXPECT_EQ(got[i].count, expected[i].count) << "table " << t << " step " << step << " candidate " << i;
        EXPECT_EQ(got[i].saving, expected[i].saving) << "table " << t << " step " << step << " candidate " << i;
      }
      a.accept(p, rows);
      b.accept(p, rows);
      for (size_t c = 0; c < d; ++c) ASSERT_EQ(b.histogram(c), a.histogram(c)) << "table " << t << " column " << c;
    }
  }
}

struct Run {
  CostModelKind model;
  SearchKind search;
};

// Every search under every cost model, one and two threads, on `table` with the setting
// given and without row-major codes: the same summaries.
void expect_same_summaries(const Table& table, const char* setting, const std::string& label) {
  static const Run kRuns[] = {
      {CostModelKind::kPaper, SearchKind::kGreedy},     {CostModelKind::kPaper, SearchKind::kBeam},
      {CostModelKind::kPaper, SearchKind::kBottomUp},   {CostModelKind::kTsumDask, SearchKind::kGreedy},
      {CostModelKind::kTsumJs, SearchKind::kBeam},      {CostModelKind::kEntropy, SearchKind::kGreedy},
      {CostModelKind::kEntropy, SearchKind::kBeam},     {CostModelKind::kEntropy, SearchKind::kBottomUp},
  };
  for (const Run& run : kRuns) {
    for (bool collapse : {false, true}) {
      SummarizeOptions o;
      o.cost_model = run.model;
      o.search = run.search;
      o.collapse_duplicate_rows = collapse;
      o.threads = 1;
      Summary without;
      {
        RowMajorSetting off("0");
        without = summarize(table, o);
      }
      RowMajorSetting on(setting);
      for (unsigned threads : {1u, 2u}) {
        o.threads = threads;
        test::expect_same_patterns(summarize(table, o), without,
                                   fmt::format("{} model {} search {} collapse {} threads {}", label,
                                               static_cast<int>(run.model), static_cast<int>(run.search),
                                               collapse, threads));
      }
    }
  }
}

TEST(RowMajorCodes, SummariesAreTheSameOnRandomTables) {
  std::mt19937_64 rng(23);
  for (int t = 0; t < static_cast<int>(24 / kShare); ++t) {
    // Every third table has columns of up to 150 values: fewer rows than codes in a
    // held column (its codes visited row by row, not scanned).
    test::Shape shape{.max_columns = 24, .max_cardinality = t % 3 == 1 ? 150u : 12u, .max_rows = 300, .max_null_rate = 0.2,
                      .wide_values = t % 2 == 0, .high_cardinality_column_values = t % 3 == 0 ? 300u : 0u,
                      .uniform = t % 4 == 1, .max_copies = t % 5 == 2 ? 4u : 1u};
    const Table table = test::to_table(test::random_table(rng, shape));
    for (const char* setting : {"1", "all"}) expect_same_summaries(table, setting, fmt::format("table {} {}", t, setting));
  }
}

// Wide enough for the default rule but for its size (TSUM_ROW_MAJOR=1: the selections
// it suits), large enough for selections shared out over threads.
TEST(RowMajorCodes, SummariesAreTheSameOnAWideTable) {
  const Table table = test::uniform_table(4000 / kShare, 12, 20, 5);
  expect_same_summaries(table, "1", "uniform 20 columns");
  // 100 labels: selections of fewer rows than codes, whose savings tie within a column
  // (equal counts of values of equal bits).
  expect_same_summaries(test::uniform_table(3000 / kShare, 100, 20, 9), "1", "uniform 20 columns of 100 labels");
}

}  // namespace
}  // namespace tsum
