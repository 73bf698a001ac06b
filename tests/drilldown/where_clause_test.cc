// The --where language: what it reads, what each comparison selects, and its errors.
#include "drilldown/where_clause.h"

#include <gtest/gtest.h>

#include "support/raw_table.h"
#include "tsum/error.h"

namespace tsum {
namespace {

using Op = WhereComparison::Op;

// name, age, born, note: NULL-bearing, numbers with two spellings, ISO and US dates.
Table people() {
  test::RawTable raw{{"name", "age", "born", "odd name"},
                     {{"ann", "30", "1990-05-01", "x"},
                      {"bob", "30.0", "5/2/1990", std::nullopt},
                      {"cy", "7", "2010-01-31", "it's"},
                      {"dee", "n/a", "never", "x"},
                      {std::nullopt, "45", "1979-12-31 23:00", "y"}},
                     {}};
  return test::to_table(raw);
}

std::vector<uint8_t> rows(std::string_view where) { return rows_matching(people(), parse_where(where)); }
std::vector<uint8_t> pick(std::initializer_list<int> in) {
  std::vector<uint8_t> out(5, 0);
  for (int r : in) out[static_cast<size_t>(r)] = 1;
  return out;
}

TEST(WhereClause, ParsesEveryForm) {
  WhereClause w = parse_where("a = 'x' and \"b c\" in (1, 'two') AND `d` is not null And e >= -2.5 AND f NOT IN (x) and g<>3");
  ASSERT_EQ(w.comparisons.size(), 6u);
  EXPECT_EQ(w.comparisons[0].column, "a");
  EXPECT_EQ(w.comparisons[0].op, Op::kEq);
  EXPECT_EQ(w.comparisons[1].column, "b c");
  EXPECT_EQ(w.comparisons[1].op, Op::kIn);
  ASSERT_EQ(w.comparisons[1].literals.size(), 2u);
  EXPECT_TRUE(w.comparisons[1].literals[0].number);
  EXPECT_FALSE(w.comparisons[1].literals[1].number);
  EXPECT_EQ(w.comparisons[2].op, Op::kIsNotNull);
  EXPECT_EQ(w.comparisons[3].op, Op::kGe);
  EXPECT_EQ(w.comparisons[3].literals[0].text, "-2.5");
  EXPECT_EQ(w.comparisons[4].op, Op::kNotIn);
  EXPECT_EQ(w.comparisons[4].literals[0].text, "x");
  EXPECT_EQ(w.comparisons[5].op, Op::kNe);
  EXPECT_EQ(parse_where("n = 'it''s'").comparisons[0].literals[0].text, "it's");
  EXPECT_EQ(parse_where("\"a\"\"b\" IS NULL").comparisons[0].column, "a\"b");
}

TEST(WhereClause, EqualityOnTextAndOnNumbers) {
  EXPECT_EQ(rows("name = 'bob'"), pick({1}));
  EXPECT_EQ(rows("age = 30"), pick({0, 1}));     // numerically: "30" and "30.0"
  EXPECT_EQ(rows("age = '30'"), pick({0}));      // as text
  EXPECT_EQ(rows("name != 'bob'"), pick({0, 2, 3}));  // NULL matches neither = nor !=
  EXPECT_EQ(rows("name IN ('ann', 'cy', 'zed')"), pick({0, 2}));
  EXPECT_EQ(rows("name NOT IN ('ann')"), pick({1, 2, 3}));
  EXPECT_EQ(rows("name IS NULL"), pick({4}));
  EXPECT_EQ(rows("\"odd name\" IS NOT NULL AND \"odd name\" = 'it''s'"), pick({2}));
}

TEST(WhereClause, OrderingByNumberDateOrText) {
  EXPECT_EQ(rows("age >= 30"), pick({0, 1, 4}));  // "n/a" is not a number: no match
  EXPECT_EQ(rows("age < 30"), pick({2}));
  EXPECT_EQ(rows("born < '1990-05-02'"), pick({0, 4}));  // dates as instants; "5/2/1990" is May 2
  EXPECT_EQ(rows("born >= '1990-05-02' AND born <= '2010-01-31'"), pick({1, 2}));
  EXPECT_EQ(rows("name > 'b'"), pick({1, 2, 3}));  // bytes
  EXPECT_EQ(rows("age > 1 AND age < 40 AND name != 'cy'"), pick({0, 1}));
}

TEST(WhereClause, SqlSpellingsReadBack) {
  for (std::string name : {"plain_1", "with space", "quote\"d", "and", "1st", "é"}) {
    for (std::string value : {"x", "it's", "", "a b", "'"}) {
      WhereClause w = parse_where(sql_column(name) + " = " + sql_text(value));
      ASSERT_EQ(w.comparisons.size(), 1u);
      EXPECT_EQ(w.comparisons[0].column, name);
      EXPECT_EQ(w.comparisons[0].literals[0].text, value);
      EXPECT_FALSE(w.comparisons[0].literals[0].number);
    }
  }
  EXPECT_EQ(sql_column("plain_1"), "plain_1");
  EXPECT_EQ(sql_column("and"), "\"and\"");
}

void expect_usage_error(std::string_view where, const std::string& message) {
  try {
    rows_matching(people(), parse_where(where));
    ADD_FAILURE() << "no error for: " << where;
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(WhereClause, ErrorsNameWhatAndWhere) {
  expect_usage_error("", "--where: the condition is empty");
  expect_usage_error("age", "--where: expected a comparison (=, !=, <, <=, >, >=, IN, IS NULL) at character 4 (found the end) in: age");
  expect_usage_error("age = 3 OR age = 4", "--where: OR at character 9 is not supported, only AND (run one summary per alternative) in: age = 3 OR age = 4");
  expect_usage_error("name = 'ann", "--where: the quote ' at character 8 is never closed in: name = 'ann");
  expect_usage_error("name IN ()", "--where: expected a value ('text' or a number) at character 10 (found ')') in: name IN ()");
  expect_usage_error("name IS 3", "--where: expected NULL at character 9 (found '3') in: name IS 3");
  expect_usage_error("aeg = 3", "--where: unknown column 'aeg' (did you mean 'age'?)");
}

}  // namespace
}  // namespace tsum
