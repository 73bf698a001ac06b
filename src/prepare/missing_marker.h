// Missing-value markers: texts such as "NA" or "-" that stand for "no value" in real
// tables. They are not NULL (the spec compares values by text, and preprocessing never
// turns a value into NULL), but type inference ignores them and binning keeps each of
// them as its own value next to the bins.
#pragma once

#include <string_view>

namespace tsum {

// True for NA, N/A, n/a, na, NaN, nan, null, NULL, Null, None, none, nil, -, --, ?, .
// and text made only of spaces.
bool is_missing_marker(std::string_view text);

}  // namespace tsum
