// Joining the chunks of one column (one per row group, in file order) into a Column.
//
// The chunk-local dictionaries are merged in chunk order, so codes follow the order of
// first appearance in the whole file, exactly as TableBuilder does for other readers;
// each chunk's codes are then remapped into the column's storage (chunks in parallel),
// counting each code on the way. The merge may run while later chunks are still being
// decoded: each chunk is announced when decoded, and the thread that announces a chunk
// the merge can take next merges it (and any decoded ones after it), unless another
// thread is already merging the column. The Column does not depend on who merged what.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/parquet/parquet_chunk_output.h"
#include "table/in_order.h"
#include "tsum/table.h"

namespace tsum::parquet {

class ColumnJoin {
 public:
  // `chunks` (one per row group, file order) outlives the join; `rows` is the column's
  // rows over every row group, as the file declares them (they bound its values when the
  // merge is sized ahead).
  ColumnJoin(std::string name, std::vector<ChunkOutput>& chunks, uint64_t rows);

  // Chunk k is decoded; thread-safe, each k once.
  void decoded(size_t k);

  // Merges the chunks not merged yet (all must be decoded), remaps every chunk's codes,
  // and consumes the chunks (their storage is released as they are copied).
  std::shared_ptr<Column> finish();

 private:
  void merge(size_t begin, size_t end);

  std::string name_;
  std::vector<ChunkOutput>& chunks_;
  uint64_t rows_;
  ArrivalFlags decoded_;
  InOrderCursor cursor_;  // its lock guards what follows while chunks are announced
  Dictionary global_;
  std::vector<std::vector<uint32_t>> remaps_;
  std::vector<uint64_t> starts_{0};
  bool all_numeric_ = true;
};

}  // namespace tsum::parquet
