#include "value_set.h"

#include <numeric>

#include "table/column_assembler.h"

namespace tsum::python {

uint32_t ValueSet::add(std::string_view text, bool is_number) {
  bool inserted;
  uint32_t index = dictionary_.find_or_insert(text, inserted);
  if (inserted) {
    numeric_.push_back(is_number);
  } else if (!is_number) {
    numeric_[index] = 0;
  }
  return index + 1;
}

std::shared_ptr<const Column> assemble_column(std::string name, const detail::LocalCodes& codes,
                                              const std::vector<uint32_t>& remap, ValueSet&& values) {
  ColumnAssembler assembler(std::move(name), codes.size(), width_for(values.size()));
  std::vector<uint64_t> local_counts = assembler.write_codes(0, codes, remap);
  std::vector<uint64_t> counts(values.size() + 1, 0);
  for (size_t local = 0; local < local_counts.size(); ++local) counts[remap[local]] += local_counts[local];
  bool all_numeric = true;
  for (uint32_t code = 1; code <= values.size(); ++code) {
    if (counts[code] > 0 && !values.is_number(code)) all_numeric = false;
  }
  std::string bytes;
  std::vector<uint64_t> offsets;
  values.dictionary_.release(bytes, offsets);
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), all_numeric);
}

std::vector<uint32_t> identity_remap(uint32_t size) {
  std::vector<uint32_t> remap(size + 1);
  std::iota(remap.begin(), remap.end(), 0u);
  return remap;
}

}  // namespace tsum::python
