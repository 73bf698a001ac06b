// Canonical text of Parquet values: what a typed Parquet cell becomes in a tsum Table.
//
// tsum compares values by their text and the `paper` cost model charges their UTF-8
// length, so every typed value has exactly one text. The rules (the form PostgreSQL and
// DuckDB print, except where noted):
//
//   BOOLEAN                      true | false
//   INT32/INT64, INT(8..64, signed/unsigned), INT_8..INT_64, UINT_8..UINT_64, no annotation
//                                decimal digits, '-' for negatives (unsigned types read
//                                the stored bits as unsigned: UINT_64 18446744073709551615)
//   FLOAT, DOUBLE                the shortest text that reads back as the same value
//                                (std::to_chars): 0.1, 1e+20, 1.5e-07, 3; "nan" (any NaN),
//                                "inf", "-inf", "-0". DuckDB prints 1.0 / 1000000000000000.0
//                                where we print 1 / 1e+15 (same value, shorter text).
//   FLOAT16 (FIXED_LEN_BYTE_ARRAY(2))  the shortest text that reads back as the same half
//   DECIMAL(p, s) (INT32, INT64, FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY; big-endian two's
//                                complement in the byte forms, any length)
//                                the unscaled value with exactly s digits after the point:
//                                12.30, -0.05, 7 (s = 0)
//   DATE                         YYYY-MM-DD; years beyond 9999 with all their digits
//                                (12345-01-01); years <= 0 as DuckDB prints them: 1 BC is
//                                "0001-01-01 (BC)" (astronomical year 0)
//   TIMESTAMP(MILLIS|MICROS|NANOS), TIMESTAMP_MILLIS/_MICROS, INT96
//                                YYYY-MM-DD HH:MM:SS, plus .fraction only when non-zero with
//                                trailing zeros trimmed (2020-01-01 00:00:00.5); BC dates as
//                                "0045-03-15 (BC) 12:00:00". isAdjustedToUTC changes nothing:
//                                the UTC wall time is printed, without an offset (DuckDB
//                                prints TIMESTAMPTZ with "+00"). INT96 (legacy Impala/Spark:
//                                nanoseconds of the day + Julian day) keeps its nanoseconds
//                                (DuckDB truncates them to microseconds).
//   TIME(MILLIS|MICROS|NANOS), TIME_MILLIS/_MICROS
//                                HH:MM:SS[.fraction], fraction as for timestamps
//   STRING/UTF8, ENUM, JSON      the bytes, which must be valid UTF-8
//   BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY without annotation (and BSON)
//                                the bytes when they are valid UTF-8; otherwise an error
//                                naming the column (tsum has no binary text form: leave the
//                                column out)
//   UUID (FIXED_LEN_BYTE_ARRAY(16))   8-4-4-4-12 lowercase hex
//   INTERVAL (FIXED_LEN_BYTE_ARRAY(12): months, days, milliseconds)
//                                as DuckDB prints it: "1 year 2 months 3 days 04:05:06.5",
//                                "00:00:00" when zero
//
// Numeric typing for the compatibility cost models: integers (all widths and
// signedness), FLOAT, DOUBLE, FLOAT16 and DECIMAL are numbers; everything else is not.
//
// Any other annotation (MAP, LIST, VARIANT, GEOMETRY, ... on a leaf, or one that does
// not fit the physical type, such as TIMESTAMP on a BYTE_ARRAY) is reported by
// resolve_format() as "unsupported type <physical> <annotation>".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/parquet/parquet_format.h"
#include "io/parquet/parquet_metadata.h"

namespace tsum::parquet {

enum class ValueKind : uint8_t {
  kBoolean, kInt32, kUInt32, kInt64, kUInt64, kFloat, kDouble, kFloat16,
  kDecimal, kDate, kTime, kTimestamp, kInt96, kString, kBinary, kUuid, kInterval,
};

struct ValueFormat {
  ValueKind kind = ValueKind::kInt64;
  PhysicalType physical = PhysicalType::kInt64;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY
  int32_t scale = 0;        // DECIMAL
  TimeUnit unit = TimeUnit::kMicros;
  bool is_number = false;
  // Bytes per value in PLAIN encoding (0 for BYTE_ARRAY, whose values carry a length;
  // BOOLEAN values are decoded to one byte each, so 1).
  size_t width = 0;
};

// The format of a leaf column; throws DecodeError "unsupported type ..." when tsum has
// no canonical text for it.
ValueFormat resolve_format(const SchemaElement& leaf);

// The canonical text of one value. `raw` is the value's bytes: `width` little-endian
// bytes for fixed-width types (one byte 0/1 for BOOLEAN), the content for BYTE_ARRAY.
// The result points into `raw` (text types) or into `buffer`, and is valid until the
// next call with the same buffer. Throws DecodeError for invalid UTF-8.
std::string_view format_value(const ValueFormat& format, std::string_view raw, std::string& buffer);

// Offset of the first byte of the first invalid UTF-8 sequence, or npos.
size_t find_invalid_utf8(std::string_view text);

}  // namespace tsum::parquet
