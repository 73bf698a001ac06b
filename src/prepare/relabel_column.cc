#include "prepare/relabel_column.h"

#include <string_view>
#include <unordered_map>

#include "table/column_assembler.h"
#include "tsum/table_builder.h"

namespace tsum {

std::shared_ptr<const Column> relabel_column(const Column& column, const std::vector<int32_t>& bin_of,
                                             const std::vector<std::string>& labels, std::vector<uint64_t>* bin_rows) {
  const uint32_t cardinality = column.cardinality();
  const std::vector<uint64_t>& old_counts = column.code_counts();
  std::vector<uint32_t> remap(cardinality + 1, 0);
  std::vector<uint32_t> bin_code(labels.size(), 0);
  std::unordered_map<std::string_view, uint32_t> code_of_text;
  std::string bytes;
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> counts{old_counts[0]};
  bool all_numeric = true;
  for (uint32_t code = 1; code <= cardinality; ++code) {
    int32_t bin = bin_of[code];
    if (bin != kKeepValue && bin_code[bin] != 0) {
      remap[code] = bin_code[bin];
    } else {
      std::string_view text = bin == kKeepValue ? column.value(code) : std::string_view(labels[bin]);
      auto [it, inserted] = code_of_text.try_emplace(text, static_cast<uint32_t>(counts.size()));
      if (inserted) {
        bytes.append(text);
        offsets.push_back(bytes.size());
        counts.push_back(0);
        all_numeric = all_numeric && is_spec_number(text);
      }
      remap[code] = it->second;
      if (bin != kKeepValue) bin_code[bin] = it->second;
    }
    counts[remap[code]] += old_counts[code];
  }
  if (bin_rows) {
    bin_rows->assign(labels.size(), 0);
    for (size_t b = 0; b < labels.size(); ++b) {
      if (bin_code[b] != 0) (*bin_rows)[b] = counts[bin_code[b]];
    }
  }
  ColumnAssembler assembler(column.name(), column.rows(), width_for(counts.size() - 1));
  assembler.write_remapped(0, column, remap);
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), all_numeric);
}

}  // namespace tsum
