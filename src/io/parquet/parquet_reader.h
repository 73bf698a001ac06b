// The Parquet reader: a flat Parquet file becomes a Table, row groups in parallel.
//
// Format contract:
// - Columns are the schema's top-level fields, in file order, named by the field name.
//   A field must be flat: a primitive, REQUIRED or OPTIONAL. A nested field (a group:
//   struct, LIST, MAP; or a REPEATED primitive) is an error naming it, unless
//   ParquetOptions::columns leaves it out.
// - Cells: NULL where the definition level says so (OPTIONAL fields); otherwise the
//   value's canonical text, and numeric typing, as documented in parquet_text.h
//   (integers, floats, decimals are numbers; dates, times, timestamps, booleans, strings
//   are not).
// - Supported: physical types BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY,
//   FIXED_LEN_BYTE_ARRAY; encodings PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY, RLE
//   (booleans, levels), BIT_PACKED (levels), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
//   DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT; data pages v1 and v2; codecs UNCOMPRESSED,
//   SNAPPY, GZIP, ZSTD (parquet_decompress.h). Not supported: encryption, column data in
//   other files (ColumnChunk.file_path), codecs LZO, BROTLI, LZ4, LZ4_RAW.
// - Rows: the row groups' rows in file order. The Table is the same for every thread
//   count: (row group, column) chunks decode in parallel into chunk-local dictionaries,
//   merged in file order (codes in order of first appearance, as TableBuilder does).
//
// Errors are DataError with one line. Row groups and pages count from 0 (as DuckDB's
// parquet_metadata() and pyarrow number them); a page's index counts every page of the
// column chunk, the dictionary page included; offsets are byte offsets in the file.
//   <name>: file is too small to be Parquet (N bytes)
//   <name>: not a Parquet file (it does not start with PAR1)
//   <name>: not a Parquet file, or truncated: it does not end with PAR1
//   <name>: encrypted Parquet files are not supported (magic PARE)
//   <name>: footer length L runs past the start of the file (file has N bytes)
//   <name>: file metadata (L bytes at offset O): bad Thrift data: <what> at byte B
//   <name>: bad schema: <what>
//   <name>: row group R has N column chunks, the schema has M leaf columns
//   <name>: column 'c' is nested (a LIST | a MAP | a group of N fields | a REPEATED <type>); tsum reads flat columns only: leave it out
//   <name>: column 'c': unsupported type <PHYSICAL> <ANNOTATION>
//   <name>: <TableBuilder's message>                 (empty or duplicate column name)
//   <name>: row group R has a negative row count N
//   <name>: row group R, column 'c': <what>          (the chunk as a whole), e.g.
//           unsupported compression codec BROTLI (tsum reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD)
//           the column chunk (N bytes at offset O) runs past the column data, which ends at offset E
//           the column chunk ends after K of the row group's N rows
//           the column chunk's type INT64 differs from the schema's INT32
//           column data in another file ('<path>') is not supported | encrypted columns are not supported
//           out of memory (the row group declares N rows)
//   <name>: row group R, column 'c', page P at offset O: <what>, e.g.
//           page header: bad Thrift data: <what> at byte B
//           the page (N bytes after a H-byte header) runs past the end of its column chunk (K bytes left)
//           the page has N values, more than the K rows left in the row group
//           ZSTD decompression failed: <reason>            (SNAPPY, GZIP alike; <reason> is the
//               codec's own, or "the data decompresses to N bytes, the page header says M",
//               or "the page header claims N bytes from M" for a size no input can reach)
//           dictionary index I is out of range (the dictionary has N entries)
//           unsupported encoding <ENCODING> for <TYPE> values
//           definition levels end after K of N values
//           PLAIN values run past the end of the data (N values of W bytes, K bytes left)
//           invalid UTF-8 in a string value (byte 0xNN at offset K of a value)
//           binary value that is not UTF-8 text (...); tsum reads BYTE_ARRAY values without a
//               STRING annotation as text, so leave this column out
// When a file has several errors, the one reported is the first in file order (footer,
// schema, then row group by row group, column by column), whatever the number of threads.
//
// Memory: a chunk's codes are allocated for the rows its bytes can plausibly hold and grow
// with the rows actually decoded; pages are decoded in batches of 65,536 rows; codecs and
// DELTA encodings refuse sizes their input cannot produce. So corrupt counts cannot make
// the reader allocate far beyond the data, except that the format lets a few bytes stand
// for very many rows (an RLE run of NULLs): such a file gets the table it describes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/input_file.h"
#include "tsum/table.h"

namespace tsum {

struct ParquetOptions {
  // Threads for decoding and encoding; 0 = all hardware threads.
  unsigned threads = 0;
  // Top-level columns to read (the Table keeps the file's column order); empty = all.
  // A name the file does not have is a UsageError with Table::select's message.
  std::vector<std::string> columns;
  // Optional: told the file's row count, then the rows of each row group once all of its
  // selected column chunks are decoded (report/progress.h).
  class ProgressMeter* progress = nullptr;
};

Table read_parquet(const InputFile& input, const ParquetOptions& options);

// The same for bytes in memory, named `name` in messages (fuzzers and tests use it).
Table read_parquet(std::string_view bytes, const std::string& name, const ParquetOptions& options);

// True when the bytes start with the Parquet magic "PAR1".
bool looks_like_parquet(std::string_view bytes);

}  // namespace tsum
