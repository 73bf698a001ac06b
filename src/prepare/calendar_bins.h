// Calendar bins for dates and timestamps: periods of one calendar unit (hour, day, ISO
// week, month, quarter, year, or 2/5/10/20/50/100 years), labelled so that the labels
// read naturally and sort as text: "2001-01-15 06h", "2001-01-15", "2001-W03", "2001-01",
// "2001-Q1", "2001", "1990–1994". docs/binning.md gives the rule that picks the unit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tsum {

enum class CalendarUnit { kHour, kDay, kWeek, kMonth, kQuarter, kYear, kYears2, kYears5, kYears10, kYears20, kYears50, kYears100 };

// Finest first.
inline constexpr CalendarUnit kCalendarUnits[] = {
    CalendarUnit::kHour,   CalendarUnit::kDay,    CalendarUnit::kWeek,    CalendarUnit::kMonth,
    CalendarUnit::kQuarter, CalendarUnit::kYear,  CalendarUnit::kYears2,  CalendarUnit::kYears5,
    CalendarUnit::kYears10, CalendarUnit::kYears20, CalendarUnit::kYears50, CalendarUnit::kYears100};

// "hour", "day", "week", "month", "quarter", "year", "2 years", ..., "100 years".
const char* calendar_unit_name(CalendarUnit unit);

// The period (an integer, consecutive periods differ by 1) holding an instant (seconds
// since 1970-01-01), and the instant a period starts.
int64_t period_of(CalendarUnit unit, int64_t seconds);
int64_t period_start(CalendarUnit unit, int64_t period);

// The period's label, as above.
std::string period_label(CalendarUnit unit, int64_t period);

// A label for the merged periods first..last (first < last) of an open-ended bin at either
// end: "1928–1959", "2001-07 – 2001-09".
std::string period_range_label(CalendarUnit unit, int64_t first, int64_t last);

// An instant as an edge in reports: "2001-02-01" when it is midnight, else
// "2001-02-01 06:00:00".
std::string instant_text(int64_t seconds);

// The coarsest of year, month, day and hour at which the instant is a period start; kHour
// is also returned for instants inside an hour (check is_period_start).
CalendarUnit alignment_of(int64_t seconds);
bool is_period_start(CalendarUnit unit, int64_t seconds);

}  // namespace tsum
