#include "io/arrow/arrow_reader.h"

#include <tbb/task_arena.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <functional>
#include <optional>

#include "io/arrow/arrow_column.h"
#include "io/arrow/arrow_type.h"
#include "table/arena_threads.h"
#include "table/chunk_column.h"
#include "table/parallel_for.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

using arrow::ColumnInBatch;
using arrow::ColumnType;
using arrow::kChunkRows;

// Releases what the producer handed over, whatever happens (the spec: a consumer that
// took ownership calls release exactly once).
struct SchemaOwner {
  ArrowSchema* schema;
  ~SchemaOwner() {
    if (schema && schema->release) schema->release(schema);
  }
};
struct ArrayOwner {
  ArrowArray array{};
  ArrayOwner() = default;
  ArrayOwner(const ArrayOwner&) = delete;
  ~ArrayOwner() {
    if (array.release) array.release(&array);
  }
};

struct Plan {
  bool batches = false;          // record batches (struct arrays) or plain arrays
  int64_t fields = 0;            // the struct's field count
  std::vector<int64_t> field;    // per selected column: its field index
  std::vector<std::string> names;
  std::vector<ColumnType> types;
};

std::string quoted(const std::string& name) { return "'" + name + "'"; }

Plan plan_columns(const ArrowSchema& schema, const ArrowReadOptions& o) {
  Plan plan;
  const std::string_view format = schema.format ? schema.format : "";
  std::vector<std::string> all;
  std::vector<const ArrowSchema*> fields;
  if (format == "+s" && !schema.dictionary && o.column_name.empty()) {
    plan.batches = true;
    plan.fields = schema.n_children;
    for (int64_t i = 0; i < schema.n_children; ++i) {
      const ArrowSchema* child = schema.children[i];
      all.push_back(child->name ? child->name : "");
      fields.push_back(child);
    }
  } else {
    all.push_back(!o.column_name.empty() ? o.column_name : schema.name ? schema.name : "");
    if (all.back().empty()) {
      throw DataError(o.input_name + ": the Arrow data is one unnamed array of type " + arrow::type_name(schema) +
                      ", not a table (a record batch, or a stream of them)");
    }
    fields.push_back(&schema);
  }
  // The readers' rules for names, then the CLI's selection (unknown names: did you mean).
  std::vector<std::string> chosen;
  try {
    chosen = TableBuilder(all).finish(1).select(o.columns, o.exclude).column_names();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    throw DataError(o.input_name + ": " + e.what());
  }
  size_t next = 0;
  for (size_t i = 0; i < all.size() && next < chosen.size(); ++i) {
    if (all[i] != chosen[next]) continue;
    ++next;
    plan.field.push_back(static_cast<int64_t>(i));
    plan.names.push_back(all[i]);
    try {
      plan.types.push_back(arrow::resolve_column_type(*fields[i]));
    } catch (const Error&) {
      throw DataError(o.input_name + ": column " + quoted(all[i]) + " has type " + arrow::type_name(*fields[i]) +
                      ", which tsum cannot summarize (it reads numbers, strings, booleans, dates, times, timestamps, "
                      "decimals and dictionaries of those); leave it out");
    }
  }
  return plan;
}

class Reader {
 public:
  Reader(const ArrowSchema& schema, const ArrowReadOptions& o)
      : options_(o), plan_(plan_columns(schema, o)), builder_(plan_.names), arena_(arena_threads(o.threads)) {}

  // Encodes one batch, then lets the caller release it.
  void add(const ArrowArray& batch) {
    std::vector<ColumnInBatch> columns = columns_of(batch);
    const int64_t rows = batch.length;
    for (size_t c = 0; c < columns.size(); ++c) {
      guarded(c, rows_ + 0, rows_ + rows, [&] { arrow::check_array(plan_.types[c], columns[c], rows); });
    }
    if (rows >= kChunkRows) {
      close_open_chunk();
      const int64_t parts = (rows + kChunkRows - 1) / kChunkRows;
      std::vector<ChunkBuilder> chunks;
      for (int64_t p = 0; p < parts; ++p) {
        chunks.push_back(builder_.make_chunk());
        chunks.back().reserve_rows(static_cast<uint64_t>(std::min(kChunkRows, rows - p * kChunkRows)));
      }
      encode_parallel(columns, chunks, parts, [&](int64_t p) { return std::pair(p * kChunkRows, std::min(rows, (p + 1) * kChunkRows)); });
      for (ChunkBuilder& chunk : chunks) {
        chunk.trim();  // codes that widened left their first buffer; the last range is short
        builder_.add_chunk(std::move(chunk));
      }
    } else if (rows > 0) {
      if (!open_) open_.emplace(builder_.make_chunk()), open_rows_ = 0;
      std::vector<ChunkBuilder> one;
      one.push_back(std::move(*open_));
      encode_parallel(columns, one, 1, [&](int64_t) { return std::pair(int64_t{0}, rows); });
      open_.emplace(std::move(one[0]));
      open_rows_ += rows;
      if (open_rows_ >= kChunkRows) close_open_chunk();
    }
    rows_ += static_cast<uint64_t>(rows);
  }

  Table finish() {
    close_open_chunk();
    return builder_.finish(options_.threads);
  }

  uint64_t rows() const { return rows_; }

 private:
  std::vector<ColumnInBatch> columns_of(const ArrowArray& batch) {
    std::vector<ColumnInBatch> out;
    if (!plan_.batches) {
      out.push_back(ColumnInBatch{&batch, 0, nullptr});
      return out;
    }
    if (batch.n_children != plan_.fields || (plan_.fields > 0 && !batch.children)) {
      throw DataError(options_.input_name + ": batch " + std::to_string(batches_) + " has " +
                      std::to_string(batch.n_children) + " columns, the schema has " + std::to_string(plan_.fields));
    }
    ++batches_;
    const uint8_t* validity = batch.null_count != 0 && batch.n_buffers > 0 && batch.buffers && batch.buffers[0]
                                  ? static_cast<const uint8_t*>(batch.buffers[0])
                                  : nullptr;
    // The batch's offset applies to its children and to its own validity bitmap alike
    // (arrow_column.cc adds it to both).
    for (int64_t f : plan_.field) out.push_back(ColumnInBatch{batch.children[f], batch.offset, validity});
    return out;
  }

  // Runs f, turning its DataError into one naming the input, column and rows.
  template <class F>
  void guarded(size_t column, uint64_t from, uint64_t to, F&& f) {
    try {
      f();
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw DataError(options_.input_name + ": column " + quoted(plan_.names[column]) + ", rows " +
                      std::to_string(from + 1) + ".." + std::to_string(to) + ": " + e.what());
    }
  }

  // Encodes rows range(p) of every column into chunks[p], for p < parts, in parallel;
  // rethrows the first error in (part, column) order.
  template <class Range>
  void encode_parallel(const std::vector<ColumnInBatch>& columns, std::vector<ChunkBuilder>& chunks, int64_t parts,
                       const Range& range) {
    const size_t ncols = columns.size();
    const size_t tasks = static_cast<size_t>(parts) * ncols;
    std::vector<std::exception_ptr> errors(tasks);
    arena_.execute([&] {
      tsum::parallel_for(size_t{0}, tasks, [&](size_t task) {
        const int64_t p = static_cast<int64_t>(task / ncols);
        const size_t c = task % ncols;
        // Plain variables, not a structured binding: clang 14 cannot capture bindings in a lambda.
        const std::pair<int64_t, int64_t> bounds = range(p);
        const int64_t begin = bounds.first;
        const int64_t end = bounds.second;
        try {
          guarded(c, rows_ + static_cast<uint64_t>(begin), rows_ + static_cast<uint64_t>(end), [&] {
            detail::ChunkColumn& out = chunks[static_cast<size_t>(p)].column_state(c);
            arrow::encode_rows(plan_.types[c], columns[c], begin, end, out);
            arrow::check_utf8(plan_.types[c], out);
          });
        } catch (...) {
          errors[task] = std::current_exception();
        }
      });
    });
    for (const std::exception_ptr& e : errors) {
      if (e) std::rethrow_exception(e);
    }
  }

  void close_open_chunk() {
    if (!open_) return;
    open_->trim();
    builder_.add_chunk(std::move(*open_));
    open_.reset();
    open_rows_ = 0;
  }

  const ArrowReadOptions& options_;
  Plan plan_;
  TableBuilder builder_;
  tbb::task_arena arena_;
  std::optional<ChunkBuilder> open_;
  int64_t open_rows_ = 0;
  uint64_t rows_ = 0;
  int64_t batches_ = 0;
};

std::string producer_error(ArrowArrayStream* stream, int code) {
  const char* message = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
  if (message && *message) return message;
  return std::strerror(code) + std::string(" (error ") + std::to_string(code) + ")";
}

}  // namespace

Table read_arrow(ArrowArrayStream* stream, const ArrowReadOptions& options) {
  struct StreamOwner {
    ArrowArrayStream* s;
    ~StreamOwner() {
      if (s->release) s->release(s);
    }
  } owner{stream};
  if (!stream->release) throw DataError(options.input_name + ": the Arrow stream was already released");
  ArrowSchema schema{};
  if (int code = stream->get_schema(stream, &schema)) {
    throw DataError(options.input_name + ": the Arrow stream failed before its schema: " + producer_error(stream, code));
  }
  SchemaOwner schema_owner{&schema};
  Reader reader(schema, options);
  for (;;) {
    ArrayOwner batch;
    if (int code = stream->get_next(stream, &batch.array)) {
      batch.array.release = nullptr;  // the spec: on error, `out` is not to be released
      throw DataError(options.input_name + ": the Arrow stream failed after " + std::to_string(reader.rows()) +
                      " rows: " + producer_error(stream, code));
    }
    if (!batch.array.release) break;  // end of stream
    reader.add(batch.array);
  }
  return reader.finish();
}

Table read_arrow(ArrowSchema* schema, ArrowArray* array, const ArrowReadOptions& options) {
  SchemaOwner schema_owner{schema};
  ArrayOwner owned;
  owned.array = *array;
  array->release = nullptr;  // moved
  Reader reader(*schema, options);
  reader.add(owned.array);
  return reader.finish();
}

}  // namespace tsum
