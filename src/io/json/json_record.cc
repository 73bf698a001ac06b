#include "io/json/json_record.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "io/json/json_diagnose.h"
#include "io/json/json_syntax.h"
#include "table/chunk_column.h"

namespace tsum::json {
namespace od = simdjson::ondemand;

void UnitColumns::finish() {
  for (size_t c = 0; c < filled.size(); ++c) {
    detail::ChunkColumn& column = *cells[c];
    for (uint64_t r = filled[c]; r < records; ++r) column.add_null();
    filled[c] = records;
  }
}

namespace {

// The column of `key`, trying first the one this field position had last time.
uint32_t guess_lookup(const KeyIndex& index, std::vector<uint32_t>& guess, size_t field, std::string_view key) {
  if (field < guess.size()) {
    uint32_t g = guess[field];
    if (g != kNoColumn && index.names()[g] == key) return g;
  } else {
    guess.resize(field + 1, kNoColumn);
  }
  uint32_t id = index.find(key);
  guess[field] = id;
  return id;
}

bool has_backslash(std::string_view s) { return std::memchr(s.data(), '\\', s.size()) != nullptr; }

}  // namespace

struct RecordReader::Impl {
  explicit Impl(std::string_view end) : end_name(end) {}

  std::string_view end_name;
  od::parser parser;
  od::parser stream_parser;  // for read_together()
  std::unique_ptr<char[]> buffer;  // the record, then SIMDJSON_PADDING zero bytes
  size_t buffer_capacity = 0;
  std::string_view record;
  const char* buf = nullptr;
  std::string scratch;  // compact text of a nested value

  std::optional<RecordError> load(std::string_view rec) {
    record = rec;
    size_t need = rec.size() + simdjson::SIMDJSON_PADDING;
    if (need > buffer_capacity) {
      buffer_capacity = std::max(need, buffer_capacity * 2);
      buffer.reset(new char[buffer_capacity]);
    }
    std::memcpy(buffer.get(), rec.data(), rec.size());
    std::memset(buffer.get() + rec.size(), 0, simdjson::SIMDJSON_PADDING);
    buf = buffer.get();
    if (parser.capacity() < rec.size()) {
      // Grow geometrically: simdjson would otherwise reallocate for every longer record.
      size_t capacity = std::min(std::max({rec.size(), 2 * parser.capacity(), size_t{1} << 16}),
                                 parser.max_capacity());
      if (capacity >= rec.size()) {
        if (auto e = parser.allocate(capacity)) return syntax(e, 0);
      }
    }
    return std::nullopt;
  }

  size_t offset_of(const char* p) const {
    if (p < buf) return 0;
    return std::min(static_cast<size_t>(p - buf), record.size());
  }
  template <class T>
  size_t location(T& iterable) {
    const char* p = nullptr;
    if (iterable.current_location().get(p) != simdjson::SUCCESS) return record.size();
    return offset_of(p);
  }

  // A syntax error: the strict validator's first error when it finds one (it normally
  // does), else `fallback` at `at`.
  RecordError syntax(size_t at, std::string fallback) {
    if (auto d = diagnose(record, 0, end_name)) return RecordError{Problem::kSyntax, d->offset, d->detail, d->utf8};
    return RecordError{Problem::kSyntax, at, std::move(fallback), false};
  }
  RecordError syntax(simdjson::error_code e, size_t at) {
    return syntax(at, std::string("rejected by the JSON parser: ") + simdjson::error_message(e));
  }

  // The record does not start with '{'.
  RecordError not_object() {
    char c = record[0];
    std::string_view kind = value_kind(c);
    bool plausible = c == '[' || c == '"';
    if (!kind.empty() && !plausible) {
      std::string_view token = record.substr(0, token_end(record, 0));
      plausible = kind == "a number" ? is_json_number(token) : (token == "true" || token == "false" || token == "null");
    }
    if (!plausible) return syntax(0, "expected a JSON object");
    return RecordError{Problem::kNotObject, 0, std::string(kind)};
  }

  std::optional<RecordError> parse(std::string_view rec, UnitColumns& unit) {
    record = rec;
    buf = nullptr;
    if (rec.empty() || rec.front() != '{') return not_object();
    if (auto e = load(rec)) return e;
    od::document doc;
    if (auto e = parser.iterate(buf, rec.size(), rec.size() + simdjson::SIMDJSON_PADDING).get(doc)) {
      return syntax(e, 0);
    }
    if (auto e = read_object(doc, unit)) return e;
    const char* p = nullptr;
    auto e = doc.current_location().get(p);
    if (e == simdjson::SUCCESS) return syntax(offset_of(p), "unexpected content after the object");
    if (e != simdjson::OUT_OF_BOUNDS) return syntax(e, record.size());
    ++unit.records;
    return std::nullopt;
  }

  // Reads the object that `doc` holds as row `unit.records` (without counting it).
  template <class Doc>
  std::optional<RecordError> read_object(Doc& doc, UnitColumns& unit) {
    od::object obj;
    if (auto e = doc.get_object().get(obj)) return syntax(e, location(doc));
    const uint64_t row = unit.records;
    const KeyIndex& keys = unit.keys;
    size_t field_index = 0;
    for (auto result : obj) {
      od::field field;
      if (auto e = std::move(result).get(field)) return syntax(e, location(doc));
      size_t key_at = offset_of(reinterpret_cast<const char*>(field.key().raw()));
      if (key_at > 0) --key_at;  // the opening quote
      // Usually the key is the one this position had in the previous record, written
      // without escapes: compare its raw bytes and skip unescaping.
      uint32_t col = kNoColumn;
      std::string_view key;
      if (field_index < unit.guess.size()) {
        uint32_t g = unit.guess[field_index];
        if (g != kNoColumn && keys.plain(g) && field.key().unsafe_is_equal(keys.names()[g])) col = g;
      }
      if (col == kNoColumn) {
        if (auto e = field.unescaped_key().get(key)) return syntax(e, key_at);
        if (key.empty()) return RecordError{Problem::kEmptyKey, key_at, {}};
        col = guess_lookup(keys, unit.guess, field_index, key);
        if (col == kNoColumn) {
          col = unit.keys.insert(key);
          unit.cells.push_back(std::make_unique<detail::ChunkColumn>());
          unit.filled.push_back(0);
          unit.guess[field_index] = col;
        }
      }
      if (unit.filled[col] > row) return RecordError{Problem::kDuplicateKey, key_at, keys.names()[col]};
      detail::ChunkColumn& column = *unit.cells[col];
      for (uint64_t r = unit.filled[col]; r < row; ++r) column.add_null();
      if (auto e = add_value(field.value(), column)) return e;
      unit.filled[col] = row + 1;
      ++field_index;
    }
    // The unit's first record gives its width: its keys' caches of recent values may grow
    // to their share (chunk_column.h). Keys first met later keep 16 entries.
    if (row == 0) {
      for (const std::unique_ptr<detail::ChunkColumn>& column : unit.cells) column->allow_cache_for(unit.cells.size());
    }
    return std::nullopt;
  }

  bool read_together(std::string_view text, const std::vector<Span>& records, UnitColumns& unit) {
    if (records.empty()) return true;
    // The records go into one padded buffer: one stage 1 over them all (a single batch,
    // as large as the text), then each document is read like a record on its own.
    record = text;
    size_t need = text.size() + simdjson::SIMDJSON_PADDING;
    if (need > buffer_capacity) {
      buffer_capacity = std::max(need, buffer_capacity * 2);
      buffer.reset(new char[buffer_capacity]);
    }
    std::memcpy(buffer.get(), text.data(), text.size());
    std::memset(buffer.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    buf = buffer.get();
    size_t batch = std::max(text.size(), kTogetherBytes);
    if (batch > stream_parser.max_capacity()) return false;
    od::document_stream stream;
    if (stream_parser.iterate_many(buf, text.size(), batch).get(stream)) return false;
    size_t n = 0;
    for (auto it = stream.begin(); it != stream.end(); ++it) {
      // Each document must start where its record does...
      if (n >= records.size() || it.current_index() != records[n].offset) return false;
      od::document_reference doc;
      if ((*it).get(doc)) return false;
      if (read_object(doc, unit)) return false;
      // ... and the last one end where its record does (it starts there, so an equal
      // length is an equal end). Before the last, anything after an object on its line
      // would start the next document, not at its record's start.
      if (n + 1 == records.size() && it.source().size() != records[n].length) return false;
      ++unit.records;
      ++n;
    }
    // An unfinished last document is dropped by the stream, not reported: count them
    // and check that nothing was left over.
    return n == records.size() && stream.truncated_bytes() == 0;
  }

  // Adds a value to the column. Text inside the record's buffer may be read 16 bytes
  // past its start (the buffer has SIMDJSON_PADDING bytes after the record).
  static void add(detail::ChunkColumn& column, std::string_view text, bool is_number, bool padded) {
    column.codes.push(column.code_of(text, [] { return true; }, padded));
    if (!is_number) column.all_numeric = false;
  }

  std::optional<RecordError> add_value(od::value& v, detail::ChunkColumn& column) {
    od::json_type type;
    if (auto e = v.type().get(type)) return syntax(e, location(v));
    std::string_view token = trim_right(v.raw_json_token());
    size_t at = offset_of(token.data());
    switch (type) {
      case od::json_type::string: {
        // The value must be consumed: simdjson skips an unconsumed string followed by
        // ':' as if it were a key, accepting e.g. {"a": "x": {}}.
        std::string_view text;
        if (token.size() >= 2 && token.back() == '"' && !has_backslash(token)) {
          od::raw_json_string ignored;
          if (auto e = v.get_raw_json_string().get(ignored)) return syntax(e, at);
          add(column, token.substr(1, token.size() - 2), false, true);
        } else if (auto e = v.get_string().get(text)) {
          return syntax(e, at);
        } else {
          add(column, text, false, false);
        }
        return std::nullopt;
      }
      case od::json_type::number:
        if (!is_json_number(token)) return syntax(at, "invalid number");
        add(column, token, true, true);
        return std::nullopt;
      case od::json_type::boolean:
        if (token != "true" && token != "false") return syntax(at, "invalid literal");
        add(column, token, false, true);
        return std::nullopt;
      case od::json_type::null:
        if (token != "null") return syntax(at, "invalid literal");
        column.add_null();
        return std::nullopt;
      default: {
        // An array or object: simdjson skips it (without recursion) and gives its text,
        // which is validated and compacted here. The record's object is level 1.
        std::string_view raw;
        if (auto e = simdjson::to_json_string(v).get(raw)) return syntax(e, at);
        scratch.clear();
        if (!append_compact(raw, kMaxDepth - 1, scratch)) return syntax(at, "invalid nested value");
        add(column, scratch, false, false);
        return std::nullopt;
      }
    }
  }
};

RecordReader::RecordReader(std::string_view end_name) : impl_(std::make_unique<Impl>(end_name)) {}
RecordReader::~RecordReader() = default;

bool RecordReader::read_together(std::string_view text, const std::vector<Span>& records, UnitColumns& unit) {
  return impl_->read_together(text, records, unit);
}

std::optional<RecordError> RecordReader::read_row(std::string_view record, UnitColumns& unit) {
  return impl_->parse(record, unit);
}

}  // namespace tsum::json
