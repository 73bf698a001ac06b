#include "io/arrow/arrow_column.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "tsum/error.h"

namespace tsum::arrow {
namespace {

using parquet::ValueKind;

[[noreturn]] void bad(const std::string& what) { throw DataError(what); }

template <class T>
T load(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline bool bit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

// The validity of the batch's rows: the column's own bitmap and the batch's.
struct Validity {
  const uint8_t* own = nullptr;
  int64_t own_offset = 0;
  const uint8_t* parent = nullptr;
  int64_t parent_offset = 0;
  bool any() const { return own || parent; }
  bool valid(int64_t row) const {
    return (!own || bit(own, own_offset + row)) && (!parent || bit(parent, parent_offset + row));
  }
};

Validity validity_of(const ColumnInBatch& c) {
  Validity v;
  const ArrowArray& a = *c.array;
  if (a.null_count != 0 && a.n_buffers > 0 && a.buffers[0]) {
    v.own = static_cast<const uint8_t*>(a.buffers[0]);
    v.own_offset = a.offset + c.parent_offset;
  }
  // The batch's own offset: its validity bit for row r is parent_offset + r.
  v.parent = c.parent_validity;
  v.parent_offset = c.parent_offset;
  return v;
}

// Text of element `i` of a fixed-width array, through the Parquet formatter.
std::string_view fixed_text(const ValueType& t, const uint8_t* values, int64_t i, std::string& buffer) {
  const uint8_t* p = values + static_cast<size_t>(i) * t.width;
  if (t.text.kind == ValueKind::kString) return {reinterpret_cast<const char*>(p), t.width};
  alignas(8) char raw[32];
  size_t n = t.text.width;
  switch (t.conversion) {
    case Conversion::kNone: std::memcpy(raw, p, t.width); n = t.width; break;
    case Conversion::kWiden: {
      int64_t v = 0;
      const bool is_signed = t.text.kind == ValueKind::kInt32;
      if (t.width == 1) v = is_signed ? int64_t{load<int8_t>(p)} : int64_t{load<uint8_t>(p)};
      else v = is_signed ? int64_t{load<int16_t>(p)} : int64_t{load<uint16_t>(p)};
      const int32_t w = static_cast<int32_t>(v);
      std::memcpy(raw, &w, 4);
      n = 4;
      break;
    }
    case Conversion::kDate64: {
      const int64_t ms = load<int64_t>(p);
      int64_t days = ms / 86400000;
      if (ms % 86400000 < 0) --days;
      if (days < INT32_MIN || days > INT32_MAX) bad("date64 value " + std::to_string(ms) + " is out of range");
      const int32_t d = static_cast<int32_t>(days);
      std::memcpy(raw, &d, 4);
      n = 4;
      break;
    }
    case Conversion::kSecondsToMillis: {
      const int64_t s = t.width == 4 ? int64_t{load<int32_t>(p)} : load<int64_t>(p);
      int64_t ms;
      if (__builtin_mul_overflow(s, int64_t{1000}, &ms)) bad("time value " + std::to_string(s) + " s is out of range");
      std::memcpy(raw, &ms, 8);
      n = 8;
      break;
    }
    case Conversion::kInt32ToInt64: {
      const int64_t v = load<int32_t>(p);
      std::memcpy(raw, &v, 8);
      n = 8;
      break;
    }
    case Conversion::kLittleEndianDecimal:
      for (size_t k = 0; k < t.width; ++k) raw[k] = static_cast<char>(p[t.width - 1 - k]);
      n = t.width;
      break;
  }
  return parquet::format_value(t.text, std::string_view(raw, n), buffer);
}

// Text of element `i` of a string/binary array of 32- or 64-bit offsets.
template <class Offset>
std::string_view offset_text(const ArrowArray& a, int64_t i) {
  const Offset* offsets = static_cast<const Offset*>(a.buffers[1]);
  const Offset begin = offsets[i], end = offsets[i + 1];
  if (begin < 0 || end < begin) bad("string offsets go backwards at element " + std::to_string(i));
  return {static_cast<const char*>(a.buffers[2]) + begin, static_cast<size_t>(end - begin)};
}

// Text of element `i` of a view array (16-byte views: length, then 12 inline bytes, or
// a 4-byte prefix, a data buffer index and an offset into it).
std::string_view view_text(const ArrowArray& a, int64_t i) {
  const char* view = static_cast<const char*>(a.buffers[1]) + 16 * i;
  const int32_t length = load<int32_t>(view);
  if (length < 0) bad("string view " + std::to_string(i) + " has a negative length");
  if (length <= 12) return {view + 4, static_cast<size_t>(length)};
  const int32_t index = load<int32_t>(view + 8), offset = load<int32_t>(view + 12);
  const int64_t buffers = a.n_buffers - 3;  // validity, views, data..., sizes
  if (index < 0 || index >= buffers || offset < 0) bad("string view " + std::to_string(i) + " points outside its buffers");
  const int64_t size = static_cast<const int64_t*>(a.buffers[a.n_buffers - 1])[index];
  if (int64_t{offset} + length > size) bad("string view " + std::to_string(i) + " runs past its data buffer");
  return {static_cast<const char*>(a.buffers[2 + index]) + offset, static_cast<size_t>(length)};
}

// Text of any element of a non-dictionary array of type t (dictionary values).
std::string_view element_text(const ValueType& t, const ArrowArray& a, int64_t i, std::string& buffer) {
  switch (t.layout) {
    case Layout::kBoolean:
      return bit(static_cast<const uint8_t*>(a.buffers[1]), i) ? std::string_view("true") : std::string_view("false");
    case Layout::kFixed: return fixed_text(t, static_cast<const uint8_t*>(a.buffers[1]), i, buffer);
    case Layout::kString: return offset_text<int32_t>(a, i);
    case Layout::kLargeString: return offset_text<int64_t>(a, i);
    case Layout::kView: return view_text(a, i);
    case Layout::kNull: break;
  }
  return {};
}

size_t buffers_of(const ValueType& t) {
  switch (t.layout) {
    case Layout::kNull: return 0;
    case Layout::kBoolean:
    case Layout::kFixed: return 2;
    case Layout::kString:
    case Layout::kLargeString: return 3;
    case Layout::kView: return 3;  // at least: validity, views, sizes
  }
  return 0;
}

void check_values(const ValueType& t, const ArrowArray& a, int64_t needed, const char* what) {
  if (a.length < 0 || a.offset < 0 || a.length < needed) {
    bad(std::string(what) + " has " + std::to_string(a.length) + " elements from offset " + std::to_string(a.offset) +
        ", the batch needs " + std::to_string(needed));
  }
  const size_t want = buffers_of(t);
  if (t.layout == Layout::kNull) return;  // the spec's null array has no buffers; some producers give one
  if (a.n_buffers < static_cast<int64_t>(want) || (t.layout != Layout::kView && a.n_buffers != static_cast<int64_t>(want))) {
    bad(std::string(what) + " has " + std::to_string(a.n_buffers) + " buffers, its type has " + std::to_string(want));
  }
  for (size_t b = 1; b < static_cast<size_t>(a.n_buffers); ++b) {
    // An empty array may leave its buffers out; a non-empty one may not.
    if (!a.buffers[b] && a.length > 0) bad(std::string(what) + " has no buffer " + std::to_string(b));
  }
}

// Appends codes for rows [begin, end): code(i) for valid rows (i = element index).
template <class Code>
void each_row(const Validity& v, int64_t first_element, int64_t begin, int64_t end, detail::ChunkColumn& out,
              Code&& code) {
  if (!v.any()) {
    for (int64_t r = begin; r < end; ++r) out.codes.push(code(first_element + r));
    return;
  }
  for (int64_t r = begin; r < end; ++r) {
    if (v.valid(r)) out.codes.push(code(first_element + r));
    else out.add_null();
  }
}

template <class Offset>
void encode_offsets(const ValueType& t, const ArrowArray& a, const Validity& v, int64_t first, int64_t begin,
                    int64_t end, detail::ChunkColumn& out) {
  const Offset* offsets = static_cast<const Offset*>(a.buffers[1]);
  const char* data = static_cast<const char*>(a.buffers[2]);
  const Offset data_end = a.length > 0 ? offsets[a.offset + a.length] : 0;
  const auto number = [&t] { return t.is_number; };
  each_row(v, first, begin, end, out, [&](int64_t i) {
    const Offset b = offsets[i], e = offsets[i + 1];
    if (b < 0 || e < b || e > data_end) bad("string offsets are out of order at element " + std::to_string(i));
    // 16 bytes from b are readable when they lie before the last value's end.
    return out.code_of(std::string_view(data + b, static_cast<size_t>(e - b)), number, b + 16 <= data_end);
  });
}

void encode_fixed(const ValueType& t, const ArrowArray& a, const Validity& v, int64_t first, int64_t begin,
                  int64_t end, detail::ChunkColumn& out) {
  const uint8_t* values = static_cast<const uint8_t*>(a.buffers[1]);
  const auto number = [&t] { return t.is_number; };
  std::string buffer;
  if (t.width > 8) {
    each_row(v, first, begin, end, out, [&](int64_t i) { return out.code_of(fixed_text(t, values, i, buffer), number); });
    return;
  }
  // A direct-mapped cache from a value's bits to its code: columns worth summarizing
  // repeat their values, so most cells skip the formatter and the dictionary.
  struct Entry {
    uint64_t bits = 0;
    uint32_t code = 0;  // 0: empty
  };
  std::array<Entry, 256> cache{};
  each_row(v, first, begin, end, out, [&](int64_t i) {
    uint64_t bits = 0;
    std::memcpy(&bits, values + static_cast<size_t>(i) * t.width, t.width);
    Entry& e = cache[(bits * 0x9E3779B97F4A7C15ull) >> 56];
    if (e.code != 0 && e.bits == bits) return e.code;
    const uint32_t code = out.code_of(fixed_text(t, values, i, buffer), number);
    e = Entry{bits, code};
    return code;
  });
}

void encode_values(const ValueType& t, const ArrowArray& a, const Validity& v, int64_t first, int64_t begin,
                   int64_t end, detail::ChunkColumn& out) {
  switch (t.layout) {
    case Layout::kNull:
      for (int64_t r = begin; r < end; ++r) out.add_null();
      return;
    case Layout::kBoolean: {
      const uint8_t* bits = static_cast<const uint8_t*>(a.buffers[1]);
      uint32_t codes[2] = {0, 0};
      each_row(v, first, begin, end, out, [&](int64_t i) {
        const bool b = bit(bits, i);
        if (!codes[b]) codes[b] = out.code_of(b ? "true" : "false", [] { return false; });
        return codes[b];
      });
      return;
    }
    case Layout::kFixed: return encode_fixed(t, a, v, first, begin, end, out);
    case Layout::kString: return encode_offsets<int32_t>(t, a, v, first, begin, end, out);
    case Layout::kLargeString: return encode_offsets<int64_t>(t, a, v, first, begin, end, out);
    case Layout::kView: {
      const auto number = [&t] { return t.is_number; };
      each_row(v, first, begin, end, out, [&](int64_t i) { return out.code_of(view_text(a, i), number); });
      return;
    }
  }
}

template <class Index>
void encode_dictionary(const ColumnType& t, const ArrowArray& a, const Validity& v, int64_t first, int64_t begin,
                       int64_t end, detail::ChunkColumn& out) {
  const Index* indices = static_cast<const Index*>(a.buffers[1]);
  const ArrowArray& dict = *a.dictionary;
  const uint8_t* dict_validity =
      dict.null_count != 0 && dict.n_buffers > 0 && dict.buffers[0] ? static_cast<const uint8_t*>(dict.buffers[0]) : nullptr;
  // Local code of each dictionary entry once it has occurred: 0 = not yet, kNullEntry =
  // a NULL entry. Codes follow first occurrence in the rows, not dictionary order.
  constexpr uint32_t kNullEntry = UINT32_MAX;
  std::vector<uint32_t> remap(static_cast<size_t>(dict.length), 0);
  std::string buffer;
  const auto number = [&t] { return t.value.is_number; };
  auto code = [&](int64_t i) -> uint32_t {
    const Index index = indices[i];
    if (index < 0 || static_cast<uint64_t>(index) >= static_cast<uint64_t>(dict.length)) {
      bad("dictionary index " + std::to_string(index) + " is out of range (the dictionary has " +
          std::to_string(dict.length) + " values)");
    }
    uint32_t& c = remap[static_cast<size_t>(index)];
    if (c == 0) {
      const int64_t element = dict.offset + static_cast<int64_t>(index);
      if (t.value.layout == Layout::kNull || (dict_validity && !bit(dict_validity, element))) c = kNullEntry;
      else c = out.code_of(element_text(t.value, dict, element, buffer), number);
    }
    return c == kNullEntry ? 0 : c;
  };
  each_row(v, first, begin, end, out, code);
}

}  // namespace

void check_array(const ColumnType& type, const ColumnInBatch& column, int64_t rows) {
  const ArrowArray& a = *column.array;
  const int64_t needed = column.parent_offset + rows;
  if (!type.dictionary) return check_values(type.value, a, needed, "the array");
  ValueType index;
  index.layout = Layout::kFixed;
  check_values(index, a, needed, "the array of dictionary indices");
  if (!a.dictionary) bad("the dictionary-encoded array has no dictionary");
  check_values(type.value, *a.dictionary, 0, "the dictionary");
}

void encode_rows(const ColumnType& type, const ColumnInBatch& column, int64_t begin, int64_t end,
                 detail::ChunkColumn& out) {
  const ArrowArray& a = *column.array;
  const Validity v = validity_of(column);
  const int64_t first = a.offset + column.parent_offset;
  if (!type.dictionary) return encode_values(type.value, a, v, first, begin, end, out);
  switch (type.index_width * 2 + (type.index_signed ? 1 : 0)) {
    case 3: return encode_dictionary<int8_t>(type, a, v, first, begin, end, out);
    case 2: return encode_dictionary<uint8_t>(type, a, v, first, begin, end, out);
    case 5: return encode_dictionary<int16_t>(type, a, v, first, begin, end, out);
    case 4: return encode_dictionary<uint16_t>(type, a, v, first, begin, end, out);
    case 9: return encode_dictionary<int32_t>(type, a, v, first, begin, end, out);
    case 8: return encode_dictionary<uint32_t>(type, a, v, first, begin, end, out);
    case 17: return encode_dictionary<int64_t>(type, a, v, first, begin, end, out);
    default: return encode_dictionary<uint64_t>(type, a, v, first, begin, end, out);
  }
}

void check_utf8(const ColumnType& type, const detail::ChunkColumn& column) {
  const ValueType& t = type.value;
  const bool text = t.layout == Layout::kString || t.layout == Layout::kLargeString || t.layout == Layout::kView ||
                    (t.layout == Layout::kFixed && t.text.kind == ValueKind::kString);
  if (!text) return;
  for (uint32_t k = 0; k < column.dictionary.size(); ++k) {
    const std::string_view value = column.dictionary.value(k);
    const size_t at = parquet::find_invalid_utf8(value);
    if (at == std::string_view::npos) continue;
    static constexpr char kHex[] = "0123456789abcdef";
    const auto c = static_cast<unsigned char>(value[at]);
    const std::string where = std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15] + " at offset " + std::to_string(at) +
                              " of a value";
    if (!t.binary) bad("invalid UTF-8 in a string value (" + where + ")");
    bad("binary value that is not UTF-8 text (" + where + "); tsum reads binary values as text, so leave this column out");
  }
}

}  // namespace tsum::arrow
