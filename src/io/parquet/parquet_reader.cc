#include "io/parquet/parquet_reader.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <exception>
#include <memory>
#include <new>
#include <optional>

#include "io/parquet/parquet_assemble.h"
#include "io/parquet/parquet_column_chunk.h"
#include "io/parquet/parquet_decompress.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_schema.h"
#include "io/parquet/parquet_text.h"
#include "report/progress.h"
#include "table/arena_threads.h"
#include "table/column_assembler.h"
#include "table/parallel_for.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {

using namespace parquet;

namespace {

// One selected flat column.
struct Selected {
  const TopField* field;
  ValueFormat format;
  int max_definition_level;
};

// Validates `wanted` against the file's top-level names with Table::select's message.
void check_names(const FlatSchema& schema, const std::vector<std::string>& wanted) {
  std::vector<std::shared_ptr<const Column>> columns;
  for (const TopField& f : schema.fields) {
    ColumnAssembler a(f.name, 0, CodeWidth::k8);
    columns.push_back(a.finish(std::string(), std::vector<uint64_t>{0}, std::vector<uint64_t>{0}, false));
  }
  Table(std::move(columns), 0).select(wanted, {});
}

std::vector<Selected> select_columns(const std::string& file, const FlatSchema& schema,
                                     const std::vector<std::string>& wanted) {
  std::vector<bool> chosen(schema.fields.size(), wanted.empty());
  if (!wanted.empty()) {
    check_names(schema, wanted);
    for (size_t i = 0; i < schema.fields.size(); ++i) {
      for (const std::string& w : wanted) chosen[i] = chosen[i] || schema.fields[i].name == w;
    }
  }
  std::vector<Selected> selected;
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    if (!chosen[i]) continue;
    const TopField& f = schema.fields[i];
    if (f.nested) {
      throw DataError(file + ": column '" + f.name + "' is nested (" + f.nesting +
                      "); tsum reads flat columns only: leave it out");
    }
    Selected s{&f, {}, 0};
    try {
      s.format = resolve_format(*f.element);
    } catch (const DecodeError& e) {
      throw DataError(file + ": column '" + f.name + "': " + e.what());
    }
    s.max_definition_level = f.element->repetition && *f.element->repetition == Repetition::kOptional ? 1 : 0;
    selected.push_back(std::move(s));
  }
  // Names must make a valid table (no empty or duplicate names).
  std::vector<std::string> names;
  for (const Selected& s : selected) names.push_back(s.field->name);
  try {
    TableBuilder check(names);
  } catch (const DataError& e) {
    throw DataError(file + ": " + e.what());
  }
  return selected;
}

}  // namespace

bool looks_like_parquet(std::string_view bytes) { return bytes.substr(0, 4) == "PAR1"; }

Table read_parquet(std::string_view file, const std::string& name, const ParquetOptions& options) {
  Footer footer;
  FlatSchema schema;
  try {
    footer = read_footer(file);
    schema = flatten_schema(footer.metadata.schema);
  } catch (const DecodeError& e) {
    throw DataError(name + ": " + e.what());
  }
  const FileMetaData& meta = footer.metadata;
  std::vector<Selected> columns = select_columns(name, schema, options.columns);

  // Check every row group's shape before decoding anything.
  const size_t groups = meta.row_groups.size();
  std::vector<uint64_t> group_rows(groups);
  for (size_t g = 0; g < groups; ++g) {
    const RowGroup& rg = meta.row_groups[g];
    const std::string where = name + ": row group " + std::to_string(g);
    if (rg.columns.size() != schema.leaves) {
      throw DataError(where + " has " + std::to_string(rg.columns.size()) + " column chunks, the schema has " +
                      std::to_string(schema.leaves) + " leaf columns");
    }
    if (rg.num_rows < 0) throw DataError(where + " has a negative row count " + std::to_string(rg.num_rows));
    group_rows[g] = static_cast<uint64_t>(rg.num_rows);
    for (const Selected& s : columns) {
      const ColumnChunk& chunk = rg.columns[s.field->first_leaf];
      const std::string at = where + ", column '" + s.field->name + "': ";
      if (chunk.encrypted) throw DataError(at + "encrypted columns are not supported");
      if (chunk.file_path) throw DataError(at + "column data in another file ('" + *chunk.file_path + "') is not supported");
      if (!chunk.meta_data) throw DataError(at + "the column chunk has no metadata");
    }
  }

  if (options.progress) {
    uint64_t declared = 0;
    for (uint64_t r : group_rows) declared += r;
    options.progress->set_rows_total(declared);
  }

  // Decode every (row group, column) chunk; tasks are numbered in file order so that the
  // error reported is the first in that order whatever the thread count. Threads take
  // them in that order, so that each column's dictionaries can be merged (ColumnJoin)
  // while later row groups are decoded; on one thread, where nothing can overlap, at the
  // end, column by column (as the CSV reader does).
  const size_t ncols = columns.size();
  std::vector<std::vector<ChunkOutput>> chunks(ncols);
  for (auto& c : chunks) c.resize(groups);
  uint64_t rows = 0;
  for (uint64_t r : group_rows) rows += r;
  std::vector<std::unique_ptr<ColumnJoin>> joins(ncols);
  for (size_t c = 0; c < ncols; ++c) joins[c] = std::make_unique<ColumnJoin>(columns[c].field->name, chunks[c], rows);
  const size_t tasks = groups * ncols;
  std::atomic<size_t> next_task{0};
  std::atomic<size_t> first_error{tasks};
  std::vector<std::exception_ptr> errors(tasks);
  // Column chunks decoded per row group: a row group's rows count as read when all are.
  std::vector<std::atomic<size_t>> decoded(options.progress ? groups : 0);
  tbb::task_arena arena(arena_threads(options.threads));
  tbb::enumerable_thread_specific<ChunkWorkspace> workspaces;
  const size_t workers = std::min<size_t>(tasks, static_cast<size_t>(std::max(1, arena.max_concurrency())));
  arena.execute([&] {
    tsum::parallel_for(size_t{0}, workers, [&](size_t) {
      ChunkWorkspace& workspace = workspaces.local();
      for (size_t t; (t = next_task.fetch_add(1, std::memory_order_relaxed)) < tasks;) {
        if (t > first_error.load(std::memory_order_relaxed)) return;
        const size_t g = t / ncols, c = t % ncols;
        const Selected& s = columns[c];
        ChunkSpec spec;
        spec.file = file;
        spec.data_end = footer.metadata_offset;
        spec.meta = &*meta.row_groups[g].columns[s.field->first_leaf].meta_data;
        spec.rows = group_rows[g];
        spec.max_definition_level = s.max_definition_level;
        spec.format = s.format;
        try {
          const std::string where = name + ": row group " + std::to_string(g) + ", column '" + s.field->name + "'";
          try {
            decode_column_chunk(spec, chunks[c][g], workspace);
            if (options.progress && decoded[g].fetch_add(1) + 1 == ncols) options.progress->add_rows(group_rows[g]);
          } catch (const PageError& e) {
            throw DataError(where + ", page " + std::to_string(e.page) + " at offset " + std::to_string(e.offset) + ": " +
                            e.what());
          } catch (const DecodeError& e) {
            throw DataError(where + ": " + e.what());
          } catch (const std::bad_alloc&) {
            throw DataError(where + ": out of memory (the row group declares " + std::to_string(spec.rows) + " rows)");
          }
          if (workers > 1) joins[c]->decoded(g);  // (its merge's errors are not the chunk's)
        } catch (...) {
          errors[t] = std::current_exception();
          size_t seen = first_error.load();
          while (t < seen && !first_error.compare_exchange_weak(seen, t)) {
          }
          chunks[c][g] = ChunkOutput();
          return;
        }
      }
    });
  });
  if (first_error.load() < tasks) std::rethrow_exception(errors[first_error.load()]);

  std::vector<std::shared_ptr<const Column>> result(ncols);
  arena.execute([&] { tsum::parallel_for(size_t{0}, ncols, [&](size_t c) { result[c] = joins[c]->finish(); }); });
  return Table(std::move(result), rows);
}

Table read_parquet(const InputFile& input, const ParquetOptions& options) {
  return read_parquet(input.bytes(), input.display_name(), options);
}

}  // namespace tsum
