#include "io/json/json_syntax.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace tsum::json {

size_t skip_ws(std::string_view s, size_t pos) {
  while (pos < s.size() && is_ws(s[pos])) ++pos;
  return pos;
}

std::string_view trim_right(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && is_ws(s[n - 1])) --n;
  return s.substr(0, n);
}

bool ends_token(char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r':
    case '{': case '}': case '[': case ']': case ',': case ':': case '"':
      return true;
    default:
      return false;
  }
}

size_t token_end(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x21 || c > 0x7e || ends_token(static_cast<char>(c))) break;
    ++pos;
  }
  return pos;
}

bool is_json_number(std::string_view t) {
  auto digit = [&](size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (!digit(i)) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}

size_t utf8_sequence(std::string_view s, size_t pos, uint32_t* code_point) {
  auto byte = [&](size_t i) -> uint32_t { return static_cast<unsigned char>(s[i]); };
  if (pos >= s.size()) return 0;
  uint32_t b0 = byte(pos);
  size_t n;
  uint32_t cp, min;
  if (b0 < 0x80) {
    if (code_point) *code_point = b0;
    return 1;
  } else if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2, cp = b0 & 0x1f, min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3, cp = b0 & 0x0f, min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - pos < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    uint32_t b = byte(pos + i);
    if ((b & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  if (code_point) *code_point = cp;
  return n;
}

std::string describe_found(std::string_view s, size_t pos, std::string_view end_name) {
  if (pos >= s.size()) return std::string(end_name);
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c >= 0x80) {
    uint32_t cp;
    if (utf8_sequence(s, pos, &cp) == 0) return fmt::format("byte 0x{:02X}", c);
    return fmt::format("U+{:04X}", cp);
  }
  if (c < 0x20 || c == 0x7f) return fmt::format("control character U+{:04X}", c);
  if (c == ' ') return "' '";
  if (ends_token(static_cast<char>(c))) return fmt::format("'{}'", static_cast<char>(c));
  constexpr size_t kShown = 24;
  size_t end = token_end(s, pos);
  if (end - pos > kShown) return fmt::format("'{}...'", s.substr(pos, kShown));
  return fmt::format("'{}'", s.substr(pos, end - pos));
}

std::string_view value_kind(char c) {
  switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return "a number";
    default:
      return {};
  }
}

std::string quote_key(std::string_view key) {
  constexpr size_t kShown = 80;
  bool cut = false;
  if (key.size() > kShown) {
    size_t n = kShown;
    while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xc0) == 0x80) --n;  // whole characters
    key = key.substr(0, n);
    cut = true;
  }
  std::string out = "\"";
  for (char ch : key) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += ch;
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

LineColumn locate(std::string_view input, size_t content_start, size_t offset) {
  offset = std::min(offset, input.size());
  content_start = std::min(content_start, offset);
  LineColumn where;
  const char* base = input.data();
  const char* p = base + content_start;
  const char* end = base + offset;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) break;
    ++where.line;
    p = static_cast<const char*>(nl) + 1;
  }
  for (; p < end; ++p) {
    if ((static_cast<unsigned char>(*p) & 0xc0) != 0x80) ++where.column;
  }
  return where;
}

}  // namespace tsum::json
