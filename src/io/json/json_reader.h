// JSON reader: a JSON array of objects, or JSON Lines (one object per line).
//
// Each object is a row; the columns are the union of the keys in order of first
// appearance. A missing key or `null` is NULL. Cell text follows the spec
// (docs/spec.md, "Tables, values and NULL"):
//   string       -> its decoded UTF-8 text                      (not a number)
//   number       -> its literal text as written, e.g. 1.50, 1e3  (a number)
//   true / false -> "true" / "false"                             (not a number)
//   array/object -> its compact JSON text: the source text without whitespace
//                   outside strings (escapes and number spellings kept as written)
//
// Layout detection (kAuto), after an optional UTF-8 byte order mark and whitespace:
//   '[' -> a JSON array whose elements must all be objects ([] is zero rows, zero columns);
//   '{' -> JSON Lines: one object per line, blank lines ignored. When the first object
//          does not end on its first line, the input is read as a sequence of
//          whitespace-separated objects instead (pretty-printed objects, e.g. `jq .` output).
// kLines accepts only the second form, kArray only the first.
//
// Errors are DataError with one-line messages naming the input and the line and column
// (columns count characters, 1-based) of the first problem in the input, whatever the
// number of threads. See json_reader.cc for the exact formats.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "io/input_file.h"
#include "tsum/table.h"

namespace tsum {

enum class JsonLayout { kAuto, kArray, kLines };

struct JsonOptions {
  JsonLayout layout = JsonLayout::kAuto;
  unsigned threads = 0;  // 0 = all hardware threads
  // Bytes of input per parallel work unit; 0 chooses automatically. The result never
  // depends on it (tests set it small to exercise chunk merging).
  size_t chunk_bytes = 0;
  // Optional: told the bytes of each work unit once its cells are read (report/progress.h).
  class ProgressMeter* progress = nullptr;
};

Table read_json(const InputFile& input, const JsonOptions& options);

// The same, from bytes in memory; `display_name` prefixes error messages.
Table read_json(std::string_view bytes, const std::string& display_name, const JsonOptions& options);

}  // namespace tsum
