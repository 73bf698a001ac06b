#include "table/concat.h"

#include <tbb/task_arena.h>

#include <set>

#include "table/arena_threads.h"
#include "table/column_assembler.h"
#include "table/dictionary.h"
#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum {
namespace {

std::string describe_columns(const Table& t) {
  std::string out;
  for (const std::string& name : t.column_names()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out.empty() ? "no columns" : out;
}

void check_same_columns(const std::vector<Table>& parts, const std::vector<std::string>& names) {
  std::vector<std::string> first = parts[0].column_names();
  std::set<std::string> expected(first.begin(), first.end());
  for (size_t i = 1; i < parts.size(); ++i) {
    std::vector<std::string> these = parts[i].column_names();
    if (std::set<std::string>(these.begin(), these.end()) != expected) {
      throw DataError("inputs have different columns: " + names[0] + " has " + describe_columns(parts[0]) + "; " +
                      names[i] + " has " + describe_columns(parts[i]));
    }
  }
}

std::shared_ptr<Column> concat_column(const std::vector<const Column*>& columns, uint64_t rows) {
  Dictionary global;
  std::vector<std::vector<uint32_t>> remaps(columns.size());
  bool numeric = true;
  for (size_t k = 0; k < columns.size(); ++k) {
    const Column& c = *columns[k];
    remaps[k].assign(c.cardinality() + 1, 0);
    for (uint32_t code = 1; code <= c.cardinality(); ++code) {
      bool inserted;
      remaps[k][code] = global.find_or_insert(c.value(code), inserted) + 1;
    }
    if (c.non_null_count() > 0 && c.type() != ValueType::kNumeric) numeric = false;
  }
  ColumnAssembler assembler(columns[0]->name(), rows, width_for(global.size()));
  std::vector<uint64_t> counts(global.size() + 1, 0);
  uint64_t start = 0;
  for (size_t k = 0; k < columns.size(); ++k) {
    const Column& c = *columns[k];
    const std::vector<uint32_t>& remap = remaps[k];
    assembler.write_remapped(start, c, remap);
    for (uint32_t code = 0; code <= c.cardinality(); ++code) counts[remap[code]] += c.code_counts()[code];
    start += c.rows();
  }
  std::string bytes;
  std::vector<uint64_t> offsets;
  global.release(bytes, offsets);
  return assembler.finish(std::move(bytes), std::move(offsets), std::move(counts), numeric);
}

}  // namespace

Table concat_tables(const std::vector<Table>& parts, const std::vector<std::string>& names, unsigned threads) {
  if (parts.size() == 1) return parts[0];
  check_same_columns(parts, names);
  uint64_t rows = 0;
  for (const Table& t : parts) rows += t.rows();
  size_t d = parts[0].num_columns();
  std::vector<std::shared_ptr<const Column>> columns(d);
  tbb::task_arena arena(arena_threads(threads));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, d, [&](size_t c) {
      std::vector<const Column*> pieces;
      const std::string& name = parts[0].column(c).name();
      for (const Table& t : parts) pieces.push_back(&t.column(static_cast<size_t>(t.find_column(name))));
      columns[c] = concat_column(pieces, rows);
    });
  });
  return Table(std::move(columns), rows);
}

}  // namespace tsum
