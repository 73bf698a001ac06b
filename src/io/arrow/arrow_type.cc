#include "io/arrow/arrow_type.h"

#include <charconv>
#include <cstring>
#include <string_view>

#include "tsum/error.h"

namespace tsum::arrow {
namespace {

using parquet::PhysicalType;
using parquet::TimeUnit;
using parquet::ValueKind;

[[noreturn]] void unsupported(const ArrowSchema& field) {
  throw DataError("unsupported Arrow type " + type_name(field));
}

std::string child_name(const ArrowSchema& field, int64_t i) {
  const ArrowSchema* child = field.children ? field.children[i] : nullptr;
  if (!child) return "?";
  return std::string(child->name ? child->name : "") + ": " + type_name(*child);
}

std::string unit_name(char u) {
  switch (u) {
    case 's': return "s";
    case 'm': return "ms";
    case 'u': return "us";
    case 'n': return "ns";
    default: return std::string(1, u);
  }
}

// The type of a format string alone (no dictionary, no extension).
std::string plain_type_name(const ArrowSchema& field) {
  const std::string_view f = field.format ? field.format : "";
  static const std::pair<std::string_view, std::string_view> kSimple[] = {
      {"n", "null"},        {"b", "bool"},          {"c", "int8"},        {"C", "uint8"},
      {"s", "int16"},       {"S", "uint16"},        {"i", "int32"},       {"I", "uint32"},
      {"l", "int64"},       {"L", "uint64"},        {"e", "halffloat"},   {"f", "float"},
      {"g", "double"},      {"z", "binary"},        {"Z", "large_binary"}, {"vz", "binary_view"},
      {"u", "string"},      {"U", "large_string"},  {"vu", "string_view"}, {"tdD", "date32[day]"},
      {"tdm", "date64[ms]"}, {"tts", "time32[s]"},  {"ttm", "time32[ms]"}, {"ttu", "time64[us]"},
      {"ttn", "time64[ns]"}, {"tiM", "month_interval"}, {"tiD", "day_time_interval"},
      {"tin", "month_day_nano_interval"},
  };
  for (const auto& [format, name] : kSimple) {
    if (f == format) return std::string(name);
  }
  if (f.size() == 4 && f.substr(0, 2) == "ts" && f[3] == ':') return "timestamp[" + unit_name(f[2]) + "]";
  if (f.size() > 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    return "timestamp[" + unit_name(f[2]) + ", tz=" + std::string(f.substr(4)) + "]";
  }
  if (f.size() == 3 && f.substr(0, 2) == "tD") return "duration[" + unit_name(f[2]) + "]";
  if (f.substr(0, 2) == "w:") return "fixed_size_binary[" + std::string(f.substr(2)) + "]";
  if (f.substr(0, 2) == "d:") {
    // d:P,S[,N]: decimalN(P, S), N = 128 by default.
    std::string_view rest = f.substr(2);
    std::string bits = "128";
    size_t first = rest.find(',');
    size_t second = first == std::string_view::npos ? first : rest.find(',', first + 1);
    if (second != std::string_view::npos) bits = std::string(rest.substr(second + 1)), rest = rest.substr(0, second);
    std::string body(rest);
    if (size_t comma = body.find(','); comma != std::string::npos) body.replace(comma, 1, ", ");
    return "decimal" + bits + "(" + body + ")";
  }
  auto one_child = [&](const char* kind) { return std::string(kind) + "<" + (field.n_children > 0 ? child_name(field, 0) : "?") + ">"; };
  if (f == "+l") return one_child("list");
  if (f == "+L") return one_child("large_list");
  if (f == "+vl") return one_child("list_view");
  if (f == "+vL") return one_child("large_list_view");
  if (f.substr(0, 3) == "+w:") return one_child("fixed_size_list") + "[" + std::string(f.substr(3)) + "]";
  if (f == "+s" || f == "+m" || f == "+r" || f.substr(0, 3) == "+ud" || f.substr(0, 3) == "+us") {
    std::string kind = f == "+s" ? "struct" : f == "+m" ? "map" : f == "+r" ? "run_end_encoded"
                     : f.substr(0, 3) == "+ud" ? "dense_union" : "sparse_union";
    std::string out = kind + "<";
    for (int64_t i = 0; i < field.n_children; ++i) out += (i ? ", " : "") + child_name(field, i);
    return out + ">";
  }
  return "with format '" + std::string(f) + "'";
}

void set_fixed(ValueType& v, ValueKind kind, size_t width, bool number) {
  v.layout = Layout::kFixed;
  v.width = width;
  v.text.kind = kind;
  v.text.width = width;
  v.is_number = number;
  if (width < 4 && (kind == ValueKind::kInt32 || kind == ValueKind::kUInt32)) {
    v.conversion = Conversion::kWiden;
    v.text.width = 4;
  }
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

TimeUnit time_unit(char u) { return u == 'm' ? TimeUnit::kMillis : u == 'u' ? TimeUnit::kMicros : TimeUnit::kNanos; }

ValueType resolve_value(const ArrowSchema& field) {
  const std::string_view f = field.format ? field.format : "";
  ValueType v;
  if (f == "n") return v;  // kNull
  if (f == "b") {
    v.layout = Layout::kBoolean;
    v.text.kind = ValueKind::kBoolean;
    return v;
  }
  if (f.size() == 1) {
    switch (f[0]) {
      case 'c': set_fixed(v, ValueKind::kInt32, 1, true); return v;
      case 'C': set_fixed(v, ValueKind::kUInt32, 1, true); return v;
      case 's': set_fixed(v, ValueKind::kInt32, 2, true); return v;
      case 'S': set_fixed(v, ValueKind::kUInt32, 2, true); return v;
      case 'i': set_fixed(v, ValueKind::kInt32, 4, true); return v;
      case 'I': set_fixed(v, ValueKind::kUInt32, 4, true); return v;
      case 'l': set_fixed(v, ValueKind::kInt64, 8, true); return v;
      case 'L': set_fixed(v, ValueKind::kUInt64, 8, true); return v;
      case 'e': set_fixed(v, ValueKind::kFloat16, 2, true); return v;
      case 'f': set_fixed(v, ValueKind::kFloat, 4, true); return v;
      case 'g': set_fixed(v, ValueKind::kDouble, 8, true); return v;
      case 'u': case 'z':
        v.layout = Layout::kString;
        v.binary = f[0] == 'z';
        v.text.kind = ValueKind::kString;
        return v;
      case 'U': case 'Z':
        v.layout = Layout::kLargeString;
        v.binary = f[0] == 'Z';
        v.text.kind = ValueKind::kString;
        return v;
      default: unsupported(field);
    }
  }
  if (f == "vu" || f == "vz") {
    v.layout = Layout::kView;
    v.binary = f == "vz";
    v.text.kind = ValueKind::kString;
    return v;
  }
  if (f.substr(0, 2) == "w:") {
    int n;
    if (!parse_int(f.substr(2), n) || n <= 0) unsupported(field);
    set_fixed(v, ValueKind::kString, static_cast<size_t>(n), false);
    v.binary = true;
    return v;
  }
  if (f.substr(0, 2) == "d:") {
    // d:P,S or d:P,S,N with N in 32, 64, 128, 256 bits.
    std::string_view rest = f.substr(2);
    size_t a = rest.find(',');
    if (a == std::string_view::npos) unsupported(field);
    size_t b = rest.find(',', a + 1);
    int precision, scale, bits = 128;
    if (!parse_int(rest.substr(0, a), precision) ||
        !parse_int(rest.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1), scale) ||
        (b != std::string_view::npos && !parse_int(rest.substr(b + 1), bits))) {
      unsupported(field);
    }
    if ((bits != 32 && bits != 64 && bits != 128 && bits != 256) || scale < 0 || scale > 1000) unsupported(field);
    set_fixed(v, ValueKind::kDecimal, static_cast<size_t>(bits / 8), true);
    v.text.physical = PhysicalType::kFixedLenByteArray;
    v.text.scale = scale;
    v.conversion = Conversion::kLittleEndianDecimal;
    return v;
  }
  if (f == "tdD") {
    set_fixed(v, ValueKind::kDate, 4, false);
    return v;
  }
  if (f == "tdm") {
    set_fixed(v, ValueKind::kDate, 8, false);
    v.conversion = Conversion::kDate64;
    return v;
  }
  if (f.size() == 3 && f.substr(0, 2) == "tt") {
    const char u = f[2];
    if (u != 's' && u != 'm' && u != 'u' && u != 'n') unsupported(field);
    set_fixed(v, ValueKind::kTime, u == 's' || u == 'm' ? 4 : 8, false);
    v.text.physical = PhysicalType::kInt64;
    v.text.unit = u == 's' ? TimeUnit::kMillis : time_unit(u);
    v.conversion = u == 's' ? Conversion::kSecondsToMillis : u == 'm' ? Conversion::kInt32ToInt64 : Conversion::kNone;
    return v;
  }
  if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
    const char u = f[2];
    if (u != 's' && u != 'm' && u != 'u' && u != 'n') unsupported(field);
    set_fixed(v, ValueKind::kTimestamp, 8, false);
    v.text.physical = PhysicalType::kInt64;
    v.text.unit = u == 's' ? TimeUnit::kMillis : time_unit(u);
    if (u == 's') v.conversion = Conversion::kSecondsToMillis;
    return v;
  }
  unsupported(field);
}

}  // namespace

std::string metadata_value(const char* metadata, const std::string& key) {
  // int32 pair count, then per pair: int32 key length, key bytes, int32 value length,
  // value bytes (native byte order).
  if (!metadata) return "";
  auto read32 = [&](const char*& p) {
    int32_t n;
    std::memcpy(&n, p, 4);
    p += 4;
    return n;
  };
  const char* p = metadata;
  const int32_t pairs = read32(p);
  for (int32_t i = 0; i < pairs; ++i) {
    const int32_t key_length = read32(p);
    if (key_length < 0) return "";
    std::string_view k(p, static_cast<size_t>(key_length));
    p += key_length;
    const int32_t value_length = read32(p);
    if (value_length < 0) return "";
    std::string_view v(p, static_cast<size_t>(value_length));
    p += value_length;
    if (k == key) return std::string(v);
  }
  return "";
}

std::string type_name(const ArrowSchema& field) {
  const std::string extension = metadata_value(field.metadata, "ARROW:extension:name");
  if (!extension.empty()) return "extension<" + extension + ">";
  if (field.dictionary) {
    return "dictionary<values=" + type_name(*field.dictionary) + ", indices=" + plain_type_name(field) + ">";
  }
  return plain_type_name(field);
}

ColumnType resolve_column_type(const ArrowSchema& field) {
  if (!metadata_value(field.metadata, "ARROW:extension:name").empty()) unsupported(field);
  ColumnType t;
  if (field.dictionary) {
    const std::string_view f = field.format ? field.format : "";
    static const std::string_view kIndex = "cCsSiIlL";
    const size_t at = f.size() == 1 ? kIndex.find(f[0]) : std::string_view::npos;
    if (at == std::string_view::npos) unsupported(field);
    t.dictionary = true;
    t.index_width = size_t{1} << (at / 2);
    t.index_signed = at % 2 == 0;
    if (!metadata_value(field.dictionary->metadata, "ARROW:extension:name").empty() || field.dictionary->dictionary) {
      unsupported(field);
    }
    t.value = resolve_value(*field.dictionary);
    return t;
  }
  t.value = resolve_value(field);
  return t;
}

}  // namespace tsum::arrow
