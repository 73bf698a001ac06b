// The CSV reader: turns delimited text into a Table, in parallel.
//
// Format (RFC 4180, with these choices):
// - Fields are separated by the delimiter; records end with LF or CRLF (the last record
//   may lack its line end). A quoted field may hold delimiters, line breaks and doubled
//   quotes ("" stands for "). A lone CR elsewhere is an ordinary byte.
// - Line ends: a file whose first line ends with a bare CR (old Mac OS, some Excel
//   exports) has every bare CR read as a line feed (CR LF stays one line end).
// - A UTF-8 byte order mark at the start is skipped. All text must be valid UTF-8.
// - An empty field, quoted ("") or not, is NULL. Unquoted text is taken verbatim
//   (spaces are not trimmed).
// - The first record is the header (column names) unless CsvOptions::header is false,
//   in which case the columns are named col1..colN after the field count N of the first
//   record, which is then a data row. An empty name is given one, with a warning: "index"
//   for the first column (pandas' to_csv() writes its index under an empty name; as a
//   row id it is then left out like any identifier-like column), "column_N" for the Nth.
//   A repeated name gets a suffix, with a warning: a, b, a -> a, b, a_2.
// - Blank lines (nothing, or just CR, before the line feed): those before the first
//   record are ignored. After it, in a file with two or more columns they are skipped
//   (they hold no data, as in pandas and R); in a one-column file a blank line is a row
//   whose value is NULL. The empty "line" after the final line feed is not a row.
// - Every other record must have exactly as many fields as the first one, unless
//   CsvOptions::ragged says to pad or skip those that do not (with a warning counting them).
// - A quote inside an unquoted field (a"b) and any character other than the delimiter or
//   a line end after a closing quote ("a"b) are errors, as in RFC 4180: the quoting
//   structure must be unambiguous for the file to be split among threads.
// - Delimiter: CsvOptions::delimiter, else detected among , \t ; | (see csv_sniff.h).
//
// Errors throw DataError with one line: "<name>: line L, column C: <what>" when the error
// is at a character (L: the physical line of that character, 1-based, also inside a
// multi-line quoted field; C: its position in the line in characters, from 1, a BOM not
// counted), and "<name>: line L: <what>" for a whole record (L: the line where the record
// starts).
// The messages:
//   <name>: empty file, no header row                (no header: "empty file, no rows")
//   <name>: line L, column C: unterminated quoted field, no closing quote before the end of the file
//                                                      (at the opening quote)
//   <name>: line L, column C: quote in an unquoted field (quote the whole field and double the quotes inside it)
//   <name>: line L, column C: unexpected X after a closing quote, expected D or the end of the line
//                                                      (X, D: 'c' (also a whole UTF-8 character), "tab",
//                                                       "space", "carriage return" or "byte 0xNN")
//   <name>: line L: row has F fields, the header has N  (no header: "the first row has N")
//   <name>: line L, column C: invalid UTF-8, byte 0xNN at byte offset O   (O counts from 0)
//                                                      (+ a hint when the file starts with a UTF-16 BOM)
//   <name>: line L, column C: NUL byte at byte offset O; this is binary or UTF-16 data, not UTF-8 text
//   <name>: line L: <TableBuilder's message>          (no header: never; header names are made unique)
// When a file has several errors, the one reported is the first in file order (a record's
// quoting errors before its field count, UTF-8 before what a parser meets after it),
// whatever the number of threads.
//
// Parsing is parallel: the input is cut into chunks (by default 1-8 MiB, at least a few
// per thread, and for very wide tables at least 2 KiB per column while every thread gets
// one) whose boundaries are moved to record starts using the parity of the quotes
// before them; each chunk is parsed into its own ChunkBuilder, and the chunks are joined in
// order, so the Table is the same for every thread count and chunk size. (The parity is
// counted only when the text holds a quote: chunks are first cut as if it held none, and
// cut again and re-parsed only when that was wrong.)
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "io/input_file.h"
#include "tsum/read.h"
#include "tsum/table.h"

namespace tsum {

struct CsvOptions {
  // Detected among , \t ; | when unset. A quote, CR, LF or non-ASCII byte is a
  // UsageError.
  std::optional<char> delimiter;
  // False: the first record is data and columns are named col1..colN.
  bool header = true;
  // Threads used for parsing and encoding; 0 = all hardware threads.
  unsigned threads = 0;
  // Bytes per chunk; 0 picks a size from the input size and thread count. Tests set small
  // values to exercise chunk boundaries; the result never depends on it.
  size_t chunk_bytes = 0;
  // Optional: told the bytes of each parsed chunk (report/progress.h).
  class ProgressMeter* progress = nullptr;
  // Records with more or fewer fields than the first: an error (kError), padded with
  // NULLs and cut to its width (kPad), or left out (kSkip); `warn` is told how many.
  RaggedRows ragged = RaggedRows::kError;
  // Optional: told each warning (a renamed header name, ragged rows) as one line.
  std::function<void(const std::string&)> warn;
};

Table read_csv(const InputFile& input, const CsvOptions& options);

// The same for bytes in memory, named `name` in messages (fuzzers and tests use it).
Table read_csv(std::string_view bytes, const std::string& name, const CsvOptions& options);

}  // namespace tsum
