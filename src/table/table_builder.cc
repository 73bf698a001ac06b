#include "tsum/table_builder.h"

#include <tbb/task_arena.h>

#include <cstring>
#include <string_view>
#include <unordered_map>

#include "table/arena_threads.h"
#include "table/chunk_column.h"
#include "table/column_assembler.h"
#include "table/in_order.h"
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
  for (size_t i = 0; i < num_columns; ++i) columns_.push_back(std::make_unique<detail::ChunkColumn>(num_columns));
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
  for (auto& c : columns_) {
    c->codes.trim();
    c->shrink_cache();
  }
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

// A column's merge so far: chunks [0, cursor.taken()) are in `global`, with their remaps
// and row starts (the cursor's lock guards them while chunks are being given).
struct TableBuilder::ColumnMerge {
  InOrderCursor cursor;
  Dictionary global;
  std::vector<std::vector<uint32_t>> remaps;
  std::vector<uint64_t> starts{0};
  bool all_numeric = true;
};

void TableBuilder::check_chunk(const ChunkBuilder& chunk) const {
  if (chunk.num_columns() != names_.size()) throw DataError("internal: chunk has the wrong number of columns");
  for (size_t c = 1; c < chunk.num_columns(); ++c) {
    if (chunk.cells(c) != chunk.cells(0)) throw DataError("internal: chunk columns have different lengths");
  }
}

void TableBuilder::add_chunk(ChunkBuilder&& chunk) {
  if (given_) throw DataError("internal: add_chunk after expect_chunks");
  check_chunk(chunk);
  chunks_.emplace_back(std::move(chunk));
}

void TableBuilder::expect_chunks(size_t count) {
  if (!chunks_.empty() || given_) throw DataError("internal: expect_chunks on a builder with chunks");
  chunks_.resize(count);
  given_ = std::make_unique<ArrivalFlags>(count);
  merges_.resize(names_.size());
  for (auto& m : merges_) m = std::make_unique<ColumnMerge>();
}

void TableBuilder::put_chunk(size_t k, ChunkBuilder&& chunk) {
  if (!given_ || k >= chunks_.size() || chunks_[k]) throw DataError("internal: put_chunk of a chunk not expected");
  check_chunk(chunk);
  chunks_[k].emplace(std::move(chunk));
  given_->mark(k);
  for (size_t c = 0; c < names_.size(); ++c) {
    ColumnMerge& m = *merges_[c];
    m.cursor.advance(*given_, [&](size_t begin, size_t end) { merge_chunks(m, c, begin, end); });
  }
}

// Merges the column's dictionaries of chunks [begin, end), the next in chunk order, into
// the global one, and frees them (their codes stay, for assemble_column).
void TableBuilder::merge_chunks(ColumnMerge& m, size_t c, size_t begin, size_t end) {
  for (size_t k = begin; k < end; ++k) {
    detail::ChunkColumn& local = *chunks_[k]->columns_[c];
    // A column whose first chunk brought a new value in nearly every cell (an identifier,
    // or values drawn from a far larger set) will likely reach the bounds: sized for them
    // once (table/presize_rule.h). The bounds: every chunk's dictionary when all are
    // here (add_chunk), else the first chunk's values and bytes times the chunks, since
    // the later ones may still be being read.
    if (k == 1 && looks_nearly_distinct(m.global.size(), m.starts[1])) {
      uint64_t values = 0, bytes = 0;
      if (given_) {
        values = uint64_t{m.global.size()} * chunks_.size();
        bytes = m.global.arena_bytes() * chunks_.size();
      } else {  // chunk 0's dictionary, freed, is what global holds now
        values = m.global.size();
        bytes = m.global.arena_bytes();
        for (size_t j = 1; j < chunks_.size(); ++j) {
          values += chunks_[j]->columns_[c]->dictionary.size();
          bytes += chunks_[j]->columns_[c]->dictionary.arena_bytes();
        }
      }
      m.global.reserve(values, bytes);
    }
    m.remaps.push_back(m.global.merge(local.dictionary));
    m.all_numeric = m.all_numeric && local.all_numeric;
    m.starts.push_back(m.starts.back() + local.codes.size());
    local.dictionary = Dictionary();
    local.shrink_cache();
  }
}

// Builds one column from the chunks: merges what is left of its dictionaries, then
// writes the global codes of every chunk (in parallel over chunks).
std::shared_ptr<Column> TableBuilder::assemble_column(size_t c) {
  ColumnMerge& m = *merges_[c];
  m.cursor.finish(chunks_.size(), [&](size_t begin, size_t end) { merge_chunks(m, c, begin, end); });
  ColumnAssembler assembler(names_[c], m.starts.back(), width_for(m.global.size()));
  std::vector<std::vector<uint64_t>> counts(chunks_.size());
  tsum::parallel_for(size_t{0}, chunks_.size(), [&](size_t k) {
    detail::ChunkColumn& local = *chunks_[k]->columns_[c];
    counts[k] = assembler.write_codes(m.starts[k], local.codes, m.remaps[k]);
    local.codes.clear();
  });
  return assembler.finish(std::move(m.global), counts, m.remaps, m.all_numeric);
}

Table TableBuilder::finish(unsigned threads) {
  for (const auto& chunk : chunks_) {
    if (!chunk) throw DataError("internal: finish before every expected chunk was given");
  }
  if (merges_.empty()) {
    merges_.resize(names_.size());
    for (auto& m : merges_) m = std::make_unique<ColumnMerge>();
  }
  uint64_t rows = 0;
  for (const auto& chunk : chunks_) rows += chunk->num_columns() ? chunk->cells(0) : 0;
  std::vector<std::shared_ptr<const Column>> columns(names_.size());
  tbb::task_arena arena(arena_threads(threads));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, names_.size(), [&](size_t c) { columns[c] = assemble_column(c); });
  });
  chunks_.clear();
  merges_.clear();
  given_.reset();
  return Table(std::move(columns), rows);
}

}  // namespace tsum
