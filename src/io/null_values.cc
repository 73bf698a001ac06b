#include "io/null_values.h"

#include <algorithm>

#include "tsum/table_builder.h"

namespace tsum {
namespace {

// The column again, with the codes marked in `is_null` (index = code) as NULL cells.
std::shared_ptr<const Column> rebuild(const Column& column, const std::vector<char>& is_null, unsigned threads) {
  TableBuilder builder({column.name()});
  ChunkBuilder chunk = builder.make_chunk();
  chunk.reserve_rows(column.rows());
  column.visit_codes([&](const auto* codes) {
    for (uint64_t row = 0; row < column.rows(); ++row) {
      const uint32_t code = codes[row];
      if (code == Column::kNull || is_null[code]) chunk.add_null(0);
      else chunk.add_text(0, column.value(code));
    }
  });
  builder.add_chunk(std::move(chunk));
  Table one = builder.finish(threads);
  return one.column_ptr(0);
}

}  // namespace

Table apply_null_values(const Table& table, const std::vector<std::string>& null_values, unsigned threads) {
  if (null_values.empty()) return table;
  std::vector<std::shared_ptr<const Column>> columns;
  bool changed = false;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    std::vector<char> is_null(column.cardinality() + 1, 0);
    bool any = false;
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      if (std::find(null_values.begin(), null_values.end(), column.value(code)) != null_values.end()) {
        is_null[code] = 1;
        any = true;
      }
    }
    columns.push_back(any ? rebuild(column, is_null, threads) : table.column_ptr(c));
    changed |= any;
  }
  return changed ? Table(std::move(columns), table.rows()) : table;
}

}  // namespace tsum
