// An independent, deliberately simple CSV reader for differential tests: a byte-at-a-time
// state machine implementing the behaviour documented in src/io/csv/csv_reader.h,
// including the choice of the reported error and its message. It shares no code with the
// reader.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "csv_test_util.h"

namespace tsum::csv_test {

struct Reference {
  std::vector<std::string> names;
  Rows rows;
  std::string error;  // without the "FILE: " prefix; empty when the input is valid
};

namespace reference_detail {

// Length of the valid UTF-8 character at s[i], or 0. Decodes the code point and checks
// its range, rather than matching byte patterns.
inline size_t utf8_char(const std::string& s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(i + k) & 0x3F);
  }
  const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

inline std::string describe(const std::string& s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '\t') return "tab";
  if (c == ' ') return "space";
  if (c == '\r') return "carriage return";
  if (c == '\n') return "line feed";
  if (c > 0x20 && c < 0x7F) return std::string("'") + s[i] + "'";
  if (const size_t len = utf8_char(s, i); len > 1) return "'" + s.substr(i, len) + "'";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "byte 0x%02x", c);
  return buffer;
}

}  // namespace reference_detail

inline Reference reference_read(const std::string& text, char delim, bool header) {
  using namespace reference_detail;
  // Bare-CR files (the first CR comes before any LF and is not followed by one, not at the
  // very end): every CR that no LF follows is a line feed.
  std::string s = text;
  const size_t first_cr = s.find('\r');
  if (first_cr != std::string::npos && first_cr < s.find('\n') && first_cr + 1 < s.size() && s[first_cr + 1] != '\n') {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) s[i] = '\n';
    }
  }
  Reference out;
  const size_t n = s.size();
  const size_t text_start = s.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  bool only_space = true;
  for (size_t i = text_start; i < n; ++i) only_space = only_space && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n');
  if (only_space) {
    out.error = header ? "empty file, no header row" : "empty file, no rows";
    return out;
  }
  auto where = [&](size_t offset, bool column) {
    size_t line = 1, line_start = text_start;
    for (size_t i = 0; i < offset; ++i) {
      if (s[i] == '\n') ++line, line_start = i + 1;
    }
    std::string text = "line " + std::to_string(line);
    if (column) {
      size_t chars = 0;
      for (size_t i = line_start; i < offset;) {
        const size_t len = utf8_char(s, i);
        i += len ? len : 1;
        ++chars;
      }
      text += ", column " + std::to_string(chars + 1);
    }
    return text;
  };
  auto blank_at = [&](size_t p) { return s[p] == '\n' || (s[p] == '\r' && (p + 1 == n || s[p + 1] == '\n')); };
  auto skip_line = [&](size_t p) {
    while (p < n && s[p] != '\n') ++p;
    return p < n ? p + 1 : n;
  };

  size_t i = text_start;
  while (blank_at(i)) i = skip_line(i);
  size_t error_at = n;  // offset of the first structural error; UTF-8 is checked before it
  std::string error;
  size_t columns = 0;
  bool first = true;
  while (i < n && error.empty()) {
    if (!first && columns > 1 && blank_at(i)) {
      i = skip_line(i);
      continue;
    }
    const size_t record_start = i;
    std::vector<Cell> fields;
    enum { kFieldStart, kUnquoted, kQuoted, kAfterQuote } state = kFieldStart;
    std::string field;
    size_t open = 0;
    auto push = [&] {
      fields.push_back(field.empty() ? Cell() : Cell(field));
      field.clear();
    };
    bool done = false;
    while (!done && error.empty()) {
      if (i == n) {
        if (state == kQuoted) {
          error_at = open;
          error = where(open, true) + ": unterminated quoted field, no closing quote before the end of the file";
          break;
        }
        if (state == kUnquoted && !field.empty() && field.back() == '\r') field.pop_back();
        push();
        done = true;
        break;
      }
      const char c = s[i];
      switch (state) {
        case kFieldStart:
          if (c == '"') {
            open = i++;
            state = kQuoted;
          } else {
            state = kUnquoted;
          }
          break;
        case kUnquoted:
          if (c == delim) {
            push();
            state = kFieldStart;
            ++i;
          } else if (c == '\n') {
            if (!field.empty() && field.back() == '\r') field.pop_back();
            push();
            ++i;
            done = true;
          } else if (c == '"') {
            error_at = i;
            error = where(i, true) +
                    ": quote in an unquoted field (quote the whole field and double the quotes inside it)";
          } else {
            field += c;
            ++i;
          }
          break;
        case kQuoted:
          if (c == '"') {
            state = kAfterQuote;
          } else {
            field += c;
          }
          ++i;
          break;
        case kAfterQuote:
          if (c == '"') {
            field += '"';
            state = kQuoted;
            ++i;
          } else if (c == delim) {
            push();
            state = kFieldStart;
            ++i;
          } else if (c == '\n') {
            push();
            ++i;
            done = true;
          } else if (c == '\r' && (i + 1 == n || s[i + 1] == '\n')) {
            push();
            i += i + 1 == n ? 1 : 2;
            done = true;
          } else {
            error_at = i;
            error = where(i, true) + ": unexpected " + describe(s, i) + " after a closing quote, expected " +
                    describe(std::string(1, delim), 0) + " or the end of the line";
          }
          break;
      }
    }
    if (!error.empty()) break;
    if (first) {
      first = false;
      columns = fields.size();
      if (header) {
        for (Cell& f : fields) out.names.push_back(f.value_or(""));
        continue;
      }
      for (size_t c = 1; c <= columns; ++c) out.names.push_back("col" + std::to_string(c));
    } else if (fields.size() != columns) {
      error_at = record_start;
      error = where(record_start, false) + ": row has " + std::to_string(fields.size()) +
              (fields.size() == 1 ? " field, " : " fields, ") + (header ? "the header has " : "the first row has ") +
              std::to_string(columns);
      break;
    }
    out.rows.push_back(std::move(fields));
  }
  for (size_t k = 0; k < error_at;) {
    const size_t len = utf8_char(s, k);
    if (len == 0) {
      char detail[64];
      std::snprintf(detail, sizeof detail, ": invalid UTF-8, byte 0x%02x at byte offset %zu",
                    static_cast<unsigned char>(s[k]), k);
      out.error = where(k, true) + detail;
      return out;
    }
    k += len;
  }
  out.error = error;
  return out;
}

}  // namespace tsum::csv_test
