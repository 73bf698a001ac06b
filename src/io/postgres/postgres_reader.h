// The PostgreSQL reader: a table or a query result, streamed through libpq into a Table.
//
// INPUT (grammar and redaction in database_url.h):
//   postgresql://[user[:password]@]host[:port][/dbname]?table=NAME[&libpq parameters]
//   postgresql://...  plus  --query "SELECT ..."   (ReadOptions::query; no ?table= then)
// `postgres://` is the same. NAME may be schema-qualified; it is resolved by the server
// (`$1::regclass`, so SQL's rules apply: bare parts fold to lower case, "Quoted" parts
// keep theirs) and read as SELECT * FROM it, which works for tables, views, materialized
// views, foreign and partitioned tables. A query is one statement whose result has rows
// (SELECT, VALUES, TABLE, WITH ...); trailing ';', blanks and comments are
// allowed. Several URLs (shards) are
// read one after the other and concatenated by read_tables(); --query then runs on each.
//
// Session: connect_timeout 10 s unless the URL sets one, client_encoding UTF8,
// application_name "tsum" unless set. Everything runs in one READ ONLY transaction with
// DateStyle ISO, TimeZone UTC, extra_float_digits 3, IntervalStyle postgres and
// bytea_output hex (SET LOCAL, so poolers see no session state). Column names and types
// come from describing the prepared statement; the rows are streamed with
// `COPY (query) TO STDOUT` (text format) through a pipeline: one thread receives batches
// of 64 Ki rows, the other threads parse and encode batches into ChunkBuilders in
// parallel, and the chunks join the TableBuilder in row order. At most 2 x threads + 1
// batches are in flight, so the result is never held twice: the memory used is that of
// the encoded Table plus a few chunks. The Table does not depend on the thread count.
// Row order is the server's (a table read has no ORDER BY; use --query ... ORDER BY for
// a defined order).
//
// Canonical text and type (is_number) of a value, by the column's type:
//   int2, int4, int8          decimal, as printed                  number
//   numeric                   as printed, keeping the scale (1.50) number (NaN too)
//   float4, float8            shortest text that reads back as the same float4/float8
//                             (std::to_chars: 0.1, 1e-05, 1e+16, -0); NaN, Infinity,
//                             -Infinity as printed                 number
//   boolean                   true / false (PostgreSQL prints t/f)  string
//   date                      YYYY-MM-DD                            string
//   timestamp                 YYYY-MM-DD HH:MM:SS[.ffffff], the fraction only when
//                             non-zero (trailing zeros dropped)     string
//   timestamptz               the same, in UTC, without the offset  string
//   text, varchar, char(n)    as stored (char(n) keeps its padding) string
//   bytea                     \x followed by lowercase hex          string
//   everything else           PostgreSQL's text output (time, timetz, interval, uuid,
//                             json, jsonb, arrays, money, enums ...) string
// Text is UTF-8: the session's client_encoding is UTF8, so the server converts from the
// database's encoding and rejects bytes that are not valid in it (even from SQL_ASCII).
// Domains take their base type. Dates and timestamps out of the ISO range print as
// PostgreSQL does ("infinity", "0044-03-15 BC"). SQL NULL is NULL.
//
// Errors throw DataError (exit 1) with one line; <url> is the URL without its password,
// and no message ever contains the password (libpq's and the server's text is scrubbed):
//   <url>: cannot connect to PostgreSQL: <libpq's message>
//       (unreachable host, refused connection, authentication failure, unknown database)
//   <url>: cannot set up the session: <server's message>
//   <url>: cannot read table NAME: <server's message>          (missing table, no privilege)
//   <url>: query failed: <server's message>[ (at character N of the query)]  (bad SQL)
//   ... DETAIL: <detail> HINT: <hint>   appended when the server sends them
//   <url>: table NAME has no columns        <url>: the query returns no columns
//   <url>: <TableBuilder's message>          (empty or repeated column name)
//   <url>: connection lost while reading: <libpq's message>
// Usage errors throw UsageError (exit 2):
//   <url>: no table given: add ?table=NAME to the URL or pass --query "SELECT ..."
//   <url>: both ?table= and --query given; use one of them
//   <url>: ?table= given more than once / ?table= is empty
#pragma once

#include <optional>
#include <string>

#include "tsum/table.h"

namespace tsum {

struct PostgresOptions {
  std::optional<std::string> query;  // instead of ?table=
  unsigned threads = 0;              // parsing, encoding, merging; 0 = all hardware threads
  size_t chunk_rows = 65536;         // rows per ChunkBuilder (tests use small values)
  // Optional: told the rows as they arrive (report/progress.h).
  class ProgressMeter* progress = nullptr;
};

Table read_postgres(const std::string& url, const PostgresOptions& options);

}  // namespace tsum
