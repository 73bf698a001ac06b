// ColumnAssembler: the only way to make a Column. Readers go through TableBuilder; the
// assembler is also used by front ends that already hold codes (e.g. pandas categoricals).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "table/chunk_column.h"
#include "tsum/table.h"

namespace tsum {

class ColumnAssembler {
 public:
  ColumnAssembler(std::string name, uint64_t rows, CodeWidth width);

  // Writes local codes mapped through `remap` (local code -> global code) at rows
  // [start, start + codes.size()); returns the count of each local code.
  // Disjoint ranges may be written concurrently.
  std::vector<uint64_t> write_codes(uint64_t start, const detail::LocalCodes& codes,
                                    const std::vector<uint32_t>& remap);

  // Writes `column`'s codes mapped through `remap` at rows [start, start + rows).
  void write_remapped(uint64_t start, const Column& column, const std::vector<uint32_t>& remap);

  // Writable storage for all rows, of the width given at construction.
  void* mutable_codes() { return column_->codes_.get(); }

  // Completes the column: dictionary `bytes`/`offsets` (cardinality + 1 offsets), the
  // count of each code (index 0 = NULL), and whether every non-NULL cell was a number.
  std::shared_ptr<Column> finish(std::string bytes, std::vector<uint64_t> offsets,
                                 std::vector<uint64_t> code_counts, bool all_numeric);

  // The same for a column merged from chunks: `dictionary` holds every value, and chunk k's
  // local code i occurred chunk_counts[k][i] times and became global code remaps[k][i].
  std::shared_ptr<Column> finish(Dictionary dictionary, const std::vector<std::vector<uint64_t>>& chunk_counts,
                                 const std::vector<std::vector<uint32_t>>& remaps, bool all_numeric);

 private:
  std::shared_ptr<Column> column_;
};

}  // namespace tsum
