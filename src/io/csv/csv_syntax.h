// CSV syntax shared by the CSV reader's parts: the dialect, parse errors, and a scalar
// record parser that is the reference for the record grammar.
//
// Grammar (RFC 4180 plus LF line ends and the reader's documented choices):
//   record  = field *(delim field) line-end
//   line-end = "\n" | "\r\n" | end of data ("\r" right before the end of data counts too)
//   field   = quoted | unquoted
//   quoted  = '"' *(any byte but '"' | '""') '"'      (may hold delimiters and line breaks)
//   unquoted = *(any byte but delim, '"', "\n")         (one "\r" right before the line end
//                                                        is part of the line end)
// A quote inside an unquoted field and anything but a delimiter or line end after a
// closing quote are errors. The parallel chunk parser (csv_chunk_parser.h) must accept
// exactly this grammar and report exactly the errors scan_record reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsum::csv {

// The size of a UTF-8 byte order mark.
inline constexpr size_t kBomSize = 3;

enum class ErrorKind : uint8_t {
  kNone,
  kUnterminatedQuote,      // offset: the opening quote
  kQuoteInUnquotedField,   // offset: the quote
  kCharAfterClosingQuote,  // offset: the character after the closing quote
  kFieldCount,             // offset: the record's first byte; fields: its field count
  kInvalidUtf8,            // offset: the first byte of the invalid sequence
  kNulByte,                // offset: the NUL byte (binary or UTF-16 data, not text)
};

struct ParseError {
  ErrorKind kind = ErrorKind::kNone;
  size_t offset = 0;  // byte offset in the whole input
  size_t fields = 0;  // kFieldCount only
  explicit operator bool() const { return kind != ErrorKind::kNone; }
};

struct RecordScan {
  size_t end = 0;     // just past the record's line end (data.size() at the end of data)
  size_t fields = 0;  // fields seen, including the one an error occurred in
  ParseError error;
};

// Parses the record starting at `pos` (a record start, outside quotes, pos < data.size()).
// When `out` is given, appends each field's text (quotes removed, doubled quotes undone;
// an empty field gives an empty string). Stops at the first error.
RecordScan scan_record(std::string_view data, size_t pos, char delim, std::vector<std::string>* out);

// True when the line starting at `pos` (< data.size()) is blank: "\n", "\r\n", or a
// lone "\r" at the end of data.
bool is_blank_line(std::string_view data, size_t pos);

// The start of the line after the line starting at `pos` (data.size() when none).
size_t next_line(std::string_view data, size_t pos);

}  // namespace tsum::csv
