// Debezium's encodings of PostgreSQL values -> the text PostgreSQL prints for them in a
// CSV snapshot (`COPY ... TO STDOUT CSV` in a session with DateStyle ISO and TimeZone UTC),
// so that a state and a snapshot of the same rows make the same Table (docs/spec.md).
//
// Each function appends to `out` and returns false when the input is not in the encoding
// it expects (the caller names the event and column). Base64 and the arbitrary-length
// decimal conversion are hand-written: they are a few lines each and no library the
// project already uses offers them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tsum::debezium {

// io.debezium.time.Date, org.apache.kafka.connect.data.Date: days since 1970-01-01 ->
// "YYYY-MM-DD" (years before 1 AD as PostgreSQL prints them: "0044-03-15 BC").
bool format_date(int64_t days, std::string& out);

// Timestamps without time zone: `ticks` units of 10^-digits s since the epoch (digits 3:
// Timestamp, 6: MicroTimestamp, 9: NanoTimestamp) -> "YYYY-MM-DD HH:MM:SS[.ffffff]",
// the fraction without trailing zeros, as PostgreSQL prints a timestamp.
bool format_timestamp(int64_t ticks, int digits, std::string& out);

// Times of day (Time, MicroTime, NanoTime) -> "HH:MM:SS[.ffffff]".
bool format_time(int64_t ticks, int digits, std::string& out);

// io.debezium.time.ZonedTimestamp ("2024-01-02T03:04:05.120Z", always UTC) -> the
// timestamptz PostgreSQL prints in UTC: "2024-01-02 03:04:05.12+00". Also ZonedTime.
bool format_zoned(std::string_view iso, std::string& out);

// org.apache.kafka.connect.data.Decimal: base64 of the big-endian two's-complement
// unscaled value, and its scale -> "-12.50".
bool format_decimal(std::string_view base64, int scale, std::string& out);

// float8 / float4 as PostgreSQL 12+ prints them: the shortest text that reads back as the
// same value, in positional notation for decimal exponents -4..14 (float4: -4..5) and as
// "1.5e+20" outside that; NaN, Infinity, -Infinity.
void format_float8(double value, std::string& out);
void format_float4(float value, std::string& out);

// bytea (base64 in the event) -> PostgreSQL's hex output "\x0a1b".
bool format_bytea(std::string_view base64, std::string& out);

// Decodes standard base64 (with or without padding).
bool decode_base64(std::string_view text, std::string& out);

}  // namespace tsum::debezium
