// A strict RFC 8259 validator used only to explain an error: simdjson says *that* a
// record is invalid; this says where the first problem is and what it is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "io/json/json_syntax.h"

namespace tsum::json {

struct SyntaxError {
  size_t offset = 0;   // into the text given to diagnose()
  std::string detail;  // e.g. "expected ',' or '}' after an object member, found 'x'"
  bool utf8 = false;   // the bytes at offset are not UTF-8 (detail is then "byte 0xFF")
};

// Checks one JSON value starting at or after `pos` (after whitespace) in `text`, then,
// unless `stop_after_value`, that only whitespace follows it. `end_name` names the end of
// `text` in messages ("end of input", "end of line"). Returns the first error, if any.
// Nesting deeper than `max_depth` levels is an error. Never reads outside `text`.
std::optional<SyntaxError> diagnose(std::string_view text, size_t pos, std::string_view end_name,
                                    bool stop_after_value = false, size_t max_depth = kMaxDepth);

// When `value` is exactly one valid JSON value nesting at most `max_depth` levels, appends
// its compact text (the same bytes without whitespace outside strings) to `out` and
// returns true; returns false otherwise.
bool append_compact(std::string_view value, size_t max_depth, std::string& out);

}  // namespace tsum::json
