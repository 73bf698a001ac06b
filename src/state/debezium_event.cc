#include "state/debezium_event.h"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "io/json/json_diagnose.h"
#include "state/debezium_values.h"

namespace tsum::debezium {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

enum class Kind : uint8_t {
  kInteger, kFloat64, kFloat32, kBoolean, kString, kBytes, kDate, kTimestamp, kTime, kZoned, kDecimal,
  kVariableDecimal, kStructured, kUnknown
};

struct FieldType {
  std::string_view field;
  Kind kind = Kind::kUnknown;
  int digits = 0;  // timestamps and times: 3, 6 or 9
  int scale = 0;   // Decimal
  std::string text;  // for type-change checks
};

[[noreturn]] void fail(std::string message) { throw EventError{std::move(message)}; }

std::string_view string_or_empty(element e) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

// A JSON null that outlives every parse: what member() returns for a missing key.
element null_element() {
  thread_local simdjson::dom::parser parser;
  thread_local element null = parser.parse("null", 4).value_unsafe();
  return null;
}

element member(object o, std::string_view key) {
  element e;
  if (o.at_key(key).get(e) != simdjson::SUCCESS) return null_element();
  return e;
}
bool has(object o, std::string_view key) {
  element e;
  return o.at_key(key).get(e) == simdjson::SUCCESS;
}

FieldType field_type(object f) {
  FieldType t;
  t.field = string_or_empty(member(f, "field"));
  std::string_view type = string_or_empty(member(f, "type"));
  std::string_view name = string_or_empty(member(f, "name"));
  t.text = std::string(type);
  if (!name.empty()) {
    t.text += ' ';
    t.text += name;
  }
  if (type == "int8" || type == "int16" || type == "int32" || type == "int64") t.kind = Kind::kInteger;
  // The JSON converter names FLOAT64 "double" and FLOAT32 "float".
  else if (type == "double" || type == "float64") t.kind = Kind::kFloat64;
  else if (type == "float" || type == "float32") t.kind = Kind::kFloat32;
  else if (type == "boolean") t.kind = Kind::kBoolean;
  else if (type == "string") t.kind = Kind::kString;
  else if (type == "bytes") t.kind = Kind::kBytes;
  else if (type == "struct" || type == "array" || type == "map") t.kind = Kind::kStructured;
  if (name == "io.debezium.time.Date" || name == "org.apache.kafka.connect.data.Date") t.kind = Kind::kDate;
  else if (name == "io.debezium.time.Timestamp" || name == "org.apache.kafka.connect.data.Timestamp") t.kind = Kind::kTimestamp, t.digits = 3;
  else if (name == "io.debezium.time.MicroTimestamp") t.kind = Kind::kTimestamp, t.digits = 6;
  else if (name == "io.debezium.time.NanoTimestamp") t.kind = Kind::kTimestamp, t.digits = 9;
  else if (name == "io.debezium.time.Time" || name == "org.apache.kafka.connect.data.Time") t.kind = Kind::kTime, t.digits = 3;
  else if (name == "io.debezium.time.MicroTime") t.kind = Kind::kTime, t.digits = 6;
  else if (name == "io.debezium.time.NanoTime") t.kind = Kind::kTime, t.digits = 9;
  else if (name == "io.debezium.time.ZonedTimestamp" || name == "io.debezium.time.ZonedTime") t.kind = Kind::kZoned;
  else if (name == "io.debezium.data.VariableScaleDecimal") t.kind = Kind::kVariableDecimal;
  else if (name == "org.apache.kafka.connect.data.Decimal") {
    t.kind = Kind::kDecimal;
    object params;
    if (member(f, "parameters").get_object().get(params) == simdjson::SUCCESS) {
      std::string_view scale = string_or_empty(member(params, "scale"));
      std::from_chars(scale.data(), scale.data() + scale.size(), t.scale);
      t.text += fmt::format(" scale={}", t.scale);
    }
  } else if (type == "bytes" && !name.empty() && t.kind == Kind::kBytes) {
    t.kind = Kind::kUnknown;  // a logical type on bytes this decoder does not know: kept as sent
  }
  return t;
}

// The field types of the struct named `which` ("before", "after") in an envelope schema,
// or of the top-level struct when `which` is empty (a key schema).
void struct_fields(element schema, std::string_view which, std::vector<FieldType>& out) {
  out.clear();
  object root;
  if (schema.get_object().get(root) != simdjson::SUCCESS) return;
  simdjson::dom::array fields;
  if (member(root, "fields").get_array().get(fields) != simdjson::SUCCESS) return;
  if (!which.empty()) {
    for (element f : fields) {
      object fo;
      if (f.get_object().get(fo) != simdjson::SUCCESS) continue;
      if (string_or_empty(member(fo, "field")) == which) {
        struct_fields(f, "", out);
        return;
      }
    }
    return;
  }
  for (element f : fields) {
    object fo;
    if (f.get_object().get(fo) == simdjson::SUCCESS) out.push_back(field_type(fo));
  }
}

void append_integer(element v, std::string& out) {
  char buf[32];
  int64_t i;
  uint64_t u;
  if (v.get_int64().get(i) == simdjson::SUCCESS) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, i).ptr);
  } else if (v.get_uint64().get(u) == simdjson::SUCCESS) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, u).ptr);
  }
}

bool get_int(element v, int64_t& out) { return v.get_int64().get(out) == simdjson::SUCCESS; }

// A value without a schema: as the JSON has it.
void decode_plain(element v, Cell& cell) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: cell.text.append(string_or_empty(v)); break;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64: append_integer(v, cell.text); break;
    case simdjson::dom::element_type::DOUBLE: format_float8(double(v), cell.text); break;
    case simdjson::dom::element_type::BOOL: cell.text += bool(v) ? "t" : "f"; break;
    default: cell.text.append(simdjson::minify(v)); break;
  }
}

void decode(element v, const FieldType* type, Cell& cell) {
  cell.text.clear();
  cell.null = v.is_null();
  if (cell.null) return;
  if (!type || type->kind == Kind::kUnknown || type->kind == Kind::kStructured) {
    if (type && type->kind == Kind::kStructured && v.type() != simdjson::dom::element_type::STRING) {
      cell.text.append(simdjson::minify(v));
      return;
    }
    decode_plain(v, cell);
    return;
  }
  auto bad = [&](const char* expected) {
    fail(fmt::format("column '{}' ({}): expected {}, got {}", cell.name, type->text, expected, simdjson::minify(v)));
  };
  int64_t i = 0;
  double d = 0;
  std::string_view s;
  switch (type->kind) {
    case Kind::kInteger:
      if (!v.is_int64() && !v.is_uint64()) bad("an integer");
      append_integer(v, cell.text);
      break;
    case Kind::kFloat64:
    case Kind::kFloat32:
      if (v.get_double().get(d) == simdjson::SUCCESS) {
        if (type->kind == Kind::kFloat32) format_float4(static_cast<float>(d), cell.text);
        else format_float8(d, cell.text);
      } else if (v.get_string().get(s) == simdjson::SUCCESS && (s == "NaN" || s == "Infinity" || s == "-Infinity")) {
        cell.text.append(s);
      } else {
        bad("a number");
      }
      break;
    case Kind::kBoolean:
      if (!v.is_bool()) bad("true or false");
      cell.text += bool(v) ? "t" : "f";
      break;
    case Kind::kString:
      if (v.get_string().get(s) != simdjson::SUCCESS) bad("a string");
      cell.text.append(s);
      break;
    case Kind::kBytes:
      if (v.get_string().get(s) != simdjson::SUCCESS || !format_bytea(s, cell.text)) bad("base64 bytes");
      break;
    case Kind::kDate:
      if (!get_int(v, i) || !format_date(i, cell.text)) bad("a day number");
      break;
    case Kind::kTimestamp:
      if (!get_int(v, i) || !format_timestamp(i, type->digits, cell.text)) bad("an epoch timestamp");
      break;
    case Kind::kTime:
      if (!get_int(v, i) || !format_time(i, type->digits, cell.text)) bad("a time of day");
      break;
    case Kind::kZoned:
      if (v.get_string().get(s) != simdjson::SUCCESS || !format_zoned(s, cell.text)) bad("an ISO-8601 timestamp");
      break;
    case Kind::kDecimal:
      if (v.get_string().get(s) == simdjson::SUCCESS) {
        if (!format_decimal(s, type->scale, cell.text)) bad("base64 decimal bytes");
      } else if (v.is_number()) {  // decimal.handling.mode=double
        decode_plain(v, cell);
      } else {
        bad("base64 decimal bytes");
      }
      break;
    case Kind::kVariableDecimal: {
      object o;
      int64_t scale = 0;
      if (v.get_object().get(o) != simdjson::SUCCESS || !get_int(member(o, "scale"), scale) ||
          member(o, "value").get_string().get(s) != simdjson::SUCCESS || !format_decimal(s, static_cast<int>(scale), cell.text)) {
        bad("{\"scale\": N, \"value\": base64}");
      }
      break;
    }
    default: decode_plain(v, cell); break;
  }
}

// Decodes the members of a row struct (before/after, or a key) into cells.
size_t decode_row(element row, const std::vector<FieldType>& types, std::vector<Cell>& cells, const char* what) {
  object o;
  if (row.get_object().get(o) != simdjson::SUCCESS) fail(fmt::format("'{}' is not an object", what));
  size_t n = 0;
  for (auto [key, value] : o) {
    if (cells.size() <= n) cells.emplace_back();
    Cell& cell = cells[n];
    cell.name.assign(key);
    const FieldType* type = nullptr;
    if (n < types.size() && types[n].field == key) {
      type = &types[n];
    } else {
      for (const FieldType& t : types) {
        if (t.field == key) type = &t;
      }
    }
    cell.type = type ? type->text : std::string();
    decode(value, type, cell);
    ++n;
  }
  return n;
}

uint64_t parse_u64(std::string_view s) {
  uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Debezium's PostgreSQL `sequence`: the JSON text ["<last commit LSN>","<LSN>"], either may be null.
bool parse_sequence(std::string_view text, SourcePosition& pos) {
  uint64_t numbers[2] = {0, 0};
  int index = 0;
  bool any = false;
  for (size_t i = 0; i < text.size() && index < 2; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      numbers[index] = parse_u64(text.substr(i, j - i));
      any = true;
      i = j - 1;
    } else if (c == ',') {
      ++index;
    }
  }
  pos = SourcePosition{numbers[0], numbers[1]};
  return any;
}

uint64_t number_member(object o, std::string_view key, bool& found) {
  element e = member(o, key);
  int64_t i;
  uint64_t u;
  std::string_view s;
  found = true;
  if (e.get_int64().get(i) == simdjson::SUCCESS && i >= 0) return static_cast<uint64_t>(i);
  if (e.get_uint64().get(u) == simdjson::SUCCESS) return u;
  if (e.get_string().get(s) == simdjson::SUCCESS && !s.empty() && s[0] >= '0' && s[0] <= '9') return parse_u64(s);
  found = false;
  return 0;
}

void read_source(object payload, ChangeEvent& event) {
  object source;
  if (member(payload, "source").get_object().get(source) != simdjson::SUCCESS) return;
  std::string_view schema = string_or_empty(member(source, "schema"));
  std::string_view table = string_or_empty(member(source, "table"));
  if (schema.empty()) schema = string_or_empty(member(source, "db"));
  if (!table.empty()) {
    event.table.assign(schema);
    if (!schema.empty()) event.table += '.';
    event.table.append(table);
  }
  SourcePosition pos;
  std::string_view sequence = string_or_empty(member(source, "sequence"));
  bool found = false;
  if (!sequence.empty() && parse_sequence(sequence, pos)) {
    event.position = pos;
    return;
  }
  uint64_t lsn = number_member(source, "lsn", found);
  if (found) {
    event.position = SourcePosition{lsn, 0};
    return;
  }
  uint64_t ts = number_member(source, "ts_ms", found);
  if (found) {
    bool tx_found = false;
    uint64_t tx = number_member(source, "txId", tx_found);
    event.position = SourcePosition{ts, tx};
  }
}

Op parse_op(std::string_view op) {
  if (op == "c") return Op::kCreate;
  if (op == "u") return Op::kUpdate;
  if (op == "d") return Op::kDelete;
  if (op == "r") return Op::kRead;
  if (op == "t") return Op::kTruncate;
  fail(fmt::format("unknown op '{}' (expected c, u, d, r or t)", op));
}

}  // namespace

namespace {

// The part common to both paths: an envelope's payload (or a schema-less event).
void read_payload(object payload, const std::vector<FieldType>& before_types, const std::vector<FieldType>& after_types,
                  ChangeEvent& event) {
  std::string_view op;
  if (member(payload, "op").get_string().get(op) != simdjson::SUCCESS) {
    fail("not a change event: no 'op' (a Debezium event has op c, u, d, r or t)");
  }
  event.op = parse_op(op);
  read_source(payload, event);
  element before = member(payload, "before"), after = member(payload, "after");
  if (!before.is_null()) {
    event.has_before = true;
    // Debezium's before and after share one schema; before's own is used when after has none.
    event.before_size = decode_row(before, before_types.empty() ? after_types : before_types, event.before, "before");
  }
  if (!after.is_null()) {
    event.has_after = true;
    event.after_size = decode_row(after, after_types, event.after, "after");
  }
  if ((event.op == Op::kCreate || event.op == Op::kUpdate || event.op == Op::kRead) && !event.has_after) {
    fail(fmt::format("op '{}' without 'after'", op));
  }
}

}  // namespace

struct EventParser::SchemaCache {
  std::string text;  // the schema's JSON, as in the event
  simdjson::dom::parser parser;  // owns the strings the types point to
  std::vector<FieldType> before, after;
};

EventParser::EventParser() : cache_(std::make_unique<SchemaCache>()) {}
EventParser::~EventParser() = default;

bool EventParser::parse_envelope_fast(std::string_view line, size_t capacity, ChangeEvent& event) {
  // {"schema":S,"payload":P}: S is compared with the previous event's (its types are
  // decoded only when it changes) and only P is parsed into a DOM. Anything else, errors
  // included, goes to the general path, which explains them.
  //
  // Cheapest case: the line is {"schema":<the cached schema's exact text>,"payload":P}.
  // Once P parses as an object, the line is valid JSON (the cached text was valid), so
  // the schema needs neither parsing nor scanning.
  constexpr std::string_view kHead = "{\"schema\":", kMiddle = ",\"payload\":";
  if (!cache_->text.empty() && line.size() > kHead.size() + cache_->text.size() + kMiddle.size() &&
      line.substr(kHead.size(), cache_->text.size()) == cache_->text &&
      line.substr(kHead.size() + cache_->text.size(), kMiddle.size()) == kMiddle) {
    std::string_view payload_text = line.substr(kHead.size() + cache_->text.size() + kMiddle.size());
    while (!payload_text.empty() && (payload_text.back() == ' ' || payload_text.back() == '\t')) payload_text.remove_suffix(1);
    if (!payload_text.empty() && payload_text.back() == '}') {
      payload_text.remove_suffix(1);
      element payload;
      object po;
      if (!parser_.parse(payload_text.data(), payload_text.size(), false).get(payload) &&
          !payload.get_object().get(po)) {
        read_payload(po, cache_->before, cache_->after, event);
        return true;
      }
    }
  }
  simdjson::ondemand::document doc;
  if (ondemand_.iterate(simdjson::padded_string_view(line.data(), line.size(), capacity)).get(doc)) return false;
  simdjson::ondemand::object top;
  if (doc.get_object().get(top)) return false;
  std::string_view schema_text, payload_text;
  for (auto field : top) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    simdjson::ondemand::object value;
    if (field.value().get_object().get(value)) return false;
    std::string_view* target = key == "schema" ? &schema_text : key == "payload" ? &payload_text : nullptr;
    if (!target || !target->empty() || value.raw_json().get(*target)) return false;
  }
  if (schema_text.empty() || payload_text.empty() || payload_text.data() < schema_text.data()) return false;
  // Nothing but the closing brace and blanks after the payload (the DOM path rejects the rest).
  const size_t tail = static_cast<size_t>(payload_text.data() + payload_text.size() - line.data());
  std::string_view rest = line.substr(tail);
  size_t brace = rest.find_first_not_of(" \t\r");
  if (brace == std::string_view::npos || rest[brace] != '}' || rest.find_first_not_of(" \t\r", brace + 1) != std::string_view::npos) {
    return false;
  }
  if (schema_text != cache_->text) {
    element schema;
    if (cache_->parser.parse(schema_text.data(), schema_text.size(), true).get(schema)) return false;
    cache_->text.assign(schema_text);
    struct_fields(schema, "before", cache_->before);
    struct_fields(schema, "after", cache_->after);
  }
  // The payload's bytes lie inside the padded line buffer: no copy needed.
  element payload;
  if (parser_.parse(payload_text.data(), payload_text.size(), false).get(payload)) return false;
  object po;
  if (payload.get_object().get(po)) return false;
  read_payload(po, cache_->before, cache_->after, event);
  return true;
}

void EventParser::parse(std::string_view line, size_t capacity, ChangeEvent& event) {
  event.op = Op::kOther;
  event.table.clear();
  event.position.reset();
  event.has_before = event.has_after = false;
  event.before_size = event.after_size = event.key_size = 0;
  if (line.starts_with("{\"schema\":{") && parse_envelope_fast(line, capacity, event)) return;

  element doc;
  if (auto error = parser_.parse(line.data(), line.size(), false).get(doc)) {
    // simdjson says that the line is invalid; the strict validator says where and why.
    if (auto syntax = json::diagnose(line, 0, "end of line")) {
      fail(fmt::format("malformed JSON at column {}: {}", syntax->offset + 1, syntax->detail));
    }
    fail(fmt::format("malformed JSON: {}", simdjson::error_message(error)));
  }
  if (doc.is_null()) {
    event.op = Op::kTombstone;
    return;
  }
  object top;
  if (doc.get_object().get(top) != simdjson::SUCCESS) fail("not a change event: expected a JSON object or null");

  thread_local std::vector<FieldType> before_types, after_types, key_types;
  before_types.clear();
  after_types.clear();
  key_types.clear();

  // {"key": K, "value": V}: a key/value pair.
  if (!has(top, "op") && !has(top, "payload") && has(top, "value")) {
    element key = member(top, "key");
    object ko;
    if (key.get_object().get(ko) == simdjson::SUCCESS) {
      element key_row = key;
      if (has(ko, "payload")) {
        struct_fields(member(ko, "schema"), "", key_types);
        key_row = member(ko, "payload");
      }
      if (!key_row.is_null()) event.key_size = decode_row(key_row, key_types, event.key, "key");
    }
    doc = member(top, "value");
    if (doc.is_null()) {
      event.op = Op::kTombstone;
      return;
    }
    if (doc.get_object().get(top) != simdjson::SUCCESS) fail("not a change event: 'value' is not an object or null");
  }
  object payload = top;
  if (has(top, "payload")) {
    element p = member(top, "payload");
    if (p.is_null()) {
      event.op = Op::kTombstone;
      return;
    }
    if (p.get_object().get(payload) != simdjson::SUCCESS) fail("not a change event: 'payload' is not an object");
    element schema = member(top, "schema");
    struct_fields(schema, "before", before_types);
    struct_fields(schema, "after", after_types);
  }
  read_payload(payload, before_types, after_types, event);
}

}  // namespace tsum::debezium
