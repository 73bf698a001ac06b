// Dates and timestamps written as text, read once per distinct value.
//
// Accepted forms (surrounding spaces allowed; D, M and h may have one or two digits):
//   YYYY-MM-DD   YYYY/MM/DD   YYYY-MM                      ISO-like dates
//   Mon D YYYY   Mon D, YYYY   Month D, YYYY   D Mon YYYY   D-Mon-YYYY   (English month
//                names or their three-letter abbreviations, any letter case)
//   M/D/YYYY or D/M/YYYY                                     order given by SlashOrder
// each optionally followed by a time, after 'T' or spaces: hh:mm, hh:mm:ss or
// hh:mm:ss.fff..., optionally followed by Z, UTC, GMT or an offset +hh, +hh:mm, +hhmm
// (the instant is then converted to UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tsum {

enum class SlashOrder { kMonthFirst, kDayFirst };

struct TimeText {
  int64_t seconds = 0;    // since 1970-01-01 00:00:00 (UTC when an offset was given)
  bool has_time = false;  // a time of day was written
  bool fraction = false;  // fractional seconds other than zero were written
};

std::optional<TimeText> parse_time_text(std::string_view text, SlashOrder order = SlashOrder::kMonthFirst);

// True when the text has the form M/D/YYYY or D/M/YYYY (with or without a time), i.e. when
// SlashOrder matters for it.
bool is_slash_date(std::string_view text);

}  // namespace tsum
