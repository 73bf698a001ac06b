// Splitting JSON input into records (one object each) without parsing them: the
// elements of a top-level array, the values of a whitespace-separated sequence, or the
// lines of JSON Lines. The scanner checks only what it needs to find record boundaries
// (strings are closed, brackets match, commas between array elements); the record
// parser validates everything inside a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tsum::json {

struct Span {
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct ScanError {
  size_t offset = 0;
  std::string detail;  // e.g. "expected ',' or ']' after an array element, found '}'"
  // Where the value being skipped starts, when the error is inside one (a strict
  // validator run from there gives the precise first error); npos otherwise.
  size_t value_start = std::string_view::npos;
};

// Finds the end of the JSON value starting at `pos` (a non-whitespace byte): after the
// closing quote or bracket, or at the end of a scalar token. Checks only that strings are
// closed and that brackets match, nesting at most kMaxDepth deep.
std::optional<ScanError> skip_value(std::string_view s, size_t pos, size_t& end);

struct SplitResult {
  std::vector<Span> records;       // each a whole value, without surrounding whitespace
  std::optional<ScanError> error;  // the records before it are complete
};

// The elements of the array whose '[' is at `open`; only whitespace may follow its ']'.
SplitResult split_array(std::string_view s, size_t open);

// The whitespace-separated values from `pos` to the end of s.
SplitResult split_sequence(std::string_view s, size_t pos);

// JSON Lines work units: consecutive byte ranges covering [begin, s.size()), each about
// `target` bytes and ending just after a '\n' (or at the end of s).
std::vector<Span> split_lines(std::string_view s, size_t begin, size_t target);

}  // namespace tsum::json
