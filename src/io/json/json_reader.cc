// The JSON reader: layout detection, splitting into work units, one parallel pass that
// parses every record once into its unit's own columns (JSON Lines ~1 MiB at a time,
// falling back to line by line when that fails), the union of the units' columns, and
// error reporting.
//
// Error messages (NAME is the input's display name; L and C its line and column, 1-based,
// columns counted in characters; N a 1-based element or row number):
//   NAME: empty input; expected a JSON array of objects or JSON Lines
//         (kArray: "...; expected a JSON array of objects",
//          kLines: "...; expected JSON Lines (one object per line)")
//   NAME: line L, column C: invalid JSON: DETAIL          (DETAIL from json_diagnose.cc/json_scan.cc)
//   NAME: line L, column C: invalid UTF-8 (byte 0xFF at byte offset B)      (B 0-based)
//   NAME: line L, column C: the top-level JSON value is a string; expected an array of objects or JSON Lines (one object per line)
//         (kArray: "...; expected an array of objects")
//   NAME: line L, column C: element N is a string, expected an object                  (array)
//   NAME: line L, column C: expected a JSON object, found a string                     (JSON Lines)
//   NAME: line L, column C: duplicate key "k" in element N      / ... in row N
//   NAME: line L, column C: empty key "" in element N; columns need a name   / ... in row N
// The error reported is always the first one in the input, whatever the thread count.
#include "io/json/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "io/json/json_diagnose.h"
#include "io/json/json_record.h"
#include "io/json/json_scan.h"
#include "io/json/json_syntax.h"
#include "report/progress.h"
#include "table/chunk_column.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

using json::Span;

enum class Mode { kArray, kLines, kSequence };

constexpr size_t kNone = SIZE_MAX;
// Records per work unit at least (target_unit_bytes).
constexpr size_t kMinUnitRecords = 16;

// A problem found in a record: which one (unit, index within the unit) and what.
struct Failure {
  size_t local = 0;
  size_t record_offset = 0;  // of the record in the input
  json::RecordError error;
};

class Reader {
 public:
  Reader(std::string_view data, const std::string& name, const JsonOptions& options)
      : data_(data), name_(name), options_(options) {
    threads_ = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  }

  Table read() {
    if (data_.size() >= 3 && std::memcmp(data_.data(), "\xEF\xBB\xBF", 3) == 0) content_ = 3;
    size_t first = json::skip_ws(data_, content_);
    if (first >= data_.size()) {
      if (options_.layout == JsonLayout::kArray) fail_plain("empty input; expected a JSON array of objects");
      if (options_.layout == JsonLayout::kLines) fail_plain("empty input; expected JSON Lines (one object per line)");
      fail_plain("empty input; expected a JSON array of objects or JSON Lines");
    }
    char c = data_[first];
    bool lines_like = false;
    switch (options_.layout) {
      case JsonLayout::kAuto:
        if (c == '[') mode_ = Mode::kArray;
        else if (c == '{') lines_like = true;
        else top_level_error(first, "an array of objects or JSON Lines (one object per line)");
        break;
      case JsonLayout::kArray:
        if (c != '[') top_level_error(first, "an array of objects");
        mode_ = Mode::kArray;
        break;
      case JsonLayout::kLines:
        if (c == '{') lines_like = true;
        else mode_ = Mode::kLines;  // the first line reports the problem
        break;
    }
    if (lines_like) {
      // JSON Lines, unless the first object does not end on its line: then a sequence of
      // (pretty-printed) objects. A first line with an error of its own (not just an
      // object that goes on) is JSON Lines, so that the error is reported by line.
      const void* nl = std::memchr(data_.data() + first, '\n', data_.size() - first);
      size_t line_end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data_.data()) : data_.size();
      size_t end = 0;
      if (!json::skip_value(data_, first, end) && end <= line_end) {
        mode_ = Mode::kLines;
      } else {
        auto d = json::diagnose(data_.substr(0, line_end), first, "end of line");
        mode_ = d && d->offset < line_end ? Mode::kLines : Mode::kSequence;
      }
    }
    end_name_ = mode_ == Mode::kLines ? "end of line" : "end of input";
    make_units(first);
    return build();
  }

 private:
  // ---- Work units --------------------------------------------------------------------

  // About 4 units per thread, of at least 1 MiB and of at least kMinUnitRecords records
  // the size of the first one. A unit pays per key it meets (a column state and its
  // dictionary, json_record.h), so records of tens of thousands of keys need units of
  // many records: 30 records of 10^5 keys were 8 units of ~4 records, and the per-key
  // work of 8 units was most of the read.
  size_t target_unit_bytes(size_t first_record_bytes) const {
    if (options_.chunk_bytes) return options_.chunk_bytes;
    size_t size = data_.size() - content_;
    return std::max({size_t{1} << 20, size / (4 * size_t{threads_}) + 1, first_record_bytes * kMinUnitRecords});
  }

  void make_units(size_t first) {
    if (mode_ == Mode::kLines) {
      const void* nl = std::memchr(data_.data() + first, '\n', data_.size() - first);
      const size_t first_line = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data_.data()) - first
                                   : data_.size() - first;
      units_ = json::split_lines(data_, content_, target_unit_bytes(first_line));
      return;
    }
    json::SplitResult split = mode_ == Mode::kArray ? json::split_array(data_, first) : json::split_sequence(data_, first);
    spans_ = std::move(split.records);
    split_error_ = std::move(split.error);
    const size_t target = target_unit_bytes(spans_.empty() ? 0 : spans_.front().length);
    // Units of consecutive records, about `target` bytes each.
    size_t i = 0;
    while (i < spans_.size()) {
      size_t begin = i;
      uint64_t bytes = 0;
      while (i < spans_.size() && (i == begin || bytes < target)) bytes += spans_[i++].length + 1;
      units_.push_back(Span{begin, i - begin});
    }
  }

  // The input bytes unit u spans (for progress).
  uint64_t unit_bytes(size_t u) const {
    if (mode_ == Mode::kLines) return units_[u].length;
    const Span& first = spans_[units_[u].offset];
    const Span& last = spans_[units_[u].offset + units_[u].length - 1];
    return last.offset + last.length - first.offset;
  }

  // Calls f(record, offset) for the records of unit u in order while f returns true.
  template <class F>
  void for_each_record(size_t u, F&& f) const {
    if (mode_ != Mode::kLines) {
      for (uint64_t i = units_[u].offset, e = i + units_[u].length; i < e; ++i) {
        if (!f(data_.substr(spans_[i].offset, spans_[i].length), spans_[i].offset)) return;
      }
      return;
    }
    const char* base = data_.data();
    size_t p = units_[u].offset, end = p + units_[u].length;
    while (p < end) {
      const void* nl = std::memchr(base + p, '\n', end - p);
      size_t line_end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : end;
      size_t b = p, e = line_end;
      while (b < e && json::is_ws(base[b])) ++b;
      while (e > b && json::is_ws(base[e - 1])) --e;
      if (b < e && !f(data_.substr(b, e - b), b)) return;
      p = line_end + 1;
    }
  }

  // Runs task(u, reader) for units 0..last on up to threads_ threads. A task returns true
  // when it met a problem; units after the first such unit are then skipped.
  template <class Task>
  void run(size_t last, Task&& task) {
    size_t n = last + 1;
    std::atomic<size_t> next{0};
    std::atomic<size_t> stop{kNone};  // the lowest unit that failed so far
    std::vector<std::exception_ptr> errors(n);
    auto worker = [&] {
      json::RecordReader reader(end_name_);
      for (;;) {
        size_t u = next.fetch_add(1);
        if (u >= n) return;
        if (u > stop.load()) continue;
        bool failed;
        try {
          failed = task(u, reader);
        } catch (...) {
          errors[u] = std::current_exception();
          failed = true;
        }
        if (failed) {
          size_t s = stop.load();
          while (u < s && !stop.compare_exchange_weak(s, u)) {
          }
        }
      }
    };
    size_t workers = std::min<size_t>(threads_, n);
    if (workers <= 1) {
      worker();
    } else {
      std::vector<std::thread> pool;
      pool.reserve(workers - 1);
      for (size_t i = 1; i < workers; ++i) pool.emplace_back(worker);
      worker();
      for (auto& t : pool) t.join();
    }
    // An exception (not a problem in the data) is rethrown when it happened in the first
    // unit that failed; later units do not matter.
    size_t first = stop.load();
    if (first != kNone && errors[first]) std::rethrow_exception(errors[first]);
  }

  // ---- The pass over the records ---------------------------------------------------

  // Each unit reads its records into its own columns (its keys in first-appearance
  // order). The table's columns are the units' keys united in unit order, which is the
  // first-appearance order in the whole input; a unit's column is moved to its place in
  // the unit's chunk, and columns the unit never met are all NULL there. The chunk-local
  // dictionaries are the same as when all columns are known up front, so the Table does
  // not depend on how the input was split.
  Table build() {
    size_t n_units = units_.size();
    std::vector<json::UnitColumns> unit_columns(n_units);
    std::vector<std::optional<Failure>> failures(n_units);
    if (n_units > 0) {
      run(n_units - 1, [&](size_t u, json::RecordReader& reader) {
        json::UnitColumns& unit = unit_columns[u];
        if (mode_ == Mode::kLines && read_together(u, reader, unit)) {
          unit.finish();
          if (options_.progress) options_.progress->add_bytes(unit_bytes(u));
          return false;
        }
        unit = json::UnitColumns();  // reading together failed: read one by one
        size_t local = 0;
        for_each_record(u, [&](std::string_view record, size_t offset) {
          if (auto e = reader.read_row(record, unit)) failures[u] = Failure{local, offset, std::move(*e)};
          ++local;
          return !failures[u];
        });
        if (failures[u]) return true;
        unit.finish();
        if (options_.progress) options_.progress->add_bytes(unit_bytes(u));
        return false;
      });
    }
    // The units before the first failed one were all read (run() skips only later ones).
    first_row_.assign(n_units + 1, 0);
    for (size_t u = 0; u < n_units; ++u) {
      if (failures[u]) report(u, *failures[u]);
      first_row_[u + 1] = first_row_[u] + unit_columns[u].records;
    }
    if (split_error_) report_scan_error(*split_error_);

    json::KeyIndex columns;
    for (const json::UnitColumns& unit : unit_columns) {
      for (const std::string& k : unit.keys.names()) {
        if (columns.find(k) == json::kNoColumn) columns.insert(k);
      }
    }
    uint64_t rows = first_row_[n_units];
    if (columns.size() == 0) return Table({}, rows);
    std::optional<TableBuilder> builder;
    try {
      builder.emplace(columns.names());
      for (json::UnitColumns& unit : unit_columns) {
        builder->add_chunk(table_chunk(unit, columns));
        unit = json::UnitColumns();
      }
      unit_columns.clear();
      return builder->finish(threads_);
    } catch (const DataError& e) {
      fail_plain(e.what());
    }
  }

  // Reads the lines of unit u in pieces of about kTogetherBytes with one stage 1 per
  // piece; false when the records must be read one by one (there is a problem, which
  // the one-by-one reading locates exactly).
  bool read_together(size_t u, json::RecordReader& reader, json::UnitColumns& unit) const {
    std::vector<Span> records;  // of the piece, relative to its start
    size_t piece_begin = 0, piece_end = 0;
    bool ok = true;
    auto flush = [&] {
      ok = reader.read_together(data_.substr(piece_begin, piece_end - piece_begin), records, unit);
      records.clear();
      return ok;
    };
    for_each_record(u, [&](std::string_view record, size_t offset) {
      if (!records.empty() && offset + record.size() - piece_begin > json::kTogetherBytes && !flush()) return false;
      if (records.empty()) piece_begin = offset;
      records.push_back(Span{offset - piece_begin, record.size()});
      piece_end = offset + record.size();
      return true;
    });
    return ok && (records.empty() || flush());
  }

  // The unit's cells as a chunk of the table's columns: its column states move over, and
  // the columns it never met get states of NULLs.
  static ChunkBuilder table_chunk(json::UnitColumns& unit, const json::KeyIndex& columns) {
    std::vector<std::unique_ptr<detail::ChunkColumn>> states(columns.size());
    for (size_t k = 0; k < unit.keys.size(); ++k) states[columns.find(unit.keys.names()[k])] = std::move(unit.cells[k]);
    for (std::unique_ptr<detail::ChunkColumn>& state : states) {
      if (state) continue;
      state = std::make_unique<detail::ChunkColumn>();
      state->codes.reserve(unit.records);
      for (uint64_t r = 0; r < unit.records; ++r) state->add_null();
    }
    return ChunkBuilder(std::move(states));
  }

  // ---- Errors ------------------------------------------------------------------------

  [[noreturn]] void fail_plain(const std::string& what) const { throw DataError(name_ + ": " + what); }

  [[noreturn]] void fail_at(size_t offset, const std::string& what) const {
    json::LineColumn where = json::locate(data_, content_, offset);
    throw DataError(fmt::format("{}: line {}, column {}: {}", name_, where.line, where.column, what));
  }

  [[noreturn]] void fail_syntax(size_t offset, const std::string& detail, bool utf8) const {
    if (utf8 || (offset < data_.size() && static_cast<unsigned char>(data_[offset]) >= 0x80 &&
                 json::utf8_sequence(data_, offset) == 0)) {
      fail_at(offset, fmt::format("invalid UTF-8 (byte 0x{:02X} at byte offset {})",
                                  static_cast<unsigned char>(data_[offset]), offset));
    }
    fail_at(offset, "invalid JSON: " + detail);
  }

  [[noreturn]] void report(size_t unit, const Failure& f) const {
    uint64_t number = first_row_[unit] + f.local + 1;
    std::string record = mode_ == Mode::kArray ? fmt::format("element {}", number) : fmt::format("row {}", number);
    size_t at = f.record_offset + f.error.offset;
    switch (f.error.problem) {
      case json::Problem::kSyntax:
        fail_syntax(at, f.error.detail, f.error.utf8);
      case json::Problem::kNotObject:
        if (mode_ == Mode::kArray) fail_at(at, fmt::format("{} is {}, expected an object", record, f.error.detail));
        fail_at(at, fmt::format("expected a JSON object, found {}", f.error.detail));
      case json::Problem::kDuplicateKey:
        fail_at(at, fmt::format("duplicate key {} in {}", json::quote_key(f.error.detail), record));
      case json::Problem::kEmptyKey:
        fail_at(at, fmt::format("empty key \"\" in {}; columns need a name", record));
    }
    fail_at(at, "invalid JSON");
  }

  [[noreturn]] void report_scan_error(const json::ScanError& e) const {
    if (e.value_start != std::string_view::npos) {
      if (auto d = json::diagnose(data_, e.value_start, end_name_, /*stop_after_value=*/true)) {
        fail_syntax(d->offset, d->detail, d->utf8);
      }
    }
    fail_syntax(e.offset, e.detail, false);
  }

  // The input starts with something other than what the layout allows.
  [[noreturn]] void top_level_error(size_t first, std::string_view expected) const {
    if (auto d = json::diagnose(data_, first, "end of input", /*stop_after_value=*/true)) {
      fail_syntax(d->offset, d->detail, d->utf8);
    }
    fail_at(first, fmt::format("the top-level JSON value is {}; expected {}", json::value_kind(data_[first]), expected));
  }

  std::string_view data_;
  const std::string& name_;
  const JsonOptions& options_;
  unsigned threads_ = 1;
  size_t content_ = 0;  // after the byte order mark
  Mode mode_ = Mode::kLines;
  std::string_view end_name_ = "end of input";
  std::vector<Span> spans_;  // records, unless kLines
  std::optional<json::ScanError> split_error_;
  std::vector<Span> units_;  // kLines: byte ranges; else ranges of spans_ (offset = first index)
  std::vector<uint64_t> first_row_;
};

}  // namespace

Table read_json(std::string_view bytes, const std::string& display_name, const JsonOptions& options) {
  return Reader(bytes, display_name, options).read();
}

Table read_json(const InputFile& input, const JsonOptions& options) {
  return read_json(input.bytes(), input.display_name(), options);
}

}  // namespace tsum
