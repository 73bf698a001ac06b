// Decoding one column chunk (one column of one row group) into chunk-local codes.
//
// Pages are read in order from the chunk's start (the dictionary page offset when there
// is one, else the first data page; some writers store the dictionary page first without
// setting its offset, so a dictionary page is recognised by its header wherever it is
// first). Each data page's definition levels give NULLs (level < max) and values; every
// value becomes its canonical text (parquet_text.h) in the chunk's dictionary.
//
// Dictionary-encoded pages do not hash every value: each dictionary entry gets its
// chunk-local code the first time an index refers to it (so codes stay in order of first
// appearance), and every later occurrence is one array lookup. RLE-encoded booleans are
// handled the same way, as indexes into {false, true}. Levels, indexes and codes are
// decoded in batches of rows, so a page's buffers are bounded whatever it declares.
//
// Errors: DecodeError for the chunk as a whole; PageError (a DecodeError that knows the
// page's index within the chunk, counting from 0 with the dictionary page, and its file
// offset) for a page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/parquet_decompress.h"
#include "io/parquet/parquet_encodings.h"
#include "io/parquet/parquet_error.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_text.h"
#include "io/parquet/parquet_chunk_output.h"

namespace tsum::parquet {

class PageError : public DecodeError {
 public:
  PageError(size_t page, size_t offset, const std::string& what) : DecodeError(what), page(page), offset(offset) {}
  size_t page;
  size_t offset;  // file offset of the page header
};

struct ChunkSpec {
  std::string_view file;        // the whole file
  size_t data_end = 0;          // column data must end here (where the file metadata starts)
  const ColumnMetaData* meta = nullptr;
  uint64_t rows = 0;            // the row group's row count
  int max_definition_level = 0; // 0 (REQUIRED) or 1 (OPTIONAL)
  ValueFormat format;
};

// Buffers reused from chunk to chunk by one thread (fresh large buffers for every chunk
// would cost a page fault per 4 KiB each time).
struct ChunkWorkspace {
  Decompressor decompressor;
  Buffer page_buffer, dictionary_buffer;
  DecodeScratch scratch, dictionary_scratch;
  PageValues values, dictionary;
  std::vector<uint8_t> levels;
  std::vector<uint32_t> indexes, page_codes, dictionary_codes;
  std::string text;
};

// Decodes the chunk's spec.rows cells into `out`.
void decode_column_chunk(const ChunkSpec& spec, ChunkOutput& out, ChunkWorkspace& workspace);

}  // namespace tsum::parquet
