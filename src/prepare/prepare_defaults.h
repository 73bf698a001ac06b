// The constants behind preprocessing's defaults; docs/binning.md explains each one.
#pragma once

#include <cstdint>

namespace tsum::prepare_defaults {

// --bins auto bins a numeric or temporal column only when it has more distinct values
// than this (fewer are categories already: ratings, cylinders, weekdays, years).
inline constexpr uint32_t kAutoBinAbove = 12;
// --bins auto: at most this many numeric ranges (the count itself is chosen by MDL).
inline constexpr unsigned kMaxNumericBins = 7;
// --bins auto: an extra numeric bin must shorten the column's description by this many
// bits per row.
inline constexpr double kBitsPerBinRow = 0.125;
// --bins auto: the finest calendar unit whose periods over the column's span number at
// most this many (a year of months).
inline constexpr unsigned kMaxCalendarBins = 12;
// Calendar span: from this share of the rows to 1 minus it (outliers go to open-ended
// end bins labelled with the range they hold).
inline constexpr double kCalendarSpanTrim = 0.01;
// Identifier-like: at least this many non-NULL cells, and at least this share of them
// distinct.
inline constexpr uint64_t kIdentifierMinRows = 20;
inline constexpr double kIdentifierDistinctShare = 0.95;

}  // namespace tsum::prepare_defaults
