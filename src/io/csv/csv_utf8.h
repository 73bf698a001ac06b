// UTF-8 validation for the CSV reader.
#pragma once

#include <cstddef>
#include <string_view>

namespace tsum::csv {

// Offset (in data) of the first byte of the first invalid UTF-8 sequence in
// data[begin, end), or std::string_view::npos when the range is valid UTF-8 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF). The range must not split a
// valid sequence; the CSV reader only passes ranges that start and end at ASCII bytes or
// at the ends of data.
size_t find_invalid_utf8(std::string_view data, size_t begin, size_t end);

}  // namespace tsum::csv
