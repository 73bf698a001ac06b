#include "prepare/calendar_bins.h"

#include <fmt/format.h>

#include "prepare/civil_time.h"

namespace tsum {
namespace {

int64_t years_per_period(CalendarUnit unit) {
  switch (unit) {
    case CalendarUnit::kYears2: return 2;
    case CalendarUnit::kYears5: return 5;
    case CalendarUnit::kYears10: return 10;
    case CalendarUnit::kYears20: return 20;
    case CalendarUnit::kYears50: return 50;
    case CalendarUnit::kYears100: return 100;
    default: return 1;
  }
}

bool multi_year(CalendarUnit unit) { return years_per_period(unit) > 1; }

// ISO 8601 week-numbering year and week of the week starting on Monday `monday` (days).
std::pair<int64_t, int> iso_week(int64_t monday) {
  CivilDate thursday = civil_from_days(monday + 3);
  int64_t jan1 = days_from_civil(thursday.year, 1, 1);
  return {thursday.year, static_cast<int>((monday + 3 - jan1) / 7 + 1)};
}

}  // namespace

const char* calendar_unit_name(CalendarUnit unit) {
  switch (unit) {
    case CalendarUnit::kHour: return "hour";
    case CalendarUnit::kDay: return "day";
    case CalendarUnit::kWeek: return "week";
    case CalendarUnit::kMonth: return "month";
    case CalendarUnit::kQuarter: return "quarter";
    case CalendarUnit::kYear: return "year";
    case CalendarUnit::kYears2: return "2 years";
    case CalendarUnit::kYears5: return "5 years";
    case CalendarUnit::kYears10: return "10 years";
    case CalendarUnit::kYears20: return "20 years";
    case CalendarUnit::kYears50: return "50 years";
    default: return "100 years";
  }
}

int64_t period_of(CalendarUnit unit, int64_t seconds) {
  int64_t day = day_of(seconds);
  switch (unit) {
    case CalendarUnit::kHour: return floor_div(seconds, 3600);
    case CalendarUnit::kDay: return day;
    case CalendarUnit::kWeek: return floor_div(day + 3, 7);  // 1970-01-01 was a Thursday
    default: break;
  }
  CivilDate d = civil_from_days(day);
  switch (unit) {
    case CalendarUnit::kMonth: return d.year * 12 + (d.month - 1);
    case CalendarUnit::kQuarter: return d.year * 4 + (d.month - 1) / 3;
    default: return floor_div(d.year, years_per_period(unit));
  }
}

int64_t period_start(CalendarUnit unit, int64_t period) {
  switch (unit) {
    case CalendarUnit::kHour: return period * 3600;
    case CalendarUnit::kDay: return period * kSecondsPerDay;
    case CalendarUnit::kWeek: return (period * 7 - 3) * kSecondsPerDay;
    case CalendarUnit::kMonth:
      return days_from_civil(floor_div(period, 12), static_cast<int>(period - floor_div(period, 12) * 12) + 1, 1) *
             kSecondsPerDay;
    case CalendarUnit::kQuarter:
      return days_from_civil(floor_div(period, 4), static_cast<int>(period - floor_div(period, 4) * 4) * 3 + 1, 1) *
             kSecondsPerDay;
    default: return days_from_civil(period * years_per_period(unit), 1, 1) * kSecondsPerDay;
  }
}

std::string period_label(CalendarUnit unit, int64_t period) {
  int64_t start = period_start(unit, period);
  CivilDate d = civil_from_days(day_of(start));
  switch (unit) {
    case CalendarUnit::kHour: return fmt::format("{} {:02d}h", format_date(d), (start - day_of(start) * kSecondsPerDay) / 3600);
    case CalendarUnit::kDay: return format_date(d);
    case CalendarUnit::kWeek: {
      auto [year, week] = iso_week(day_of(start));
      return fmt::format("{}-W{:02d}", format_year(year), week);
    }
    case CalendarUnit::kMonth: return fmt::format("{}-{:02d}", format_year(d.year), d.month);
    case CalendarUnit::kQuarter: return fmt::format("{}-Q{}", format_year(d.year), (d.month - 1) / 3 + 1);
    case CalendarUnit::kYear: return format_year(d.year);
    default: return format_year(d.year) + "\u2013" + format_year(d.year + years_per_period(unit) - 1);
  }
}

std::string period_range_label(CalendarUnit unit, int64_t first, int64_t last) {
  if (multi_year(unit)) {
    int64_t first_year = civil_from_days(day_of(period_start(unit, first))).year;
    int64_t last_year = civil_from_days(day_of(period_start(unit, last))).year + years_per_period(unit) - 1;
    return format_year(first_year) + "\u2013" + format_year(last_year);
  }
  std::string a = period_label(unit, first), b = period_label(unit, last);
  if (unit == CalendarUnit::kYear) return a + "\u2013" + b;
  return a + " \u2013 " + b;
}

std::string instant_text(int64_t seconds) {
  int64_t day = day_of(seconds);
  std::string date = format_date(civil_from_days(day));
  int64_t s = seconds - day * kSecondsPerDay;
  if (s == 0) return date;
  return fmt::format("{} {:02d}:{:02d}:{:02d}", date, s / 3600, s / 60 % 60, s % 60);
}

bool is_period_start(CalendarUnit unit, int64_t seconds) { return period_start(unit, period_of(unit, seconds)) == seconds; }

CalendarUnit alignment_of(int64_t seconds) {
  int64_t day = day_of(seconds);
  if (seconds != day * kSecondsPerDay) return CalendarUnit::kHour;
  CivilDate d = civil_from_days(day);
  if (d.day != 1) return CalendarUnit::kDay;
  return d.month == 1 ? CalendarUnit::kYear : CalendarUnit::kMonth;
}

}  // namespace tsum
