// The SQLite reader: a table or a query result, read through libsqlite3 into a Table.
//
// INPUT (grammar in io/postgres/database_url.h):
//   sqlite://PATH?table=NAME         PATH percent-decoded: sqlite:///abs/x.db is /abs/x.db,
//   sqlite://PATH  plus  --query "SELECT ..."   sqlite://rel/x.db the relative rel/x.db
// NAME may be qualified (main.t, "odd.name"; see database_url.h) and is read as
// SELECT * FROM it (tables and views). A query is one statement (a trailing ';' and
// blanks are allowed); the database is opened read-only, so nothing can change it, and a
// missing file is an error, never created.
//
// Values, by each value's storage class (SQLite types values, not columns):
//   INTEGER  decimal                                               number
//   REAL     shortest text that reads back as the same double (std::to_chars: 0.1,
//            1e-05, 1e+16, -0); Infinity, -Infinity as PostgreSQL spells them   number
//   TEXT     as stored (must be valid UTF-8)                       string
//   BLOB     \x followed by lowercase hex (PostgreSQL's bytea form) string
//   NULL     NULL
// A column is numeric (spec) when all its non-NULL values are INTEGER or REAL. Rows are
// encoded chunk by chunk (64 Ki rows), never held twice. Row order is SQLite's (use
// --query ... ORDER BY for a defined order).
//
// Errors throw DataError (exit 1) with one line; <url> is the INPUT as given:
//   <url>: cannot open PATH: No such file or directory     (or the system's reason)
//   <url>: cannot open PATH: <SQLite's message>
//   <url>: cannot read table NAME: <SQLite's message>      (no such table: NAME; file is not a database)
//   <url>: query failed: <SQLite's message>                (bad SQL, e.g. near "SELEC": syntax error)
//   <url>: query failed: --query holds more than one statement
//   <url>: table NAME has no columns / the query returns no columns
//   <url>: <TableBuilder's message>                         (empty or repeated column name)
//   <url>: row R, column "C": invalid UTF-8, byte 0xNN at byte offset O
// Usage errors throw UsageError (exit 2):
//   <url>: no table given: add ?table=NAME to the URL or pass --query "SELECT ..."
//   <url>: both ?table= and --query given; use one of them
//   <url>: unknown URL parameter 'K' (a sqlite:// URL takes only table=)
//   <url>: bad table name 'NAME': <why>      <url>: no file path given
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum {

struct SqliteOptions {
  std::optional<std::string> query;  // instead of ?table=
  unsigned threads = 0;              // for the final merge; 0 = all hardware threads
  size_t chunk_rows = 65536;         // rows per ChunkBuilder (tests use small values)
  // Optional: told the rows as they arrive (report/progress.h).
  class ProgressMeter* progress = nullptr;
};

Table read_sqlite(const std::string& url, const SqliteOptions& options);

// The tables of the SQLite database at `path` (a plain file path), by name,
// without SQLite's own; for a database given as a plain path (io/read_table.cc).
// Throws DataError naming `path` when it cannot be opened or read.
std::vector<std::string> sqlite_tables(const std::string& path);

}  // namespace tsum
