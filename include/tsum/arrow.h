// Reading tables from Arrow memory: the Arrow C data interface and C stream interface.
//
// The interfaces are a published, stable ABI (the Arrow project's "C Data Interface" and
// "C Stream Interface" specifications): a producer (pyarrow, polars, DuckDB, pandas, ...)
// fills these plain C structs, and a consumer reads the buffers they point to. No Arrow
// library is needed on either side, so tsum declares the structs itself, exactly as the
// specification lays them out, under the specification's own include guards: a program
// that also includes another copy of the declarations compiles unchanged.
//
// read_arrow() consumes a stream of record batches (a struct-typed stream) or of plain
// arrays (one column), batch by batch, and returns the dictionary-encoded Table the other
// readers produce. What each Arrow type becomes: src/io/arrow/arrow_type.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsum/table.h"

extern "C" {

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE
}

namespace tsum {

struct ArrowReadOptions {
  // How messages name the input ("<DataFrame>", a variable name, ...).
  std::string input_name = "<Arrow stream>";
  // Set: the stream holds one column of this name, whatever its type (a struct-typed
  // stream is then one struct column, which tsum cannot read). Empty: a struct-typed
  // stream holds record batches, and any other stream one column named by its schema.
  std::string column_name;
  // Columns to read (table order is kept) / to leave out; unknown names are a UsageError
  // with Table::select's message. Left-out columns are never looked at, so a column of a
  // type tsum cannot read may be excluded.
  std::vector<std::string> columns;
  std::vector<std::string> exclude;
  unsigned threads = 0;  // 0 = all hardware threads
};

// Reads every batch of `stream` and releases it (also when it throws). The Table is the
// one the CSV reader would build from the same cells: codes in order of first appearance,
// whatever the batch sizes. Throws DataError naming the input, and the column where it
// applies, for unsupported types, malformed arrays and a producer's error (its message).
Table read_arrow(ArrowArrayStream* stream, const ArrowReadOptions& options = {});

// The same for one array (a record batch, or one column) and its schema, both released
// before returning.
Table read_arrow(ArrowSchema* schema, ArrowArray* array, const ArrowReadOptions& options = {});

}  // namespace tsum
