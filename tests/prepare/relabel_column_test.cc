#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "prepare/relabel_column.h"
#include "prepare_test_util.h"

namespace tsum {
namespace {

using test::one_column;

TEST(RelabelColumn, BinsFollowFirstAppearanceAndNullStaysNull) {
  // Dictionary: 50 (code 1), 5 (2), NA (3), 7 (4), 70 (5).
  Table t = one_column("x", {"50", "5", std::nullopt, "NA", "7", "50", "70", std::nullopt});
  std::vector<int32_t> bin_of = {0, /*50*/ 1, /*5*/ 0, /*NA*/ kKeepValue, /*7*/ 0, /*70*/ 1};
  std::vector<std::string> labels = {"< 10", "\u2265 10"};
  std::vector<uint64_t> rows;
  auto c = relabel_column(t.column(0), bin_of, labels, &rows);
  // The upper bin appears first in the data, so it gets code 1.
  EXPECT_EQ(test::dictionary(*c), (std::vector<std::string>{"\u2265 10", "< 10", "NA"}));
  EXPECT_EQ(test::cells(*c), (std::vector<std::string>{"\u2265 10", "< 10", "<NULL>", "NA", "< 10", "\u2265 10",
                                                       "\u2265 10", "<NULL>"}));
  EXPECT_EQ(rows, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(c->code_counts(), (std::vector<uint64_t>{2, 3, 2, 1}));
  EXPECT_EQ(c->null_count(), 2u);
  EXPECT_EQ(c->name(), "x");
  EXPECT_EQ(c->rows(), 8u);
  EXPECT_EQ(c->type(), ValueType::kString);
  EXPECT_EQ(c->total_utf8_bytes(), 3u * 6 /* "≥ 10" */ + 2u * 4 /* "< 10" */ + 2);
}

TEST(RelabelColumn, KeptValueWithABinsTextIsThatBin) {
  Table t = one_column("x", {"< 10", "3", "4"});
  std::vector<int32_t> bin_of = {0, kKeepValue, 0, 0};
  auto c = relabel_column(t.column(0), bin_of, {"< 10"});
  EXPECT_EQ(test::dictionary(*c), (std::vector<std::string>{"< 10"}));
  EXPECT_EQ(c->code_counts(), (std::vector<uint64_t>{0, 3}));
}

TEST(RelabelColumn, WidthShrinksWithTheDictionary) {
  std::vector<std::optional<std::string>> v;
  for (int i = 0; i < 1000; ++i) v.push_back(std::to_string(i));
  Table t = one_column("x", v);
  ASSERT_EQ(t.column(0).width(), CodeWidth::k16);
  std::vector<int32_t> bin_of(1001);
  for (int i = 1; i <= 1000; ++i) bin_of[static_cast<size_t>(i)] = (i - 1) / 500;
  auto c = relabel_column(t.column(0), bin_of, {"low", "high"});
  EXPECT_EQ(c->width(), CodeWidth::k8);
  EXPECT_EQ(c->code_at(999), 2u);
}

// A column of several 2^16-row blocks is rewritten block by block on the arena: every row
// gets its bin's code, on one thread or two.
TEST(RelabelColumn, LongColumnRewrittenInBlocks) {
  const size_t rows = 300007;
  std::vector<std::optional<std::string>> v;
  for (size_t r = 0; r < rows; ++r) {
    if (r % 101 == 0) v.push_back(std::nullopt);
    else v.push_back(std::to_string(r % 1000));
  }
  Table t = one_column("x", v);
  const Column& column = t.column(0);
  // Values below 500 to bin 0 ("low"), the others to bin 1 ("high").
  std::vector<int32_t> bin_of(column.cardinality() + 1, 0);
  for (uint32_t code = 1; code <= column.cardinality(); ++code) bin_of[code] = std::stoi(std::string(column.value(code))) < 500 ? 0 : 1;
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    tbb::task_arena arena(threads);
    std::shared_ptr<const Column> c;
    arena.execute([&] { c = relabel_column(column, bin_of, {"low", "high"}); });
    ASSERT_EQ(c->rows(), rows);
    const std::vector<std::string> cells = test::cells(*c);
    for (size_t r = 0; r < rows; ++r) {
      const std::string expected = r % 101 == 0 ? "<NULL>" : (r % 1000 < 500 ? "low" : "high");
      ASSERT_EQ(cells[r], expected) << "row " << r;
    }
  }
}

}  // namespace
}  // namespace tsum
