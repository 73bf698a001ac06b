#include "table/row_filter.h"

#include <string>

#include "table/column_assembler.h"
#include "table/parallel_for.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

// Old code -> new code in order of first appearance among the kept rows (0 stays NULL).
template <class In>
std::vector<uint32_t> first_appearance_codes(const Column& c, const In* in, const std::vector<uint64_t>& rows,
                                             uint32_t& cardinality) {
  std::vector<uint32_t> remap(uint64_t{c.cardinality()} + 1, 0);
  cardinality = 0;
  for (uint64_t r : rows) {
    const uint32_t code = in[r];
    if (code != Column::kNull && remap[code] == 0) remap[code] = ++cardinality;
  }
  return remap;
}

template <class In, class Out>
void write_codes(const In* in, Out* out, const std::vector<uint64_t>& rows, const std::vector<uint32_t>& remap,
                 std::vector<uint64_t>& counts) {
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t code = remap[in[rows[i]]];
    out[i] = static_cast<Out>(code);
    ++counts[code];
  }
}

template <class In>
std::shared_ptr<const Column> filter_column(const Column& c, const std::vector<uint64_t>& rows) {
  const In* in = c.codes_as<In>();
  uint32_t cardinality = 0;
  const std::vector<uint32_t> remap = first_appearance_codes(c, in, rows, cardinality);
  std::vector<uint32_t> old_of(uint64_t{cardinality} + 1, 0);
  for (uint32_t code = 1; code <= c.cardinality(); ++code) {
    if (remap[code]) old_of[remap[code]] = code;
  }
  std::string bytes;
  std::vector<uint64_t> offsets{0};
  bool all_numeric = true;
  for (uint32_t code = 1; code <= cardinality; ++code) {
    const std::string_view text = c.value(old_of[code]);
    bytes += text;
    offsets.push_back(bytes.size());
    if (c.type() != ValueType::kNumeric && !is_spec_number(text)) all_numeric = false;
  }
  const CodeWidth width = width_for(cardinality);
  ColumnAssembler assembler(c.name(), rows.size(), width);
  std::vector<uint64_t> counts(uint64_t{cardinality} + 1, 0);
  void* out = assembler.mutable_codes();
  switch (width) {
    case CodeWidth::k8: write_codes(in, static_cast<uint8_t*>(out), rows, remap, counts); break;
    case CodeWidth::k16: write_codes(in, static_cast<uint16_t*>(out), rows, remap, counts); break;
    default: write_codes(in, static_cast<uint32_t*>(out), rows, remap, counts); break;
  }
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), all_numeric);
}

}  // namespace

Table filter_rows(const Table& table, const std::vector<uint8_t>& keep) {
  std::vector<uint64_t> rows;
  for (uint64_t r = 0; r < table.rows(); ++r) {
    if (keep[r]) rows.push_back(r);
  }
  std::vector<std::shared_ptr<const Column>> columns(table.num_columns());
  parallel_for(size_t{0}, table.num_columns(), [&](size_t i) {
    const Column& c = table.column(i);
    switch (c.width()) {
      case CodeWidth::k8: columns[i] = filter_column<uint8_t>(c, rows); break;
      case CodeWidth::k16: columns[i] = filter_column<uint16_t>(c, rows); break;
      default: columns[i] = filter_column<uint32_t>(c, rows); break;
    }
  });
  return Table(std::move(columns), rows.size());
}

}  // namespace tsum
