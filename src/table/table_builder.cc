#include "tsum/table_builder.h"

#include <tbb/task_arena.h>

#include <cstring>
#include <string_view>
#include <unordered_map>

#include "table/arena_threads.h"
#include "table/chunk_column.h"
#include "table/column_assembler.h"
#include "table/parallel_for.h"
#include "table/presize_rule.h"
#include "tsum/error.h"

namespace tsum {

bool is_spec_number(std::string_view t) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0, n = t.size();
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && is_digit(t[i])) ++i, ++int_digits;
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && is_digit(t[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < n && is_digit(t[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

ChunkBuilder::ChunkBuilder(size_t num_columns) {
  columns_.reserve(num_columns);
  for (size_t i = 0; i < num_columns; ++i) columns_.push_back(std::make_unique<detail::ChunkColumn>());
}
ChunkBuilder::ChunkBuilder(std::vector<std::unique_ptr<detail::ChunkColumn>> columns) : columns_(std::move(columns)) {}
ChunkBuilder::ChunkBuilder(ChunkBuilder&&) noexcept = default;
ChunkBuilder& ChunkBuilder::operator=(ChunkBuilder&&) noexcept = default;
ChunkBuilder::~ChunkBuilder() = default;

void ChunkBuilder::add_text(size_t column, std::string_view text) { columns_[column]->add_text(text, false); }

void ChunkBuilder::add_typed(size_t column, std::string_view text, bool is_number) {
  detail::ChunkColumn& c = *columns_[column];
  c.codes.push(c.code_of(text, [] { return true; }));
  if (!is_number) c.all_numeric = false;
}

void ChunkBuilder::reserve_rows(uint64_t rows) {
  for (auto& c : columns_) c->codes.reserve(rows);
}

void ChunkBuilder::trim() {
  for (auto& c : columns_) c->codes.trim();
}

void ChunkBuilder::add_null(size_t column) { columns_[column]->add_null(); }

uint64_t ChunkBuilder::cells(size_t column) const { return columns_[column]->codes.size(); }

TableBuilder::TableBuilder(std::vector<std::string> column_names) : names_(std::move(column_names)) {
  std::unordered_map<std::string_view, size_t> seen;
  seen.reserve(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i].empty()) throw DataError("empty column name (column " + std::to_string(i + 1) + ")");
    auto [it, fresh] = seen.emplace(names_[i], i);
    if (!fresh) {
      throw DataError("duplicate column name '" + names_[i] + "' (columns " + std::to_string(it->second + 1) +
                      " and " + std::to_string(i + 1) + ")");
    }
  }
}

TableBuilder::~TableBuilder() = default;

void TableBuilder::add_chunk(ChunkBuilder&& chunk) {
  if (chunk.num_columns() != names_.size()) throw DataError("internal: chunk has the wrong number of columns");
  for (size_t c = 1; c < chunk.num_columns(); ++c) {
    if (chunk.cells(c) != chunk.cells(0)) throw DataError("internal: chunk columns have different lengths");
  }
  chunks_.push_back(std::move(chunk));
}

// Builds one column from the chunks: merges dictionaries in chunk order, then writes
// the global codes of every chunk (in parallel over chunks).
std::shared_ptr<Column> TableBuilder::merge_column(size_t c) {
  std::vector<ChunkBuilder>& chunks = chunks_;
  Dictionary global;
  std::vector<std::vector<uint32_t>> remaps(chunks.size());
  std::vector<uint64_t> starts(chunks.size() + 1, 0);
  bool all_numeric = true;
  uint64_t local_values = 0, local_bytes = 0;  // sums over the chunks: bounds on global's
  for (const ChunkBuilder& chunk : chunks) {
    local_values += chunk.columns_[c]->dictionary.size();
    local_bytes += chunk.columns_[c]->dictionary.arena_bytes();
  }
  for (size_t k = 0; k < chunks.size(); ++k) {
    detail::ChunkColumn& local = *chunks[k].columns_[c];
    // A column whose first chunk brought a new value in nearly every cell (an identifier,
    // or values drawn from a far larger set) will likely reach the bounds: sized for them
    // once (table/presize_rule.h).
    if (k == 1 && looks_nearly_distinct(global.size(), starts[1])) {
      global.reserve(local_values, local_bytes);
    }
    remaps[k] = global.merge(local.dictionary);
    all_numeric = all_numeric && local.all_numeric;
    starts[k + 1] = starts[k] + local.codes.size();
  }
  ColumnAssembler assembler(names_[c], starts.back(), width_for(global.size()));
  std::vector<std::vector<uint64_t>> counts(chunks.size());
  tsum::parallel_for(size_t{0}, chunks.size(), [&](size_t k) {
    detail::ChunkColumn& local = *chunks[k].columns_[c];
    counts[k] = assembler.write_codes(starts[k], local.codes, remaps[k]);
    local.codes.clear();
    local.dictionary = Dictionary();
  });
  return assembler.finish(std::move(global), counts, remaps, all_numeric);
}

Table TableBuilder::finish(unsigned threads) {
  uint64_t rows = 0;
  for (const ChunkBuilder& chunk : chunks_) rows += chunk.num_columns() ? chunk.cells(0) : 0;
  std::vector<std::shared_ptr<const Column>> columns(names_.size());
  tbb::task_arena arena(arena_threads(threads));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, names_.size(),
                       [&](size_t c) { columns[c] = merge_column(c); });
  });
  chunks_.clear();
  return Table(std::move(columns), rows);
}

}  // namespace tsum
