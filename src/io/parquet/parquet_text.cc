#include "io/parquet/parquet_text.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "io/parquet/parquet_error.h"
#include "prepare/civil_time.h"

namespace tsum::parquet {

namespace {

using K = LogicalType::Kind;

std::string logical_name(const LogicalType& t) {
  switch (t.kind) {
    case K::kNone: return "";
    case K::kString: return "STRING";
    case K::kMap: return "MAP";
    case K::kList: return "LIST";
    case K::kEnum: return "ENUM";
    case K::kDecimal: return "DECIMAL";
    case K::kDate: return "DATE";
    case K::kTime: return "TIME";
    case K::kTimestamp: return "TIMESTAMP";
    case K::kInteger: return "INTEGER";
    case K::kUnknown: return "UNKNOWN";
    case K::kJson: return "JSON";
    case K::kBson: return "BSON";
    case K::kUuid: return "UUID";
    case K::kFloat16: return "FLOAT16";
    case K::kOther:
      switch (t.union_field) {
        case 16: return "VARIANT";
        case 17: return "GEOMETRY";
        case 18: return "GEOGRAPHY";
        default: return "logical type " + std::to_string(t.union_field);
      }
  }
  return "?";
}

[[noreturn]] void unsupported(const SchemaElement& e) {
  std::string what = "unsupported type " + name(*e.type);
  if (e.logical.kind != K::kNone) {
    what += " " + logical_name(e.logical);
  } else if (e.converted_type != ConvertedType::kNone) {
    what += " " + name(e.converted_type);
  }
  fail(what);
}

int32_t checked_scale(int32_t scale) {
  if (scale < 0 || scale > 1000) fail("unsupported DECIMAL scale " + std::to_string(scale));
  return scale;
}

}  // namespace

ValueFormat resolve_format(const SchemaElement& e) {
  ValueFormat f;
  f.physical = *e.type;
  f.type_length = e.type_length;
  const LogicalType& lt = e.logical;
  const ConvertedType ct = e.converted_type;
  // An UNKNOWN (always-null) logical type says nothing about the values' text.
  const bool no_logical = lt.kind == K::kNone || lt.kind == K::kUnknown;
  auto decimal = [&] {
    f.kind = ValueKind::kDecimal;
    f.scale = checked_scale(lt.kind == K::kDecimal ? lt.scale : e.scale.value_or(0));
  };
  switch (f.physical) {
    case PhysicalType::kBoolean:
      f.kind = ValueKind::kBoolean;
      f.width = 1;
      break;
    case PhysicalType::kInt32:
    case PhysicalType::kInt64: {
      const bool is64 = f.physical == PhysicalType::kInt64;
      f.width = is64 ? 8 : 4;
      const ValueKind sint = is64 ? ValueKind::kInt64 : ValueKind::kInt32;
      const ValueKind uint = is64 ? ValueKind::kUInt64 : ValueKind::kUInt32;
      if (lt.kind == K::kInteger) {
        f.kind = lt.is_signed ? sint : uint;
      } else if (lt.kind == K::kDecimal) {
        decimal();
      } else if (lt.kind == K::kDate && !is64) {
        f.kind = ValueKind::kDate;
      } else if (lt.kind == K::kTime && (is64 ? lt.unit != TimeUnit::kMillis : lt.unit == TimeUnit::kMillis)) {
        f.kind = ValueKind::kTime;
        f.unit = lt.unit;
      } else if (lt.kind == K::kTimestamp && is64) {
        f.kind = ValueKind::kTimestamp;
        f.unit = lt.unit;
      } else if (!no_logical) {
        unsupported(e);
      } else {
        switch (ct) {
          case ConvertedType::kNone:
          case ConvertedType::kInt8:
          case ConvertedType::kInt16:
          case ConvertedType::kInt32:
          case ConvertedType::kInt64: f.kind = sint; break;
          case ConvertedType::kUint8:
          case ConvertedType::kUint16:
          case ConvertedType::kUint32:
          case ConvertedType::kUint64: f.kind = uint; break;
          case ConvertedType::kDecimal: decimal(); break;
          case ConvertedType::kDate:
            if (is64) unsupported(e);
            f.kind = ValueKind::kDate;
            break;
          case ConvertedType::kTimeMillis:
            if (is64) unsupported(e);
            f.kind = ValueKind::kTime;
            f.unit = TimeUnit::kMillis;
            break;
          case ConvertedType::kTimeMicros:
            if (!is64) unsupported(e);
            f.kind = ValueKind::kTime;
            f.unit = TimeUnit::kMicros;
            break;
          case ConvertedType::kTimestampMillis:
          case ConvertedType::kTimestampMicros:
            if (!is64) unsupported(e);
            f.kind = ValueKind::kTimestamp;
            f.unit = ct == ConvertedType::kTimestampMillis ? TimeUnit::kMillis : TimeUnit::kMicros;
            break;
          default: unsupported(e);
        }
      }
      break;
    }
    case PhysicalType::kInt96:
      f.kind = ValueKind::kInt96;
      f.width = 12;
      break;
    case PhysicalType::kFloat:
      f.kind = ValueKind::kFloat;
      f.width = 4;
      break;
    case PhysicalType::kDouble:
      f.kind = ValueKind::kDouble;
      f.width = 8;
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      const bool fixed = f.physical == PhysicalType::kFixedLenByteArray;
      if (fixed) {
        if (e.type_length <= 0) {
          fail("FIXED_LEN_BYTE_ARRAY column has type_length " + std::to_string(e.type_length));
        }
        f.width = static_cast<size_t>(e.type_length);
      }
      if (lt.kind == K::kString || lt.kind == K::kEnum || lt.kind == K::kJson) {
        f.kind = ValueKind::kString;
      } else if (lt.kind == K::kBson) {
        f.kind = ValueKind::kBinary;
      } else if (lt.kind == K::kDecimal) {
        decimal();
      } else if (lt.kind == K::kUuid && fixed && e.type_length == 16) {
        f.kind = ValueKind::kUuid;
      } else if (lt.kind == K::kFloat16 && fixed && e.type_length == 2) {
        f.kind = ValueKind::kFloat16;
      } else if (!no_logical) {
        unsupported(e);
      } else {
        switch (ct) {
          case ConvertedType::kNone: f.kind = ValueKind::kBinary; break;
          case ConvertedType::kUtf8:
          case ConvertedType::kEnum:
          case ConvertedType::kJson: f.kind = ValueKind::kString; break;
          case ConvertedType::kBson: f.kind = ValueKind::kBinary; break;
          case ConvertedType::kDecimal: decimal(); break;
          case ConvertedType::kInterval:
            if (!fixed || e.type_length != 12) unsupported(e);
            f.kind = ValueKind::kInterval;
            break;
          default: unsupported(e);
        }
      }
      break;
    }
    default:
      fail("unsupported " + name(f.physical));
  }
  switch (f.kind) {
    case ValueKind::kInt32:
    case ValueKind::kUInt32:
    case ValueKind::kInt64:
    case ValueKind::kUInt64:
    case ValueKind::kFloat:
    case ValueKind::kDouble:
    case ValueKind::kFloat16:
    case ValueKind::kDecimal: f.is_number = true; break;
    default: f.is_number = false; break;
  }
  return f;
}

size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, s + i, 8);
      if (v & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

namespace {

// ---- Small writers into a char buffer ------------------------------------------------

char* put_u64(char* p, uint64_t v) { return std::to_chars(p, p + 20, v).ptr; }

char* put_padded(char* p, uint64_t v, int width) {
  char tmp[24];
  char* end = std::to_chars(tmp, tmp + sizeof tmp, v).ptr;
  for (int pad = width - static_cast<int>(end - tmp); pad > 0; --pad) *p++ = '0';
  std::memcpy(p, tmp, static_cast<size_t>(end - tmp));
  return p + (end - tmp);
}

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// a = q * b + r with 0 <= r < b (b > 0), without overflow for any a.
void floor_divmod(int64_t a, int64_t b, int64_t& q, int64_t& r) {
  q = a / b;
  r = a % b;
  if (r < 0) --q, r += b;
}

// YYYY-MM-DD, and whether the year is BC (year <= 0; printed as 1 - year).
char* put_date(char* p, int64_t days, bool& bc) {
  const CivilDate date = civil_from_days(days);  // prepare/civil_time.h
  const int64_t y = date.year;
  const auto m = static_cast<unsigned>(date.month), d = static_cast<unsigned>(date.day);
  bc = y <= 0;
  p = put_padded(p, static_cast<uint64_t>(bc ? 1 - y : y), 4);
  *p++ = '-';
  p = put_padded(p, m, 2);
  *p++ = '-';
  return put_padded(p, d, 2);
}

// Fraction digits (without trailing zeros), preceded by '.', when non-zero.
char* put_fraction(char* p, uint64_t fraction, int digits) {
  if (fraction == 0) return p;
  while (fraction % 10 == 0) fraction /= 10, --digits;
  *p++ = '.';
  return put_padded(p, fraction, digits);
}

constexpr int64_t units_per_second(TimeUnit u) {
  return u == TimeUnit::kMillis ? 1000 : u == TimeUnit::kMicros ? 1000000 : 1000000000;
}
constexpr int fraction_digits(TimeUnit u) { return u == TimeUnit::kMillis ? 3 : u == TimeUnit::kMicros ? 6 : 9; }

// HH:MM:SS[.fraction] of a non-negative count of units (hours may exceed 23).
char* put_time_of_day(char* p, uint64_t v, TimeUnit unit) {
  const uint64_t per_second = static_cast<uint64_t>(units_per_second(unit));
  uint64_t seconds = v / per_second, fraction = v % per_second;
  p = put_padded(p, seconds / 3600, 2);
  *p++ = ':';
  p = put_padded(p, seconds / 60 % 60, 2);
  *p++ = ':';
  p = put_padded(p, seconds % 60, 2);
  return put_fraction(p, fraction, fraction_digits(unit));
}

// Timestamp from a day number and a non-negative time of day in `unit`s.
char* put_timestamp(char* p, int64_t days, uint64_t time_of_day, TimeUnit unit) {
  bool bc;
  p = put_date(p, days, bc);
  if (bc) p = static_cast<char*>(std::memcpy(p, " (BC)", 5)) + 5;
  *p++ = ' ';
  return put_time_of_day(p, time_of_day, unit);
}

char* put_timestamp_units(char* p, int64_t v, TimeUnit unit) {
  int64_t days, time_of_day;
  floor_divmod(v, units_per_second(unit) * 86400, days, time_of_day);
  return put_timestamp(p, days, static_cast<uint64_t>(time_of_day), unit);
}

template <class F>
char* put_float(char* p, F v) {
  if (std::isnan(v)) return static_cast<char*>(std::memcpy(p, "nan", 3)) + 3;
  return std::to_chars(p, p + 64, v).ptr;
}

float half_to_float(uint16_t h) {
  const uint32_t sign = (h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1F;
  uint32_t mant = h & 0x3FF;
  uint32_t bits;
  if (exp == 0x1F) {
    bits = sign | 0x7F800000u | (mant << 13);
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;
  } else {  // subnormal half: normalise
    int e = -1;
    do {
      mant <<= 1;
      ++e;
    } while (!(mant & 0x400));
    bits = sign | static_cast<uint32_t>(112 - e) << 23 | ((mant & 0x3FF) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t float_to_half(float f) {  // round to nearest even; only used to test round trips
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const int32_t exp = static_cast<int32_t>((x >> 23) & 0xFF) - 127 + 15;
  uint32_t mant = x & 0x7FFFFF;
  if (((x >> 23) & 0xFF) == 0xFF) return static_cast<uint16_t>(sign | 0x7C00u | (mant ? 0x200u : 0u));
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7C00u);
  if (exp <= 0) {
    if (exp < -10) return static_cast<uint16_t>(sign);
    mant |= 0x800000;
    const int shift = 14 - exp;
    uint32_t half = mant >> shift;
    const uint32_t rem = mant & ((1u << shift) - 1), mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(exp) << 10) | (mant >> 13);
  const uint32_t rem = mant & 0x1FFF;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1))) ++half;  // may carry into the exponent: correct
  return static_cast<uint16_t>(sign | half);
}

char* put_half(char* p, uint16_t h) {
  const float v = half_to_float(h);
  if (std::isnan(v) || std::isinf(v) || v == 0) return put_float(p, v);
  // The fewest significant digits that read back as the same half; then the shortest
  // text of that decimal's nearest float (a decimal of <= 5 digits prints as itself).
  for (int precision = 1; precision <= 5; ++precision) {
    char tmp[64];
    char* end = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::general, precision).ptr;
    float back;
    std::from_chars(tmp, end, back);
    if (float_to_half(back) == h) return std::to_chars(p, p + 64, back).ptr;
  }
  return put_float(p, v);
}

// Writes the decimal digits of an unsigned magnitude with the point `scale` digits from
// the right; `digits` are the magnitude's digits (most significant first).
size_t place_point(std::string& out, size_t start, std::string_view digits, int32_t scale) {
  const size_t s = static_cast<size_t>(scale);
  size_t p = start;
  if (s == 0) {
    out.replace(p, digits.size(), digits);
    return p + digits.size();
  }
  if (digits.size() <= s) {
    out[p++] = '0';
    out[p++] = '.';
    for (size_t z = digits.size(); z < s; ++z) out[p++] = '0';
    out.replace(p, digits.size(), digits);
    return p + digits.size();
  }
  const size_t whole = digits.size() - s;
  out.replace(p, whole, digits.substr(0, whole));
  p += whole;
  out[p++] = '.';
  out.replace(p, s, digits.substr(whole));
  return p + s;
}

// Digits of a 128-bit magnitude into tmp (right-aligned); returns the start.
char* u128_digits(unsigned __int128 v, char* end) {
  char* p = end;
  constexpr uint64_t kChunk = 10000000000000000000ull;  // 10^19
  while (v >= kChunk) {
    uint64_t low = static_cast<uint64_t>(v % kChunk);
    v /= kChunk;
    for (int i = 0; i < 19; ++i) *--p = static_cast<char>('0' + low % 10), low /= 10;
  }
  uint64_t top = static_cast<uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + top % 10);
    top /= 10;
  } while (top);
  return p;
}

std::string_view format_decimal(const ValueFormat& f, std::string_view raw, std::string& buffer) {
  const int32_t scale = f.scale;
  bool negative = false;
  std::string digits_big;
  char tmp[48];
  std::string_view digits;
  if (f.physical == PhysicalType::kInt32 || f.physical == PhysicalType::kInt64) {
    int64_t v = f.physical == PhysicalType::kInt32 ? load<int32_t>(raw.data()) : load<int64_t>(raw.data());
    negative = v < 0;
    uint64_t mag = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    char* end = tmp + sizeof tmp;
    char* begin = u128_digits(mag, end);
    digits = std::string_view(begin, static_cast<size_t>(end - begin));
  } else {
    // Big-endian two's complement of any length.
    const auto* b = reinterpret_cast<const unsigned char*>(raw.data());
    const size_t n = raw.size();
    negative = n > 0 && (b[0] & 0x80);
    if (n <= 16) {
      unsigned __int128 v = negative ? ~static_cast<unsigned __int128>(0) : 0;
      for (size_t i = 0; i < n; ++i) v = (v << 8) | b[i];
      if (negative) v = ~v + 1;  // magnitude (2^127 for the minimum: fine unsigned)
      char* end = tmp + sizeof tmp;
      char* begin = u128_digits(v, end);
      digits = std::string_view(begin, static_cast<size_t>(end - begin));
    } else {
      if (n > 256) fail("DECIMAL value of " + std::to_string(n) + " bytes is too long");
      // Magnitude as big-endian bytes, then repeated division by 10^9.
      std::string mag(raw);
      if (negative) {
        for (char& c : mag) c = static_cast<char>(~static_cast<unsigned char>(c));
        for (size_t i = n; i-- > 0;) {
          unsigned char& c = reinterpret_cast<unsigned char&>(mag[i]);
          if (++c != 0) break;
        }
      }
      size_t first = 0;
      while (first < n && mag[first] == 0) ++first;
      std::string reversed;
      while (first < n) {
        uint64_t rem = 0;
        for (size_t i = first; i < n; ++i) {
          uint64_t cur = (rem << 8) | static_cast<unsigned char>(mag[i]);
          mag[i] = static_cast<char>(cur / 1000000000u);
          rem = cur % 1000000000u;
        }
        while (first < n && mag[first] == 0) ++first;
        for (int k = 0; k < 9; ++k) reversed.push_back(static_cast<char>('0' + rem % 10)), rem /= 10;
      }
      while (reversed.size() > 1 && reversed.back() == '0') reversed.pop_back();
      if (reversed.empty()) reversed.push_back('0');
      digits_big.assign(reversed.rbegin(), reversed.rend());
      digits = digits_big;
    }
  }
  if (digits == "0") negative = false;
  const size_t need = digits.size() + static_cast<size_t>(scale) + 3;
  if (buffer.size() < need) buffer.resize(need);
  size_t p = 0;
  if (negative) buffer[p++] = '-';
  p = place_point(buffer, p, digits, scale);
  return {buffer.data(), p};
}

std::string_view format_interval(std::string_view raw, std::string& buffer) {
  const uint32_t months = load<uint32_t>(raw.data()), days = load<uint32_t>(raw.data() + 4),
                 millis = load<uint32_t>(raw.data() + 8);
  char* begin = buffer.data();
  char* p = begin;
  auto part = [&](uint64_t n, const char* unit) {
    if (n == 0) return;
    if (p != begin) *p++ = ' ';
    p = put_u64(p, n);
    *p++ = ' ';
    size_t len = std::strlen(unit);
    std::memcpy(p, unit, len);
    p += len;
    if (n != 1) *p++ = 's';
  };
  part(months / 12, "year");
  part(months % 12, "month");
  part(days, "day");
  if (millis != 0 || p == begin) {
    if (p != begin) *p++ = ' ';
    p = put_time_of_day(p, millis, TimeUnit::kMillis);
  }
  return {begin, static_cast<size_t>(p - begin)};
}

[[noreturn]] void bad_utf8(const ValueFormat& f, std::string_view raw, size_t at) {
  char hex[8];
  static const char* digits = "0123456789abcdef";
  const unsigned char c = static_cast<unsigned char>(raw[at]);
  hex[0] = digits[c >> 4];
  hex[1] = digits[c & 15];
  hex[2] = 0;
  std::string where = "byte 0x" + std::string(hex) + " at offset " + std::to_string(at) + " of a value";
  if (f.kind == ValueKind::kString) fail("invalid UTF-8 in a string value (" + where + ")");
  fail("binary value that is not UTF-8 text (" + where + "); tsum reads " + name(f.physical) +
       " values without a STRING annotation as text, so leave this column out");
}

}  // namespace

std::string_view format_value(const ValueFormat& f, std::string_view raw, std::string& buffer) {
  if (f.kind == ValueKind::kString || f.kind == ValueKind::kBinary) {
    size_t bad = find_invalid_utf8(raw);
    if (bad != std::string_view::npos) bad_utf8(f, raw, bad);
    return raw;
  }
  if (buffer.size() < 96) buffer.resize(96);
  char* begin = buffer.data();
  char* p = begin;
  const char* r = raw.data();
  switch (f.kind) {
    case ValueKind::kBoolean:
      return raw[0] ? std::string_view("true") : std::string_view("false");
    case ValueKind::kInt32: p = std::to_chars(p, p + 32, load<int32_t>(r)).ptr; break;
    case ValueKind::kUInt32: p = std::to_chars(p, p + 32, load<uint32_t>(r)).ptr; break;
    case ValueKind::kInt64: p = std::to_chars(p, p + 32, load<int64_t>(r)).ptr; break;
    case ValueKind::kUInt64: p = std::to_chars(p, p + 32, load<uint64_t>(r)).ptr; break;
    case ValueKind::kFloat: p = put_float(p, load<float>(r)); break;
    case ValueKind::kDouble: p = put_float(p, load<double>(r)); break;
    case ValueKind::kFloat16: p = put_half(p, load<uint16_t>(r)); break;
    case ValueKind::kDecimal: return format_decimal(f, raw, buffer);
    case ValueKind::kDate: {
      bool bc;
      p = put_date(p, load<int32_t>(r), bc);
      if (bc) p = static_cast<char*>(std::memcpy(p, " (BC)", 5)) + 5;
      break;
    }
    case ValueKind::kTime: {
      int64_t v = f.physical == PhysicalType::kInt32 ? load<int32_t>(r) : load<int64_t>(r);
      if (v < 0) *p++ = '-';
      p = put_time_of_day(p, v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v), f.unit);
      break;
    }
    case ValueKind::kTimestamp: p = put_timestamp_units(p, load<int64_t>(r), f.unit); break;
    case ValueKind::kInt96: {
      // Nanoseconds of the day (8 bytes), then the Julian day number (4 bytes).
      const int64_t nanos = load<int64_t>(r);
      const int64_t julian = load<int32_t>(r + 8);
      int64_t carry, time_of_day;
      floor_divmod(nanos, 86400000000000, carry, time_of_day);
      p = put_timestamp(p, julian - 2440588 + carry, static_cast<uint64_t>(time_of_day), TimeUnit::kNanos);
      break;
    }
    case ValueKind::kUuid: {
      static const char* hex = "0123456789abcdef";
      for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        const unsigned char c = static_cast<unsigned char>(r[i]);
        *p++ = hex[c >> 4];
        *p++ = hex[c & 15];
      }
      break;
    }
    case ValueKind::kInterval: return format_interval(raw, buffer);
    case ValueKind::kString:
    case ValueKind::kBinary: break;
  }
  return {begin, static_cast<size_t>(p - begin)};
}

}  // namespace tsum::parquet
