#include "diff/row_subset.h"

#include <string>

#include "table/column_assembler.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

template <class T>
std::shared_ptr<const Column> subset_column(const Column& c, const std::vector<uint64_t>& rows) {
  ColumnAssembler assembler(c.name(), rows.size(), c.width());
  T* out = static_cast<T*>(assembler.mutable_codes());
  const T* in = c.codes_as<T>();
  std::vector<uint64_t> counts(uint64_t{c.cardinality()} + 1, 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = in[rows[i]];
    ++counts[out[i]];
  }
  std::string bytes;
  std::vector<uint64_t> offsets{0};
  for (uint32_t code = 1; code <= c.cardinality(); ++code) {
    bytes += c.value(code);
    offsets.push_back(bytes.size());
  }
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), c.type() == ValueType::kNumeric);
}

}  // namespace

Table rows_where(const Table& table, const std::vector<uint8_t>& side, uint8_t which) {
  std::vector<uint64_t> rows;
  for (uint64_t r = 0; r < table.rows(); ++r) {
    if (side[r] == which) rows.push_back(r);
  }
  std::vector<std::shared_ptr<const Column>> columns(table.num_columns());
  // Columns are independent: one task each (integer work, the split cannot matter).
  parallel_for(size_t{0}, table.num_columns(), [&](size_t i) {
    const Column& c = table.column(i);
    switch (c.width()) {
      case CodeWidth::k8: columns[i] = subset_column<uint8_t>(c, rows); break;
      case CodeWidth::k16: columns[i] = subset_column<uint16_t>(c, rows); break;
      default: columns[i] = subset_column<uint32_t>(c, rows); break;
    }
  });
  return Table(std::move(columns), rows.size());
}

}  // namespace tsum
