// One Arrow column of one batch -> cells of a chunk (the codes of a ChunkColumn).
//
// The reader (arrow_reader.cc) cuts batches into row ranges and calls encode_rows for
// each (range, column), possibly on several threads (distinct ChunkColumns). Cells are
// read straight from the Arrow buffers: validity bitmaps give NULLs, strings come from
// their offsets or views without a copy, dictionary indices are mapped to codes through
// a table filled when each dictionary value first occurs, and fixed-width values are
// formatted once per distinct bit pattern (a small cache in front of the formatter).
//
// The C data interface does not carry buffer sizes (except for views' data buffers), so
// the reader checks what it can (buffer counts, lengths, offsets that go backwards,
// dictionary indices, view buffer bounds) and otherwise trusts the producer.
#pragma once

#include <cstdint>

#include "io/arrow/arrow_type.h"
#include "table/chunk_column.h"

namespace tsum::arrow {

// A column as the batch holds it. A record batch is a struct array whose offset and
// validity apply to its children: row r of the batch is element
// array->offset + parent_offset + r of the column's array.
struct ColumnInBatch {
  const ArrowArray* array = nullptr;
  int64_t parent_offset = 0;
  const uint8_t* parent_validity = nullptr;  // the batch's own null rows, or nullptr
};

// Throws DataError (without the column's name: the caller adds it) when the array's shape
// does not fit its type or is too short for `rows` rows of the batch.
void check_array(const ColumnType& type, const ColumnInBatch& column, int64_t rows);

// Appends the cells of the batch's rows [begin, end) to `out`.
void encode_rows(const ColumnType& type, const ColumnInBatch& column, int64_t begin, int64_t end,
                 detail::ChunkColumn& out);

// Throws DataError when a text value of the chunk is not valid UTF-8 (strings: invalid
// UTF-8; binary: not UTF-8 text). Each distinct value is checked once, after the chunk.
void check_utf8(const ColumnType& type, const detail::ChunkColumn& column);

}  // namespace tsum::arrow
