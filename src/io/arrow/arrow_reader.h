// The Arrow reader: an Arrow C stream (or one C array) becomes a Table.
//
// Contract (the public entry points are in include/tsum/arrow.h):
// - A stream of struct arrays (record batches) gives one column per field, in field
//   order, named by the field; a stream of any other type gives one column
//   (ArrowReadOptions::column_name, else the schema's name).
// - Cells: NULL where a validity bitmap (the column's, or the batch's) says so; otherwise
//   the value's text and numeric typing per src/io/arrow/arrow_type.h.
// - Batches are consumed as they arrive and released as soon as their cells are encoded,
//   so a stream larger than memory needs only the codes. A large batch is cut into
//   ranges of rows encoded in parallel (each range is one chunk of the TableBuilder; small
//   batches are gathered into one chunk), so the Table is the same for every batch size
//   and thread count.
//
// Errors are DataError with one line:
//   <input>: the Arrow stream failed before its schema: <producer's message>
//   <input>: the Arrow stream failed after N rows: <producer's message>
//   <input>: column 'c' has type <type>, which tsum cannot summarize (<why>); leave it out
//   <input>: column 'c', rows A..B: <what>    (malformed arrays, invalid UTF-8, ...)
//   <input>: <TableBuilder's message>          (empty or duplicate column names)
//   <input>: batch B has N columns, the schema has M
//   <input>: the Arrow data is one unnamed array of type <type>, not a table (...)
// When several cells are bad, the one reported is the first in row order, then column
// order, whatever the number of threads.
#pragma once

#include "tsum/arrow.h"

namespace tsum::arrow {

// Rows of a batch encoded as one chunk (a bigger batch is cut; smaller ones gathered).
// 2^21 one-byte codes fill one 2 MiB huge page exactly: chunk code buffers are huge-page
// mappings (table/code_buffer.h), so a smaller chunk would still hold a whole page.
inline constexpr int64_t kChunkRows = int64_t{1} << 21;

}  // namespace tsum::arrow
