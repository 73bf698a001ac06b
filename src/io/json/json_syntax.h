// Small pieces of JSON syntax shared by the JSON reader's scanner, validator and parser:
// whitespace, number and literal grammar, UTF-8 sequences, and how bytes, tokens and
// keys are shown in one-line error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tsum::json {

// Deepest nesting of arrays and objects accepted in one record (the record's own object
// counts as 1).
inline constexpr size_t kMaxDepth = 1024;

inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// First offset at or after pos that is not JSON whitespace (s.size() when none).
size_t skip_ws(std::string_view s, size_t pos);

// `s` without trailing JSON whitespace.
std::string_view trim_right(std::string_view s);

// True when a byte ends a scalar token (whitespace, a structural character or a quote).
bool ends_token(char c);

// End of the scalar token starting at pos: the first byte that ends_token() or is not
// printable ASCII.
size_t token_end(std::string_view s, size_t pos);

// RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view token);

// Length (1-4) of the well-formed UTF-8 sequence starting at s[pos], or 0 when the bytes
// there are not well-formed UTF-8 (overlong forms, surrogates and code points above
// U+10FFFF are not well-formed). `code_point` receives the decoded value when not null.
size_t utf8_sequence(std::string_view s, size_t pos, uint32_t* code_point = nullptr);

// What a message says was found at pos: "'x'" for a structural character, "'tru'" for a
// (truncated) scalar token, "U+00E9" for other characters, "byte 0xFF" for bytes that are
// not UTF-8, "control character U+0009", or `end_name` at the end of s.
std::string describe_found(std::string_view s, size_t pos, std::string_view end_name);

// The kind of JSON value a first byte starts, for messages: "an object", "an array",
// "a string", "a number", "a boolean", "null"; empty when c cannot start a value.
std::string_view value_kind(char c);

// A key (decoded UTF-8) as shown in messages: in double quotes, with quotes, backslashes
// and control characters escaped as in JSON, and cut after 80 bytes with "...".
std::string quote_key(std::string_view key);

// Line (1-based) and column (1-based, counted in UTF-8 characters) of byte `offset` of
// `input`, whose first line starts at `content_start` (after a byte order mark).
struct LineColumn {
  uint64_t line = 1;
  uint64_t column = 1;
};
LineColumn locate(std::string_view input, size_t content_start, size_t offset);

}  // namespace tsum::json
