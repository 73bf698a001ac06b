// What each Arrow type becomes in a tsum Table: a column's layout in memory, the text
// of its values and whether they are numbers (for the compatibility cost models).
//
// Values get the canonical text the Parquet reader gives the same logical type
// (src/io/parquet/parquet_text.h), so a Parquet file and the Arrow table read from it
// summarize identically:
//
//   Arrow type (format string)              text                                number
//   null (n)                                every cell NULL                     -
//   bool (b)                                true | false                        no
//   int8..int64, uint8..uint64 (c C s S i I l L)   decimal digits              yes
//   float16, float32, float64 (e f g)       shortest text that reads back as the same
//                                           value: 0.1, 3, 1e+20, nan, inf, -0    yes
//   decimal32/64/128/256 (d:P,S[,N])        unscaled digits with S after the point:
//                                           12.30, -0.05                        yes
//   date32, date64 (tdD tdm)                YYYY-MM-DD                          no
//   time32, time64 (tts ttm ttu ttn)        HH:MM:SS[.fraction]                 no
//   timestamp, any unit and zone (ts?:TZ)   YYYY-MM-DD HH:MM:SS[.fraction], the UTC wall
//                                           time without an offset              no
//   utf8, large_utf8, utf8_view (u U vu)    the string (it must be valid UTF-8)  no
//   binary, large_binary, binary_view, fixed_size_binary (z Z vz w:N)
//                                           the bytes, when they are valid UTF-8; else
//                                           an error naming the column           no
//   dictionary<values=T, indices=any int>   T's text for each index; the indices serve
//                                           as codes (each dictionary value is formatted
//                                           once, when it first occurs)
//
// Strings are never numbers, even when they look like one (as pandas `str` values and
// Parquet STRING values): the source's type is the truth.
//
// Everything else is an error naming the column and its type: nested types (list,
// large_list, list_view, fixed_size_list, struct, map, union), run-end encoded arrays,
// durations, intervals, and extension types (a field with ARROW:extension:name
// metadata), whose meaning the storage type does not tell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "io/parquet/parquet_text.h"
#include "tsum/arrow.h"

namespace tsum::arrow {

enum class Layout : uint8_t {
  kNull,         // no buffers: every cell NULL
  kBoolean,      // validity, bit-packed values
  kFixed,        // validity, `width`-byte values
  kString,       // validity, int32 offsets, data
  kLargeString,  // validity, int64 offsets, data
  kView,         // validity, 16-byte views, data buffers, buffer sizes
};

// How a fixed-width Arrow value is turned into the Parquet formatter's raw value.
enum class Conversion : uint8_t {
  kNone,          // the bytes as they are
  kWiden,         // int8/int16/uint8/uint16 -> int32/uint32 (the kind says which)
  kDate64,        // int64 milliseconds -> int32 days
  kSecondsToMillis,  // int32/int64 seconds -> int64 milliseconds (time32[s], timestamp[s])
  kInt32ToInt64,  // time32[ms] -> int64
  kLittleEndianDecimal,  // little-endian two's complement -> big-endian
};

struct ValueType {
  Layout layout = Layout::kNull;
  size_t width = 0;  // bytes per value (kFixed)
  Conversion conversion = Conversion::kNone;
  parquet::ValueFormat text;  // kind and unit for parquet::format_value
  bool is_number = false;
  bool binary = false;  // z Z vz w:N: the bytes must be UTF-8 text ("binary" message)
};

struct ColumnType {
  ValueType value;
  // Dictionary-encoded: the indices' width in bytes (1, 2, 4, 8) and signedness; `value`
  // is the dictionary's value type.
  bool dictionary = false;
  size_t index_width = 0;
  bool index_signed = false;
};

// The column type of a field; throws DataError "unsupported Arrow type <name>" (the
// caller adds the input and column).
ColumnType resolve_column_type(const ArrowSchema& field);

// A readable name of a field's type, as pyarrow prints it: int64, string,
// list<item: int64>, struct<a: int64, b: string>, extension<arrow.uuid>, ...
std::string type_name(const ArrowSchema& field);

// The value of a field's metadata key, or "" (Arrow's binary metadata encoding).
std::string metadata_value(const char* metadata, const std::string& key);

}  // namespace tsum::arrow
