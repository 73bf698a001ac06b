#include "state/debezium_values.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

#include "prepare/civil_time.h"

namespace tsum::debezium {
namespace {

void append_padded(std::string& out, int64_t v, int width) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  for (int n = static_cast<int>(end - buf); n < width; ++n) out += '0';
  out.append(buf, end);
}

// Appends "YYYY-MM-DD" and returns whether the year is BC (the caller appends " BC").
bool append_date(int64_t days, std::string& out) {
  const CivilDate date = civil_from_days(days);  // prepare/civil_time.h
  const int64_t y = date.year;
  const auto m = static_cast<unsigned>(date.month), d = static_cast<unsigned>(date.day);
  const bool bc = y <= 0;
  append_padded(out, bc ? 1 - y : y, 4);
  out += '-';
  append_padded(out, m, 2);
  out += '-';
  append_padded(out, d, 2);
  return bc;
}

// Appends "HH:MM:SS[.frac]" for `ticks` of 10^-digits s within a day.
void append_time(int64_t ticks, int digits, std::string& out) {
  int64_t unit = 1;
  for (int i = 0; i < digits; ++i) unit *= 10;
  int64_t seconds = ticks / unit, frac = ticks % unit;
  append_padded(out, seconds / 3600, 2);
  out += ':';
  append_padded(out, seconds / 60 % 60, 2);
  out += ':';
  append_padded(out, seconds % 60, 2);
  if (frac != 0) {
    out += '.';
    size_t start = out.size();
    append_padded(out, frac, digits);
    while (out.size() > start && out.back() == '0') out.pop_back();
  }
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Positional or exponent form of a shortest round-trip text, as PostgreSQL chooses it.
void format_shortest(const char* sci, size_t n, int max_exponent, std::string& out) {
  // sci is "-d.ddde+XX" from to_chars(scientific).
  std::string_view s(sci, n);
  size_t e = s.find('e');
  int exponent = 0;
  const char* exp_begin = sci + e + 1 + (s[e + 1] == '+');  // from_chars takes '-' but not '+'
  std::from_chars(exp_begin, sci + n, exponent);
  if (exponent < -4 || exponent >= max_exponent) {
    out.append(s);
    return;
  }
  bool negative = s[0] == '-';
  char digit_buffer[32];  // at most 17 significant digits: no allocation per value
  size_t digit_count = 0;
  for (char c : s.substr(0, e)) {
    if (c >= '0' && c <= '9' && digit_count < sizeof digit_buffer) digit_buffer[digit_count++] = c;
  }
  std::string_view digits(digit_buffer, digit_count);
  if (negative) out += '-';
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
    return;
  }
  size_t int_len = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_len) {
    out += digits;
    out.append(int_len - digits.size(), '0');
  } else {
    out += digits.substr(0, int_len);
    out += '.';
    out += digits.substr(int_len);
  }
}

}  // namespace

bool format_date(int64_t days, std::string& out) {
  if (days < -1000000000 || days > 1000000000) return false;
  if (append_date(days, out)) out += " BC";
  return true;
}

bool format_timestamp(int64_t ticks, int digits, std::string& out) {
  int64_t unit = 1;
  for (int i = 0; i < digits; ++i) unit *= 10;
  const int64_t per_day = 86400 * unit;
  int64_t days = floor_div(ticks, per_day);
  int64_t in_day = ticks - days * per_day;
  bool bc = append_date(days, out);
  out += ' ';
  append_time(in_day, digits, out);
  if (bc) out += " BC";
  return true;
}

bool format_time(int64_t ticks, int digits, std::string& out) {
  if (ticks < 0) return false;
  append_time(ticks, digits, out);
  return true;
}

bool format_zoned(std::string_view iso, std::string& out) {
  // [date 'T'] HH:MM:SS[.fraction] ('Z' | +hh:mm | -hh:mm)
  size_t t = iso.find('T');
  std::string_view date = t == std::string_view::npos ? std::string_view() : iso.substr(0, t);
  std::string_view rest = t == std::string_view::npos ? iso : iso.substr(t + 1);
  size_t zone = rest.find_first_of("Z+-");
  if (zone == std::string_view::npos || zone < 8) return false;
  std::string_view time = rest.substr(0, zone), offset = rest.substr(zone);
  bool bc = false;
  if (!date.empty()) {
    if (date[0] == '-') {  // proleptic year <= 0 in ISO form: -0043 is 44 BC
      int64_t year = 0;
      size_t dash = date.find('-', 1);
      if (dash == std::string_view::npos) return false;
      std::from_chars(date.data() + 1, date.data() + dash, year);
      append_padded(out, year + 1, 4);
      out.append(date.substr(dash));
      bc = true;
    } else {
      out.append(date);
    }
    out += ' ';
  }
  if (size_t dot = time.find('.'); dot != std::string_view::npos) {
    std::string_view frac = time.substr(dot + 1);
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    out.append(time.substr(0, dot));
    if (!frac.empty()) {
      out += '.';
      out.append(frac);
    }
  } else {
    out.append(time);
  }
  if (offset == "Z") {
    out += "+00";
  } else {
    // "+05:30" -> "+05:30", "+05:00" -> "+05": PostgreSQL drops zero minutes.
    if (offset.size() == 6 && offset.substr(3) == ":00") offset = offset.substr(0, 3);
    out.append(offset);
  }
  if (bc) out += " BC";
  return true;
}

bool decode_base64(std::string_view text, std::string& out) {
  uint32_t acc = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '='; ++i) {
    int v = base64_value(text[i]);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  for (; i < text.size(); ++i) {
    if (text[i] != '=') return false;
  }
  return true;
}

bool format_decimal(std::string_view base64, int scale, std::string& out) {
  // Scratch buffers reused from value to value: no allocation per cell once warm.
  thread_local std::string bytes, digits, magnitude;
  thread_local std::vector<uint32_t> number;
  bytes.clear();
  if (!decode_base64(base64, bytes) || bytes.empty()) return false;
  const bool negative = static_cast<unsigned char>(bytes[0]) & 0x80;
  if (negative) {  // two's complement -> magnitude
    for (char& c : bytes) c = static_cast<char>(~static_cast<unsigned char>(c));
    for (size_t i = bytes.size(); i-- > 0;) {
      unsigned char b = static_cast<unsigned char>(bytes[i]);
      bytes[i] = static_cast<char>(b + 1);
      if (b != 0xff) break;
    }
  }
  // Magnitude in base 10^9 by repeated division of the big-endian bytes.
  number.assign(bytes.begin(), bytes.end());
  for (uint32_t& v : number) v &= 0xff;
  digits.clear();
  for (;;) {
    bool zero = true;
    uint64_t remainder = 0;
    for (uint32_t& v : number) {
      uint64_t cur = (remainder << 8) | v;
      v = static_cast<uint32_t>(cur / 1000000000u);
      remainder = cur % 1000000000u;
      zero = zero && v == 0;
    }
    for (int k = 0; k < 9; ++k) {
      digits += static_cast<char>('0' + remainder % 10);
      remainder /= 10;
    }
    if (zero) break;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  magnitude.assign(digits.rbegin(), digits.rend());
  if (scale > 0) {
    if (magnitude.size() <= static_cast<size_t>(scale)) magnitude.insert(0, static_cast<size_t>(scale) + 1 - magnitude.size(), '0');
    magnitude.insert(magnitude.size() - static_cast<size_t>(scale), 1, '.');
  } else if (scale < 0 && magnitude != "0") {
    magnitude.append(static_cast<size_t>(-scale), '0');
  }
  if (negative && magnitude.find_first_not_of("0.") != std::string::npos) out += '-';
  out += magnitude;
  return true;
}

void format_float8(double value, std::string& out) {
  if (std::isnan(value)) { out += "NaN"; return; }
  if (std::isinf(value)) { out += value > 0 ? "Infinity" : "-Infinity"; return; }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  (void)ec;
  format_shortest(buf, static_cast<size_t>(end - buf), 15, out);
}

void format_float4(float value, std::string& out) {
  if (std::isnan(value)) { out += "NaN"; return; }
  if (std::isinf(value)) { out += value > 0 ? "Infinity" : "-Infinity"; return; }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  (void)ec;
  format_shortest(buf, static_cast<size_t>(end - buf), 6, out);
}

bool format_bytea(std::string_view base64, std::string& out) {
  thread_local std::string bytes;
  bytes.clear();
  if (!decode_base64(base64, bytes)) return false;
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return true;
}

}  // namespace tsum::debezium
