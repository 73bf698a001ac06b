#include <gtest/gtest.h>

#include <fmt/format.h>

#include "prepare/calendar_bins.h"
#include "prepare/civil_time.h"
#include "prepare/column_bins.h"
#include "prepare/relabel_column.h"
#include "prepare_test_util.h"

namespace tsum {
namespace {

using test::one_column;
using test::texts;

int64_t at(int64_t y, int m, int d, int h = 0) { return days_from_civil(y, m, d) * kSecondsPerDay + h * 3600; }

std::string label_at(CalendarUnit u, int64_t seconds) { return period_label(u, period_of(u, seconds)); }

TEST(CalendarUnits, LabelsReadNaturallyAndSortAsText) {
  int64_t t = at(2001, 1, 15, 6) + 1234;
  EXPECT_EQ(label_at(CalendarUnit::kHour, t), "2001-01-15 06h");
  EXPECT_EQ(label_at(CalendarUnit::kDay, t), "2001-01-15");
  EXPECT_EQ(label_at(CalendarUnit::kWeek, t), "2001-W03");
  EXPECT_EQ(label_at(CalendarUnit::kMonth, t), "2001-01");
  EXPECT_EQ(label_at(CalendarUnit::kQuarter, t), "2001-Q1");
  EXPECT_EQ(label_at(CalendarUnit::kYear, t), "2001");
  EXPECT_EQ(label_at(CalendarUnit::kYears5, t), "2000\u20132004");
  EXPECT_EQ(label_at(CalendarUnit::kYears10, at(1995, 6, 1)), "1990\u20131999");
  // ISO weeks: 2001-12-31 is a Monday in week 1 of 2002; 2005-01-01 is in week 53 of 2004.
  EXPECT_EQ(label_at(CalendarUnit::kWeek, at(2001, 12, 31)), "2002-W01");
  EXPECT_EQ(label_at(CalendarUnit::kWeek, at(2005, 1, 1)), "2004-W53");
  // Instants before 1970.
  EXPECT_EQ(label_at(CalendarUnit::kMonth, at(1969, 12, 31, 23)), "1969-12");
  EXPECT_EQ(label_at(CalendarUnit::kHour, at(1969, 12, 31, 23)), "1969-12-31 23h");
  // Every unit: consecutive periods have increasing labels (years 0000 to 9999) and starts.
  for (CalendarUnit u : kCalendarUnits) {
    int64_t p = period_of(u, at(1999, 11, 20, 13));
    for (int64_t q = p - 30; q < p + 30; ++q) {
      if (period_start(u, q) < at(0, 1, 1)) continue;
      EXPECT_LT(period_label(u, q), period_label(u, q + 1)) << calendar_unit_name(u);
      EXPECT_EQ(period_of(u, period_start(u, q)), q) << calendar_unit_name(u);
      EXPECT_EQ(period_of(u, period_start(u, q + 1) - 1), q) << calendar_unit_name(u);
    }
  }
}

TEST(CalendarUnits, AlignmentAndEdges) {
  EXPECT_EQ(alignment_of(at(1970, 1, 1)), CalendarUnit::kYear);
  EXPECT_EQ(alignment_of(at(2001, 3, 1)), CalendarUnit::kMonth);
  EXPECT_EQ(alignment_of(at(2001, 3, 5)), CalendarUnit::kDay);
  EXPECT_EQ(alignment_of(at(2001, 3, 5, 6)), CalendarUnit::kHour);
  EXPECT_EQ(instant_text(at(2001, 2, 1)), "2001-02-01");
  EXPECT_EQ(instant_text(at(2001, 2, 1, 6) + 61), "2001-02-01 06:01:01");
}

// The label each row ends up with.
std::vector<std::string> binned_cells(const Table& t, BinSetting setting, BinPlan* plan_out = nullptr) {
  auto plan = plan_calendar_bins(t.column(0), SlashOrder::kMonthFirst, setting);
  if (!plan) return test::cells(t.column(0));
  if (plan_out) *plan_out = *plan;
  return test::cells(*relabel_column(t.column(0), plan->bin_of, plan->labels));
}

TEST(CalendarBins, FewWholeDatesAreRelabelledLosslessly) {
  Table years = one_column("Year", texts({"1970-01-01", "1971-01-01", "1970-01-01"}));
  BinPlan plan;
  EXPECT_EQ(binned_cells(years, {}, &plan), (std::vector<std::string>{"1970", "1971", "1970"}));
  EXPECT_EQ(plan.unit, "year");
  EXPECT_EQ(plan.edges, (std::vector<std::string>{"1971-01-01"}));
  Table months = one_column("m", texts({"2001-02-01", "2001-03-01"}));
  EXPECT_EQ(binned_cells(months, {}), (std::vector<std::string>{"2001-02", "2001-03"}));
  EXPECT_EQ(binned_cells(years, {BinSetting::Mode::kCount, 5}), (std::vector<std::string>{"1970", "1971", "1970"}));
  Table days = one_column("d", texts({"Jan 5 2001", "Feb 7 2001"}));
  EXPECT_EQ(binned_cells(days, {}), (std::vector<std::string>{"2001-01-05", "2001-02-07"}));
  // Times of day stay as they are when there are few of them.
  Table times = one_column("t", texts({"2001-01-01 06:00:00", "2001-01-01 07:00:00"}));
  EXPECT_EQ(binned_cells(times, {}), (std::vector<std::string>{"2001-01-01 06:00:00", "2001-01-01 07:00:00"}));
}

TEST(CalendarBins, UnitFromTheSpan) {
  // Six months of timestamps: months.
  std::vector<std::string> v;
  for (int d = 0; d < 181; ++d) {
    CivilDate c = civil_from_days(days_from_civil(2001, 1, 1) + d);
    v.push_back(fmt::format("{} {:02d}:30:00", format_date(c), d % 24));
  }
  BinPlan plan;
  std::vector<std::string> out = binned_cells(one_column("date", texts(v)), {}, &plan);
  EXPECT_EQ(plan.unit, "month");
  EXPECT_EQ(plan.labels, (std::vector<std::string>{"2001-01", "2001-02", "2001-03", "2001-04", "2001-05", "2001-06"}));
  EXPECT_EQ(plan.edges.front(), "2001-02-01");
  EXPECT_EQ(out.front(), "2001-01");
  EXPECT_EQ(out.back(), "2001-06");
  // At most 3 bins: quarters.
  binned_cells(one_column("date", texts(v)), {BinSetting::Mode::kCount, 3}, &plan);
  EXPECT_EQ(plan.unit, "quarter");
  EXPECT_EQ(plan.labels, (std::vector<std::string>{"2001-Q1", "2001-Q2"}));
  // Ten days: days; ten weeks: weeks.
  std::vector<std::string> days, weeks;
  for (int i = 0; i < 40; ++i) days.push_back(fmt::format("2001-03-0{} {:02d}:00", 1 + i % 9, i % 24));
  binned_cells(one_column("d", texts(days)), {}, &plan);
  EXPECT_EQ(plan.unit, "day");
  for (int i = 0; i < 70; ++i) weeks.push_back(format_date(civil_from_days(days_from_civil(2001, 3, 5) + i)));
  binned_cells(one_column("d", texts(weeks)), {}, &plan);
  EXPECT_EQ(plan.unit, "week");
  EXPECT_EQ(plan.labels.front(), "2001-W10");
}

TEST(CalendarBins, EndBinsCountTowardsTheLimit) {
  // Half a year and one value on July 1: months are 6 bins and an end bin.
  std::vector<std::string> v;
  for (int d = 0; d < 181; ++d) v.push_back(format_date(civil_from_days(days_from_civil(2001, 1, 1) + d)) + " 10:00");
  v.push_back("2001-07-01 00:00");
  BinPlan plan;
  binned_cells(one_column("date", texts(v)), {}, &plan);
  EXPECT_EQ(plan.unit, "month");
  EXPECT_EQ(plan.labels.back(), "2001-07");
  EXPECT_EQ(plan.labels.size(), 7u);
  // At most 6 bins: quarters (2 and the end bin).
  binned_cells(one_column("date", texts(v)), {BinSetting::Mode::kCount, 6}, &plan);
  EXPECT_EQ(plan.labels, (std::vector<std::string>{"2001-Q1", "2001-Q2", "2001-Q3"}));
  // At most 2: no unit makes 2, so the fewest bins above 1.
  binned_cells(one_column("date", texts(v)), {BinSetting::Mode::kCount, 2}, &plan);
  EXPECT_EQ(plan.labels, (std::vector<std::string>{"2001-Q1", "2001-Q2", "2001-Q3"}));
}

TEST(CalendarBins, EverythingInOnePeriodStaysAsItIs) {
  std::vector<std::string> v;
  for (int m = 0; m < 30; ++m) v.push_back(fmt::format("2001-01-01 10:{:02d}:00", m));
  EXPECT_FALSE(plan_calendar_bins(one_column("t", texts(v)).column(0), SlashOrder::kMonthFirst, {}));
}

TEST(CalendarBins, OutliersGoToEndBinsLabelledWithTheirRange) {
  std::vector<std::string> v = {"1928-03-01", "1941-06-01"};
  for (int i = 0; i < 400; ++i) v.push_back(fmt::format("{}-05-0{}", 1960 + i % 50, 1 + i % 9));
  v.push_back("2046-12-31");
  BinPlan plan;
  std::vector<std::string> out = binned_cells(one_column("Release", texts(v)), {}, &plan);
  EXPECT_EQ(plan.unit, "5 years");
  EXPECT_EQ(plan.labels.front(), "1928\u20131941");
  EXPECT_EQ(plan.labels[1], "1960\u20131964");
  EXPECT_EQ(plan.labels.back(), "2046");
  EXPECT_EQ(plan.edges.back(), "2010-01-01");
  EXPECT_EQ(out[0], "1928\u20131941");
  EXPECT_EQ(out.back(), "2046");
  for (size_t i = 1; i < plan.labels.size(); ++i) EXPECT_LT(plan.labels[i - 1], plan.labels[i]);
}

TEST(CalendarBins, UnparsedValuesAndNullsStay) {
  std::vector<std::optional<std::string>> v = {std::nullopt, "NA"};
  for (int i = 0; i < 30; ++i) v.push_back(fmt::format("2001-0{}-1{}", 1 + 3 * (i % 3), i % 10));
  std::vector<std::string> out = binned_cells(one_column("d", v), {});
  EXPECT_EQ(out[0], "<NULL>");
  EXPECT_EQ(out[1], "NA");
  EXPECT_EQ(out[2], "2001-01");
}

TEST(CalendarBins, NoneLeavesTheColumn) {
  EXPECT_FALSE(plan_calendar_bins(one_column("d", texts({"2001-01-01"})).column(0), SlashOrder::kMonthFirst,
                                  {BinSetting::Mode::kNone, 0}));
}

// Columns of more than 4,096 distinct values are parsed and binned block by block, on as
// many threads as the arena has: the same plan on one thread and two, each value in the
// bin of its period, unparsed values kept.
TEST(CalendarBins, ManyValuesParsedInBlocks) {
  std::vector<std::string> v;
  std::vector<int64_t> seconds;
  for (int64_t i = 0; i < 12000; ++i) {
    if (i % 1000 == 999) {
      v.push_back(fmt::format("unknown {}", i));
      seconds.push_back(-1);
      continue;
    }
    const int64_t s = at(2001, 1, 1) + i * 5 * 3600 + (i % 60) * 60;
    CivilDate c = civil_from_days(s / kSecondsPerDay);
    v.push_back(fmt::format("{} {:02d}:{:02d}:00", format_date(c), s % kSecondsPerDay / 3600, s % 3600 / 60));
    seconds.push_back(s);
  }
  // The lowest and the highest instant again, written otherwise: at 100 (before the
  // highest's first text, so the highest value is this one) and at 5000 (after the
  // lowest's, so the lowest stays the first).
  const std::string last_text = v[11998];
  v[100] = last_text.substr(0, 16);  // without ":00" seconds
  seconds[100] = seconds[11998];
  v[5000] = v[0].substr(0, 16);
  seconds[5000] = seconds[0];
  const Table t = one_column("t", texts(v));
  const BinPlan plan = test::same_plan_on_one_and_two_threads(
      [&] { return plan_calendar_bins(t.column(0), SlashOrder::kMonthFirst, {}); });
  // ~6.8 years of timestamps: years, with end bins for the trimmed 1 % at each side.
  EXPECT_EQ(plan.unit, "year");
  EXPECT_EQ(plan.lowest, v.front());
  EXPECT_EQ(plan.highest, v[100]);
  CalendarUnit unit = CalendarUnit::kYear;
  int32_t last_bin = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const int32_t bin = plan.bin_of[i + 1];  // codes follow first appearance, all distinct
    if (seconds[i] < 0) {
      EXPECT_EQ(bin, kKeepValue) << v[i];
      continue;
    }
    if (i == 100 || i == 5000) {
      EXPECT_EQ(bin, plan.bin_of[(i == 100 ? 11998 : 0) + 1]) << v[i];
      continue;
    }
    ASSERT_GE(bin, last_bin) << v[i];
    last_bin = bin;
    if (bin > 0 && bin + 1 < static_cast<int32_t>(plan.labels.size())) {
      EXPECT_EQ(plan.labels[static_cast<size_t>(bin)], label_at(unit, seconds[i])) << v[i];
    }
  }
  EXPECT_EQ(last_bin + 1, static_cast<int32_t>(plan.labels.size()));
}

}  // namespace
}  // namespace tsum
