// Proleptic Gregorian calendar arithmetic (H. Hinnant's days_from_civil algorithms):
// instants are seconds since 1970-01-01 00:00:00, with no leap seconds and no time zone.
#pragma once

#include <cstdint>
#include <string>

namespace tsum {

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

int64_t days_from_civil(int64_t year, int month, int day);
CivilDate civil_from_days(int64_t days);
int days_in_month(int64_t year, int month);

constexpr int64_t kSecondsPerDay = 86400;

// Floor division, for instants before 1970.
inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The day (days since 1970-01-01) holding an instant.
inline int64_t day_of(int64_t seconds) { return floor_div(seconds, kSecondsPerDay); }

// "2001-01-15"; years outside 0..9999 get a sign and at least four digits.
std::string format_date(const CivilDate& d);
std::string format_year(int64_t year);

}  // namespace tsum
