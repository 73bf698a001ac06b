// Value encodings of data and dictionary pages: PLAIN, RLE (booleans),
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
// (The dictionary encodings' indexes are RLE/bit-packed hybrid data: parquet_rle.h.)
//
// Each decoder turns the value section of one page into `count` values in the form
// format_value() (parquet_text.h) takes: fixed-width little-endian bytes (BOOLEAN as
// one byte 0/1 each) or byte strings for BYTE_ARRAY. Every read is bounds-checked;
// malformed data throws DecodeError naming the encoding and what is wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/byte_cursor.h"
#include "io/parquet/parquet_format.h"
#include "io/parquet/parquet_text.h"

namespace tsum::parquet {

// Decoded values of one page. Views point into the page's bytes or into `arena`.
struct PageValues {
  size_t count = 0;
  size_t width = 0;           // > 0: fixed-width values at data + i * width
  const char* data = nullptr;
  std::vector<std::string_view> views;  // width == 0: one view per value

  std::string_view value(size_t i) const {
    return width ? std::string_view(data + i * width, width) : views[i];
  }
};

// Scratch memory the decoders reuse from page to page.
struct DecodeScratch {
  std::string bytes;                // decoded fixed-width values
  std::string arena;                // DELTA_BYTE_ARRAY values
  std::vector<uint64_t> ints;       // delta-decoded integers
  std::vector<uint64_t> ints2;
};

// Largest expansion of DELTA_BYTE_ARRAY data (reconstructed bytes per input byte,
// beyond a 64 MiB allowance) before the page is refused as a decompression bomb.
constexpr size_t kMaxDeltaByteArrayExpansion = 256;

// Decodes `count` values of `format` encoded with `encoding` from `in` into `out`.
// `max_values` bounds the counts that DELTA headers may declare (the page's value count).
// Unsupported combinations throw "unsupported encoding <NAME> for <TYPE> values".
void decode_values(Encoding encoding, const ValueFormat& format, ByteCursor in, size_t count,
                   size_t max_values, PageValues& out, DecodeScratch& scratch);

// DELTA_BINARY_PACKED integers (wrapping 64-bit arithmetic), all `total` the header
// declares; `total` must be <= max_values. Advances `in` past the data it used.
void decode_delta_binary_packed(ByteCursor& in, size_t max_values, std::vector<uint64_t>& out);

}  // namespace tsum::parquet
