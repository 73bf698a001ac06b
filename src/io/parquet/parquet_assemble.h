// Joining the chunks of one column (one per row group, in file order) into a Column.
//
// The chunk-local dictionaries are merged in chunk order, so codes follow the order of
// first appearance in the whole file, exactly as TableBuilder does for other readers;
// each chunk's codes are then remapped into the column's storage (chunks in parallel),
// counting each code on the way.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/parquet/parquet_chunk_output.h"
#include "tsum/table.h"

namespace tsum::parquet {

// Consumes the chunks (their storage is released as they are copied).
std::shared_ptr<Column> assemble_column(const std::string& name, std::vector<ChunkOutput>& chunks);

}  // namespace tsum::parquet
