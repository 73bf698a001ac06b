// Typing's parsed values (prepare/parsed_values.h): every code as the answered kind reads
// it, and the bin plans the same with them as when they parse the column themselves.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <functional>
#include <string>

#include "prepare/column_bins.h"
#include "prepare/missing_marker.h"
#include "prepare/number_text.h"
#include "prepare/type_inference.h"
#include "prepare_test_util.h"

namespace tsum {
namespace {

using test::one_column;

// More distinct values than three blocks of codes (prepare/code_blocks.h), so that the
// blocks run on both threads; a NULL and markers among them.
constexpr size_t kValues = 3 * 4096 + 100;

Table column_of(const std::function<std::string(size_t)>& value) {
  std::vector<std::optional<std::string>> values;
  for (size_t i = 0; i < kValues; ++i) values.push_back(i % 1000 == 7 ? std::string("NA") : value(i));
  values.push_back(std::nullopt);
  values.push_back("-");
  return one_column("c", values);
}

std::string date_of(size_t i, bool day_first) {
  const int day = 1 + static_cast<int>(i % 12), month = 1 + static_cast<int>((i / 12) % 12);
  const int year = 1900 + static_cast<int>(i / 144);
  return day_first ? std::to_string(day) + "/" + std::to_string(month) + "/" + std::to_string(year)
                   : std::to_string(month) + "/" + std::to_string(day) + "/" + std::to_string(year);
}

template <class Body>
void on_one_and_two_threads(const Body& body) {
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    tbb::task_arena arena(threads);
    arena.execute(body);
  }
}

TEST(ParsedValues, NumbersOfEveryCodeAndNaNForMarkers) {
  on_one_and_two_threads([] {
    for (bool floats : {false, true}) {
      const Table t = column_of([&](size_t i) { return floats && i == 9000 ? "2.5" : std::to_string(i * 3); });
      const Column& c = t.column(0);
      ParsedValues parsed;
      const InferredKind kind = infer_column_kind(c, &parsed);
      ASSERT_EQ(kind.kind, floats ? ColumnKind::kFloat : ColumnKind::kInteger);
      ASSERT_TRUE(parsed.numbers);
      EXPECT_FALSE(parsed.times);
      EXPECT_EQ(parsed.integers, !floats);
      for (uint32_t code = 1; code <= c.cardinality(); ++code) {
        const std::string_view v = c.value(code);
        if (is_missing_marker(v)) {
          EXPECT_TRUE(std::isnan(parsed.numbers[code])) << v;
        } else {
          EXPECT_EQ(parsed.numbers[code], parse_number_text(v)->value) << v;
        }
      }
    }
  });
}

// "31/12/..." in a late block reads only day first: the month-first pass wrote the codes
// before it (3/4/1900 as March 4), and the day-first pass must have rewritten them all.
TEST(ParsedValues, TimesInTheOrderTypingChose) {
  on_one_and_two_threads([] {
    const Table t = column_of([](size_t i) { return i == 12000 ? std::string("31/12/2001") : date_of(i, true); });
    const Column& c = t.column(0);
    ParsedValues parsed;
    const InferredKind kind = infer_column_kind(c, &parsed);
    ASSERT_EQ(kind.kind, ColumnKind::kDate);
    ASSERT_EQ(kind.slash_order, SlashOrder::kDayFirst);
    ASSERT_TRUE(parsed.times);
    EXPECT_FALSE(parsed.numbers);
    for (uint32_t code = 1; code <= c.cardinality(); ++code) {
      const std::string_view v = c.value(code);
      const TimeValue& got = parsed.times[code];
      if (is_missing_marker(v)) {
        EXPECT_TRUE(got.none) << v;
        continue;
      }
      const auto want = parse_time_text(v, SlashOrder::kDayFirst);
      ASSERT_FALSE(got.none) << v;
      EXPECT_EQ(got.seconds, want->seconds) << v;
      EXPECT_EQ(got.fraction, want->fraction) << v;
    }
  });
}

TEST(ParsedValues, NoneForOtherKinds) {
  for (const Table& t : {column_of([](size_t i) { return "id-" + std::to_string(i); }),
                         one_column("b", test::texts({"yes", "no", "NA"}))}) {
    ParsedValues parsed;
    infer_column_kind(t.column(0), &parsed);
    EXPECT_FALSE(parsed.numbers);
    EXPECT_FALSE(parsed.times);
  }
}

// Typing hands the plans markers as no value at all; the plans, parsing for themselves,
// must find none in them either, or the two ways would bin differently.
TEST(ParsedValues, MissingMarkersAreNeitherNumbersNorTimes) {
  for (const char* marker : {"NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "Null", "None", "none", "nil",
                             "-", "--", "?", ".", "  "}) {
    ASSERT_TRUE(is_missing_marker(marker)) << marker;
    EXPECT_FALSE(parse_number_text(marker)) << marker;
    EXPECT_FALSE(parse_time_text(marker, SlashOrder::kMonthFirst)) << marker;
    EXPECT_FALSE(parse_time_text(marker, SlashOrder::kDayFirst)) << marker;
  }
}

TEST(ParsedValues, PlansAreTheSameWithTypingsValues) {
  on_one_and_two_threads([] {
    const Table numbers = column_of([](size_t i) { return std::to_string(static_cast<double>(i * 7919 % 10007) / 8); });
    const Table times = column_of([](size_t i) {  // a minute apart
      return fmt::format("2020-01-{:02} {:02}:{:02}:00", 1 + i / 1440, i / 60 % 24, i % 60);
    });
    const Table slashes = column_of([](size_t i) { return i == 12000 ? std::string("31/12/2001") : date_of(i, true); });
    for (const Table* t : {&numbers, &times, &slashes}) {
      const Column& c = t->column(0);
      ParsedValues parsed;
      const InferredKind kind = infer_column_kind(c, &parsed);
      for (BinSetting setting : {BinSetting{}, BinSetting{BinSetting::Mode::kCount, 5}}) {
        std::optional<BinPlan> with, without;
        if (is_numeric_kind(kind.kind)) {
          ASSERT_TRUE(parsed.numbers);
          with = plan_numeric_bins(c, kind.kind == ColumnKind::kInteger, setting, &parsed);
          without = plan_numeric_bins(c, kind.kind == ColumnKind::kInteger, setting);
        } else {
          ASSERT_TRUE(is_temporal_kind(kind.kind));
          ASSERT_TRUE(parsed.times);
          with = plan_calendar_bins(c, kind.slash_order, setting, &parsed);
          without = plan_calendar_bins(c, kind.slash_order, setting);
        }
        ASSERT_TRUE(with && without) << c.value(1);
        test::expect_same_plan(*without, *with);
      }
    }
  });
}

}  // namespace
}  // namespace tsum
