#include "io/postgres/pg_text.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "io/postgres/database_url.h"

namespace tsum::pg {
namespace {

// Type OIDs from PostgreSQL's catalog (src/include/catalog/pg_type.dat); stable across
// versions.
constexpr uint32_t kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
                   kFloat8Oid = 701, kTimestamptzOid = 1184, kNumericOid = 1700;

int octal(char c) { return c >= '0' && c <= '7' ? c - '0' : -1; }
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <class T>
bool reformat_real(std::string_view text, std::string& scratch, std::string_view& out) {
  // PostgreSQL spells the special values NaN, Infinity and -Infinity: keep them.
  if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
    out = text;
    return true;
  }
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    scratch = "not a floating-point number: '" + std::string(text) + "'";
    return false;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  scratch.assign(buffer, result.ptr);
  out = scratch;
  return true;
}

}  // namespace

ValueKind value_kind(uint32_t oid) {
  switch (oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: return ValueKind::kInteger;
    case kNumericOid: return ValueKind::kNumeric;
    case kFloat4Oid: return ValueKind::kFloat4;
    case kFloat8Oid: return ValueKind::kFloat8;
    case kBoolOid: return ValueKind::kBool;
    case kTimestamptzOid: return ValueKind::kTimestamptz;
    default: return ValueKind::kText;
  }
}

bool is_number_kind(ValueKind kind) {
  return kind == ValueKind::kInteger || kind == ValueKind::kNumeric || kind == ValueKind::kFloat4 ||
         kind == ValueKind::kFloat8;
}

const char* kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kInteger: return "integer";
    case ValueKind::kNumeric: return "numeric";
    case ValueKind::kFloat4: return "float4";
    case ValueKind::kFloat8: return "float8";
    case ValueKind::kBool: return "boolean";
    case ValueKind::kTimestamptz: return "timestamptz";
    default: return "text";
  }
}

bool canonical_value(ValueKind kind, std::string_view text, std::string& scratch, std::string_view& out) {
  switch (kind) {
    case ValueKind::kFloat8: return reformat_real<double>(text, scratch, out);
    case ValueKind::kFloat4: return reformat_real<float>(text, scratch, out);
    case ValueKind::kBool:
      if (text == "t") out = "true";
      else if (text == "f") out = "false";
      else {
        scratch = "not a boolean: '" + std::string(text) + "'";
        return false;
      }
      return true;
    case ValueKind::kTimestamptz: {
      // "2024-05-01 12:00:00.5+00", "0044-03-15 12:00:00+00 BC", "infinity".
      size_t plus = text.rfind("+00");
      if (plus != std::string_view::npos &&
          (plus + 3 == text.size() || text.substr(plus + 3) == " BC")) {
        scratch.assign(text.substr(0, plus));
        scratch.append(text.substr(plus + 3));
        out = scratch;
      } else {
        out = text;
      }
      return true;
    }
    default: out = text; return true;
  }
}

void unescape_copy_field(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 1 == text.size()) {
      out += c;
      continue;
    }
    char e = text[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < text.size() && hex(text[i + 1]) >= 0) v = v * 16 + hex(text[++i]), ++n;
        if (n == 0) out += 'x';
        else out += static_cast<char>(v);
        break;
      }
      default:
        if (octal(e) >= 0) {
          int v = octal(e), n = 1;
          while (n < 3 && i + 1 < text.size() && octal(text[i + 1]) >= 0) v = v * 8 + octal(text[++i]), ++n;
          out += static_cast<char>(v & 0xFF);
        } else {
          out += e;
        }
    }
  }
}

size_t CopyRowSplitter::split(std::string_view row) {
  if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
  size_t n = 0;
  const char* p = row.data();
  const char* end = p + row.size();
  for (;;) {
    const char* tab = static_cast<const char*>(std::memchr(p, '\t', end - p));
    const char* stop = tab ? tab : end;
    std::string_view f(p, stop - p);
    if (n == fields_.size()) {
      fields_.emplace_back();
      nulls_.push_back(false);
      unescaped_.emplace_back();
    }
    if (f.size() == 2 && f[0] == '\\' && f[1] == 'N') {
      nulls_[n] = true;
      fields_[n] = {};
    } else {
      nulls_[n] = false;
      if (std::memchr(f.data(), '\\', f.size())) {
        unescape_copy_field(f, unescaped_[n]);
        fields_[n] = unescaped_[n];
      } else {
        fields_[n] = f;
      }
    }
    ++n;
    if (!tab) break;
    p = tab + 1;
  }
  return n;
}

std::string trim_statement(std::string_view sql) {
  // End of the last token that is neither blank, comment nor ';' (0 when none).
  size_t last = 0;
  size_t i = 0, n = sql.size();
  auto ident_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  while (i < n) {
    char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';') {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;  // PostgreSQL's block comments nest
      while (i < n) {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') depth++, i += 2;
        else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          i += 2;
          if (--depth == 0) break;
        } else ++i;
      }
    } else if (c == '\'' || c == '"') {
      // E'...' allows backslash escapes; the E was an ordinary token character just before.
      bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                     (i < 2 || !ident_char(sql[i - 2]));
      ++i;
      while (i < n) {
        if (escapes && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) i += 2;  // doubled quote
          else break;
        } else {
          ++i;
        }
      }
      i = std::min(i + 1, n);
      last = i;
    } else if (c == '$' && (i == 0 || !ident_char(sql[i - 1]))) {
      // $tag$ ... $tag$ (tag empty or an identifier not starting with a digit); $1 is a parameter.
      size_t j = i + 1;
      while (j < n && ident_char(sql[j]) && sql[j] != '$') ++j;
      bool tag_ok = j < n && sql[j] == '$' && !(j > i + 1 && sql[i + 1] >= '0' && sql[i + 1] <= '9');
      if (tag_ok) {
        std::string_view tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        i = close == std::string_view::npos ? n : close + tag.size();
      } else {
        i = j;
      }
      last = i;
    } else {
      ++i;
      last = i;
    }
  }
  return std::string(sql.substr(0, last));
}

}  // namespace tsum::pg
