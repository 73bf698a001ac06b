// TableBuilder: how every reader turns cells into a Table.
//
// A reader splits its input into chunks of consecutive rows, fills one ChunkBuilder per
// chunk (chunks may be filled on different threads), and hands them to the TableBuilder
// in row order. finish() merges the chunk-local dictionaries so that codes follow the
// order of first appearance in the whole input (chunk order, then row order within a
// chunk), whatever the number of chunks: the resulting Table does not depend on how the
// input was split.
//
// A reader that fills its chunks on several threads may instead announce them
// (expect_chunks) and give each one as it is filled (put_chunk, in any order, from any
// thread): a column's dictionaries are then merged in chunk order while later chunks are
// still being filled, by the thread whose chunk lets the merge go on, and finish() does
// what is left. The Table is the same either way.
//
// Cells: every column of a chunk receives exactly one cell per row, in row order.
//   add_text   - text whose type follows the spec's rule for CSV (numeric when it
//                matches ^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$ ), decided once per
//                distinct value;
//   add_typed  - text whose numeric-ness the source knows (JSON numbers, typed columns);
//   add_null   - a NULL cell.
// No allocation happens per cell except when a chunk meets a new distinct value.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsum/table.h"

namespace tsum {

namespace detail {
struct ChunkColumn;
}
class ArrivalFlags;

class ChunkBuilder {
 public:
  explicit ChunkBuilder(size_t num_columns);
  // For readers inside the library: a chunk of column states filled elsewhere, in table
  // column order (each non-null, every one holding the same number of cells).
  explicit ChunkBuilder(std::vector<std::unique_ptr<detail::ChunkColumn>> columns);
  ChunkBuilder(ChunkBuilder&&) noexcept;
  ChunkBuilder& operator=(ChunkBuilder&&) noexcept;
  ~ChunkBuilder();

  void add_text(size_t column, std::string_view text);
  void add_typed(size_t column, std::string_view text, bool is_number);
  void add_null(size_t column);
  // Optional: room for `rows` rows in every column, when the reader knows a bound (a
  // bound too high costs only address space: untouched pages are never allocated).
  void reserve_rows(uint64_t rows);
  // Optional, after the last cell: frees memory reserved beyond the cells received (and
  // the columns' grown caches of recent values).
  void trim();

  size_t num_columns() const { return columns_.size(); }
  // For readers inside the library: a column's state, whose inline add_text/add_null
  // (src/table/chunk_column.h) save a call per cell.
  detail::ChunkColumn& column_state(size_t column) { return *columns_[column]; }
  // Cells received by a column so far.
  uint64_t cells(size_t column) const;

 private:
  friend class TableBuilder;
  std::vector<std::unique_ptr<detail::ChunkColumn>> columns_;
};

class TableBuilder {
 public:
  // Throws DataError naming the column when a name is empty or appears twice
  // (readers prefix the message with the input's name).
  explicit TableBuilder(std::vector<std::string> column_names);
  ~TableBuilder();

  const std::vector<std::string>& column_names() const { return names_; }
  ChunkBuilder make_chunk() const { return ChunkBuilder(names_.size()); }

  // Appends the chunk's rows after the rows already added. Throws DataError when its
  // columns received different numbers of cells (a reader bug, not user data).
  void add_chunk(ChunkBuilder&& chunk);

  // Announces `count` chunks to come through put_chunk (instead of add_chunk), on a
  // builder that has none yet.
  void expect_chunks(size_t count);
  // Chunk k of those announced: thread-safe, each k once, in any order. A chunk of no
  // rows is given too (make_chunk()); until it is, no column's merge passes it. Merges
  // what the chunk lets merge, on the calling thread, unless another thread is already
  // merging that column (it then goes on with it, or finish() does). Throws DataError as
  // add_chunk, and what merging throws.
  void put_chunk(size_t k, ChunkBuilder&& chunk);

  // Merges the chunks into a Table. threads == 0 means all hardware threads. After
  // expect_chunks, every announced chunk must have been given.
  Table finish(unsigned threads = 0);

 private:
  struct ColumnMerge;
  void check_chunk(const ChunkBuilder& chunk) const;
  void merge_chunks(ColumnMerge& merge, size_t column, size_t begin, size_t end);
  std::shared_ptr<Column> assemble_column(size_t column);

  std::vector<std::string> names_;
  std::vector<std::optional<ChunkBuilder>> chunks_;
  // After expect_chunks: which chunks have been given (a slot of chunks_ is written
  // before its chunk is marked).
  std::unique_ptr<ArrivalFlags> given_;
  std::vector<std::unique_ptr<ColumnMerge>> merges_;  // one per column
};

// True when text is a number under the spec's CSV rule.
bool is_spec_number(std::string_view text);

}  // namespace tsum
