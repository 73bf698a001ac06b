// ParsedValues: a column's distinct values as type inference parsed them, handed to the
// bin plan of the kind it settled on, so that each value is parsed once.
//
// A raw timestamp or measurement column holds up to a distinct value per row, and parsing
// is most of what typing and planning such a column cost; both used to parse every value
// (docs/benchmarks.md, "Parsed once"). Typing fills these arrays on its passes through the
// values; the pass that decides the kind has written every code, so the plan reads them
// instead of parsing again. Arrays by code (1..cardinality; index 0, NULL, unused),
// allocated without being cleared: a pass that stops at its first misfit (most columns, on
// most kinds) touches a page or two of them. They describe the values only for the kind
// typing answered: numbers for integer and float, times for date and timestamp.
#pragma once

#include <cstdint>
#include <memory>

namespace tsum {

struct TimeValue {
  int64_t seconds;  // TimeText::seconds
  bool none;        // not a date or timestamp (a missing-value marker): no instant
  bool fraction;    // TimeText::fraction
};

struct ParsedValues {
  std::unique_ptr<double[]> numbers;   // numeric kinds: the value; NaN for a missing marker
  bool integers = false;               // numbers: every one written as an integer
  std::unique_ptr<TimeValue[]> times;  // temporal kinds, in the slash order typing chose
};

}  // namespace tsum
