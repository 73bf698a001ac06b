#include <gtest/gtest.h>

#include "prepare/civil_time.h"
#include "prepare/time_text.h"

namespace tsum {
namespace {

int64_t at(int64_t y, int m, int d, int h = 0, int mi = 0, int s = 0) {
  return days_from_civil(y, m, d) * kSecondsPerDay + h * 3600 + mi * 60 + s;
}

TEST(CivilTime, RoundTripsAndKnownDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  for (int64_t d = -800000; d < 800000; d += 997) {
    CivilDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(format_date(civil_from_days(days_from_civil(2001, 1, 15))), "2001-01-15");
  EXPECT_EQ(floor_div(-1, 3600), -1);
  EXPECT_EQ(floor_div(3599, 3600), 0);
}

TEST(TimeText, IsoDatesAndTimestamps) {
  struct Case {
    const char* text;
    int64_t seconds;
    bool has_time;
  };
  for (const Case& c : {Case{"2001-01-15", at(2001, 1, 15), false}, Case{"2001/1/5", at(2001, 1, 5), false},
                        Case{"2001-01", at(2001, 1, 1), false},
                        Case{"2001-01-01 06:00:00", at(2001, 1, 1, 6), true},
                        Case{"2001/01/01 06:55", at(2001, 1, 1, 6, 55), true},
                        Case{"2001-01-01T23:59:59.250", at(2001, 1, 1, 23, 59, 59), true},
                        Case{"2001-01-01T10:00:00Z", at(2001, 1, 1, 10), true},
                        Case{"2001-01-01T10:00:00+02:00", at(2001, 1, 1, 8), true},
                        Case{"2001-01-01 10:00 -0130", at(2001, 1, 1, 11, 30), true},
                        Case{"2001-01-01 10:00 UTC", at(2001, 1, 1, 10), true}}) {
    auto t = parse_time_text(c.text);
    ASSERT_TRUE(t) << c.text;
    EXPECT_EQ(t->seconds, c.seconds) << c.text;
    EXPECT_EQ(t->has_time, c.has_time) << c.text;
  }
  EXPECT_TRUE(parse_time_text("2001-01-01T23:59:59.250")->fraction);
  EXPECT_FALSE(parse_time_text("2001-01-01T23:59:59.000")->fraction);
}

TEST(TimeText, MonthNames) {
  EXPECT_EQ(parse_time_text("Jun 12 1998")->seconds, at(1998, 6, 12));
  EXPECT_EQ(parse_time_text("Jan 1 2000")->seconds, at(2000, 1, 1));
  EXPECT_EQ(parse_time_text("September 3, 2010")->seconds, at(2010, 9, 3));
  EXPECT_EQ(parse_time_text("Sept 3 2010")->seconds, at(2010, 9, 3));
  EXPECT_EQ(parse_time_text("12 Jun 1998")->seconds, at(1998, 6, 12));
  EXPECT_EQ(parse_time_text("12-jun-1998")->seconds, at(1998, 6, 12));
  EXPECT_EQ(parse_time_text("Jun 12 1998 14:30")->seconds, at(1998, 6, 12, 14, 30));
}

TEST(TimeText, SlashOrder) {
  EXPECT_EQ(parse_time_text("3/4/2001", SlashOrder::kMonthFirst)->seconds, at(2001, 3, 4));
  EXPECT_EQ(parse_time_text("3/4/2001", SlashOrder::kDayFirst)->seconds, at(2001, 4, 3));
  EXPECT_FALSE(parse_time_text("25/4/2001", SlashOrder::kMonthFirst));
  EXPECT_TRUE(parse_time_text("25/4/2001", SlashOrder::kDayFirst));
  EXPECT_TRUE(is_slash_date("25/4/2001 10:00"));
  EXPECT_FALSE(is_slash_date("2001/04/25"));
}

TEST(TimeText, Rejects) {
  for (const char* text : {"", "2001", "20010115", "2001-13-01", "2001-02-29", "2001-01-32", "2001-01-01 24:00",
                           "2001-01-01 10:60", "2001-01-01x", "2001-01-01T", "Foo 12 1998", "1/1/90", "12:00",
                           "2001-01-15 06:00:00 +25:00", "1.5", "2001-1-1-1"}) {
    EXPECT_FALSE(parse_time_text(text).has_value()) << text;
  }
  EXPECT_TRUE(parse_time_text("2000-02-29"));
}

}  // namespace
}  // namespace tsum
