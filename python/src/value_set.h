// ValueSet and assemble_column: how every pandas encoder ends up with a Column.
//
// An encoder maps each cell to a local code (0 = NULL) of its own choosing (a Python
// object, a number's bit pattern, a category), and each local code to a value of the
// ValueSet: the column's distinct texts in order of first appearance, which become the
// Column's dictionary. Several local codes may share one text (e.g. the int 1 and the
// str "1" in an object column): the spec compares values by text only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "table/chunk_column.h"
#include "table/dictionary.h"
#include "tsum/table.h"

namespace tsum::python {

class ValueSet {
 public:
  // The 1-based code of `text`, appended when new. A value counts as a number only when
  // every cell that produced it was one (the spec's column typing).
  uint32_t add(std::string_view text, bool is_number);
  uint32_t size() const { return dictionary_.size(); }
  bool is_number(uint32_t code) const { return numeric_[code - 1] != 0; }

 private:
  friend std::shared_ptr<const Column> assemble_column(std::string, const detail::LocalCodes&,
                                                       const std::vector<uint32_t>&, ValueSet&&);
  Dictionary dictionary_;
  std::vector<uint8_t> numeric_;
};

// The Column holding, for each row, remap[codes[row]] (remap[0] must be 0). The column is
// numeric when it has a non-NULL cell and every value that occurs is a number.
std::shared_ptr<const Column> assemble_column(std::string name, const detail::LocalCodes& codes,
                                              const std::vector<uint32_t>& remap, ValueSet&& values);

// The identity remap for local codes that already are ValueSet codes.
std::vector<uint32_t> identity_remap(uint32_t size);

}  // namespace tsum::python
