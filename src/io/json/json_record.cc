#include "io/json/json_record.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "io/json/json_diagnose.h"
#include "io/json/json_syntax.h"

namespace tsum::json {
namespace od = simdjson::ondemand;

void RowFiller::finish() {
  for (size_t c = 0; c < filled.size(); ++c) {
    for (uint64_t r = filled[c]; r < records; ++r) chunk.add_null(c);
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

  template <bool kFill, class State>
  std::optional<RecordError> parse(std::string_view rec, State& st) {
    record = rec;
    buf = nullptr;
    if (rec.empty() || rec.front() != '{') return not_object();
    if (auto e = load(rec)) return e;
    od::document doc;
    if (auto e = parser.iterate(buf, rec.size(), rec.size() + simdjson::SIMDJSON_PADDING).get(doc)) {
      return syntax(e, 0);
    }
    od::object obj;
    if (auto e = doc.get_object().get(obj)) return syntax(e, location(doc));
    const uint64_t row = st.records;
    size_t field_index = 0;
    for (auto result : obj) {
      od::field field;
      if (auto e = std::move(result).get(field)) return syntax(e, location(doc));
      size_t key_at = offset_of(reinterpret_cast<const char*>(field.key().raw()));
      if (key_at > 0) --key_at;  // the opening quote
      // Usually the key is the one this position had in the previous record, written
      // without escapes: compare its raw bytes and skip unescaping.
      const KeyIndex& index = [&]() -> const KeyIndex& {
        if constexpr (kFill) return st.columns;
        else return st.keys;
      }();
      uint32_t known = kNoColumn;
      std::string_view key;
      if (field_index < st.guess.size()) {
        uint32_t g = st.guess[field_index];
        if (g != kNoColumn && index.plain(g) && field.key().unsafe_is_equal(index.names()[g])) {
          known = g;
          key = index.names()[g];
        }
      }
      if (known == kNoColumn) {
        if (auto e = field.unescaped_key().get(key)) return syntax(e, key_at);
        if (key.empty()) return RecordError{Problem::kEmptyKey, key_at, {}};
      }
      if constexpr (!kFill) {
        uint32_t id = known != kNoColumn ? known : guess_lookup(st.keys, st.guess, field_index, key);
        if (id == kNoColumn) {
          id = st.keys.insert(key);
          st.last_row.push_back(0);
          st.guess[field_index] = id;
        }
        if (st.last_row[id] == row + 1) return RecordError{Problem::kDuplicateKey, key_at, std::string(key)};
        st.last_row[id] = row + 1;
      } else {
        uint32_t col = known != kNoColumn ? known : guess_lookup(st.columns, st.guess, field_index, key);
        if (col == kNoColumn) return syntax(key_at, "internal error: a key missed by the first pass");
        if (st.filled[col] > row) return RecordError{Problem::kDuplicateKey, key_at, std::string(key)};
        for (uint64_t r = st.filled[col]; r < row; ++r) st.chunk.add_null(col);
        if (auto e = add_value(field.value(), col, st.chunk)) return e;
        st.filled[col] = row + 1;
      }
      ++field_index;
    }
    const char* p = nullptr;
    auto e = doc.current_location().get(p);
    if (e == simdjson::SUCCESS) return syntax(offset_of(p), "unexpected content after the object");
    if (e != simdjson::OUT_OF_BOUNDS) return syntax(e, record.size());
    st.records = row + 1;
    return std::nullopt;
  }

  std::optional<RecordError> add_value(od::value& v, uint32_t col, ChunkBuilder& chunk) {
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
          text = token.substr(1, token.size() - 2);
        } else if (auto e = v.get_string().get(text)) {
          return syntax(e, at);
        }
        chunk.add_typed(col, text, false);
        return std::nullopt;
      }
      case od::json_type::number:
        if (!is_json_number(token)) return syntax(at, "invalid number");
        chunk.add_typed(col, token, true);
        return std::nullopt;
      case od::json_type::boolean:
        if (token != "true" && token != "false") return syntax(at, "invalid literal");
        chunk.add_typed(col, token, false);
        return std::nullopt;
      case od::json_type::null:
        if (token != "null") return syntax(at, "invalid literal");
        chunk.add_null(col);
        return std::nullopt;
      default: {
        // An array or object: simdjson skips it (without recursion) and gives its text,
        // which is validated and compacted here. The record's object is level 1.
        std::string_view raw;
        if (auto e = simdjson::to_json_string(v).get(raw)) return syntax(e, at);
        scratch.clear();
        if (!append_compact(raw, kMaxDepth - 1, scratch)) return syntax(at, "invalid nested value");
        chunk.add_typed(col, scratch, false);
        return std::nullopt;
      }
    }
  }
};

RecordReader::RecordReader(std::string_view end_name) : impl_(std::make_unique<Impl>(end_name)) {}
RecordReader::~RecordReader() = default;

std::optional<RecordError> RecordReader::collect_keys(std::string_view record, KeyCollector& state) {
  return impl_->parse<false>(record, state);
}

std::optional<RecordError> RecordReader::fill_row(std::string_view record, RowFiller& state) {
  return impl_->parse<true>(record, state);
}

}  // namespace tsum::json
