// CellBlock: the cells of a wide table's records, held for a block of rows and then given
// to the columns one column at a time.
//
// Row by row, every record of a wide table visits every column's chunk-local dictionary
// once. Together those dictionaries outgrow the caches and the TLB (500 columns of 10^3
// distinct values: ~17 MB per chunk), and each cell's lookup then waits for memory two or
// three times: ~100 ns per cell. Held for a block of ~10^3 rows, a column's cells are
// looked up one after another, its dictionary stays in cache while they are, and the
// texts' loads (the only misses left) do not depend on one another.
//
// A column receives its cells in the same order as without the block, so its dictionary,
// its codes and the Table are the same. A cell is held as its place in the chunk (offset
// and length), so it must be a view into the input: a field unescaped into the parser's
// scratch buffer is given to its column at once, after the column's held cells
// (flush_column), which keeps the order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "table/chunk_column.h"

namespace tsum::csv {

class CellBlock {
 public:
  // Records a chunk reads row by row before deciding (helps()).
  static constexpr uint64_t kSampleRows = 256;

  // Whether a chunk of `columns` columns and `chunk_bytes` bytes may be read through a
  // block: narrower tables keep their dictionaries in cache row by row; offsets and
  // lengths must fit 31 bits; a block must hold enough rows for a column's lookups to
  // share its cache.
  static bool may_help(size_t columns, size_t chunk_bytes) {
    return columns >= kMinColumns && fits(chunk_bytes) && rows_for(columns) >= kMinRows;
  }
  static bool fits(size_t chunk_bytes) { return chunk_bytes < (size_t{1} << 31); }
  // Whether a table is so wide that a block helps whatever its dictionaries hold: row by
  // row, each cell then visits a different column's state (its cache of recent values,
  // dictionary and codes: ~1 KiB in a few heap blocks), and ten thousand of them outgrow
  // the caches and the TLB even when every column has five values. Measured on tables of
  // five values per column (docs/benchmarks.md, "Very wide tables"): at 8,000 columns
  // row by row and blocks tie; from 12,000 blocks read 1.2-2.3 x faster, and their time
  // moves far less with the host's memory traffic. Such chunks hold fewer than
  // kSampleRows records anyway, so they take no sample.
  static bool always_helps(size_t columns) { return columns >= kAlwaysColumns; }
  // After the first kSampleRows records: whether the columns' dictionaries together are
  // too large for the cache row by row. Below it, holding cells costs more than it saves
  // (a second pass over the cells and their texts; measured in docs/benchmarks.md).
  static bool helps(std::span<detail::ChunkColumn* const> columns) {
    uint64_t values = 0;
    for (const detail::ChunkColumn* c : columns) values += c->dictionary.size();
    return values >= kMinSampleValues;
  }

  // `chunk`: where the held records start; offsets given to add() count from it. Blocks
  // of `rows_per_block` rows (tests), by default as many as kBlockBytes holds.
  CellBlock(std::span<detail::ChunkColumn* const> columns, const char* chunk, size_t rows_per_block = 0)
      : columns_(columns), chunk_(chunk), rows_per_block_(rows_per_block ? rows_per_block : rows_for(columns.size())),
        held_(columns.size(), 0),
        cells_(new uint64_t[rows_per_block_ * columns.size()]) {}

  // A field of column `column`: chunk[offset, offset + length), or NULL when length is 0.
  // `padded`: 16 bytes may be read from its start (ChunkColumn::add_text).
  void add(size_t column, size_t offset, size_t length, bool padded) {
    cells_[column * rows_per_block_ + held_[column]++] =
        static_cast<uint64_t>(offset) | static_cast<uint64_t>(length) << 32 | static_cast<uint64_t>(padded) << 63;
  }
  // Gives the column its held cells: call before giving it a cell directly.
  void flush_column(size_t column) {
    detail::ChunkColumn& target = *columns_[column];
    const uint64_t* cells = &cells_[column * rows_per_block_];
    const uint32_t n = held_[column];
    for (uint32_t i = 0; i < n; ++i) {
      // The texts are spread over the block's records: start their loads early.
      if (i + kPrefetchAhead < n) __builtin_prefetch(chunk_ + static_cast<uint32_t>(cells[i + kPrefetchAhead]));
      const uint64_t cell = cells[i];
      const size_t length = (cell >> 32) & 0x7FFFFFFF;
      if (length == 0) {
        target.add_null();
      } else {
        target.add_text(std::string_view(chunk_ + static_cast<uint32_t>(cell), length), cell >> 63);
      }
    }
    held_[column] = 0;
  }
  // After the last field of a record.
  void end_row() {
    if (++rows_ == rows_per_block_) flush();
  }
  // Gives every column its held cells (after the chunk's last record, or an error).
  void flush() {
    for (size_t c = 0; c < columns_.size(); ++c) flush_column(c);
    rows_ = 0;
  }

 private:
  static constexpr size_t kMinColumns = 32;
  static constexpr size_t kAlwaysColumns = 10000;
  // Distinct values in the sample's dictionaries: ~30 bytes of dictionary each, so ~1 MiB,
  // and more once the rest of the chunk adds its values.
  static constexpr uint64_t kMinSampleValues = 32768;
  static constexpr size_t kMinRows = 64;
  static constexpr size_t kMaxRows = 4096;
  static constexpr size_t kMinBlockRows = 4;
  // The held cells of a block take at most this many bytes (8 per cell): a few MiB, in
  // the last-level cache with the block's text.
  static constexpr size_t kBlockBytes = size_t{4} << 20;
  static constexpr uint32_t kPrefetchAhead = 8;

  // At least kMinBlockRows even for a table so wide that kBlockBytes holds fewer records.
  static size_t rows_for(size_t columns) {
    const size_t rows = kBlockBytes / (columns * sizeof(uint64_t));
    return std::clamp(rows, kMinBlockRows, kMaxRows);
  }

  std::span<detail::ChunkColumn* const> columns_;
  const char* chunk_;
  size_t rows_per_block_;
  size_t rows_ = 0;
  std::vector<uint32_t> held_;  // per column, cells held (at most rows_per_block_)
  std::unique_ptr<uint64_t[]> cells_;  // column c's cells from c * rows_per_block_
};

}  // namespace tsum::csv
