#include "io/json/json_diagnose.h"

#include <fmt/format.h>

#include <cstdint>
#include <vector>

#include "io/json/json_syntax.h"

namespace tsum::json {
namespace {

class Validator {
 public:
  Validator(std::string_view text, std::string_view end_name, size_t max_depth)
      : s_(text), end_name_(end_name), max_depth_(max_depth) {}

  std::optional<SyntaxError> run(size_t pos, bool stop_after_value) {
    pos_ = pos;
    if (!value()) return error_;
    if (!stop_after_value) {
      pos_ = skip_ws(s_, pos_);
      if (pos_ < s_.size()) {
        unexpected("unexpected " + describe_found(s_, pos_, end_name_) + " after the JSON value");
        return error_;
      }
    }
    return std::nullopt;
  }

 private:
  // Records an error at pos_ (or at `at`); always returns false.
  bool fail(std::string detail, size_t at) {
    error_ = SyntaxError{at, std::move(detail), false};
    return false;
  }
  bool fail(std::string detail) { return fail(std::move(detail), pos_); }
  bool utf8_error(size_t at) {
    error_ = SyntaxError{at, fmt::format("byte 0x{:02X}", static_cast<unsigned char>(s_[at])), true};
    return false;
  }
  // An error about the byte at pos_; bytes that are not UTF-8 are reported as such.
  bool unexpected(std::string detail) {
    if (pos_ < s_.size() && static_cast<unsigned char>(s_[pos_]) >= 0x80 && utf8_sequence(s_, pos_) == 0) {
      return utf8_error(pos_);
    }
    return fail(std::move(detail));
  }
  bool expected(std::string_view what) {
    if (pos_ >= s_.size()) return fail(fmt::format("unexpected {}; expected {}", end_name_, what));
    return unexpected(fmt::format("expected {}, found {}", what, describe_found(s_, pos_, end_name_)));
  }

  // Iterative over nesting, so that deep input cannot exhaust the stack.
  bool value() {
    std::vector<char> stack;  // '{' or '['
    for (;;) {
      // A value is expected at pos_.
      pos_ = skip_ws(s_, pos_);
      if (pos_ >= s_.size()) return expected("a value");
      char c = s_[pos_];
      if (c == '{' || c == '[') {
        if (stack.size() >= max_depth_) return fail(fmt::format("nesting deeper than {} levels", kMaxDepth));
        stack.push_back(c);
        pos_ = skip_ws(s_, pos_ + 1);
        if (pos_ < s_.size() && s_[pos_] == (c == '{' ? '}' : ']')) {
          ++pos_;
          stack.pop_back();
        } else if (c == '{') {
          if (!key()) return false;
          continue;
        } else {
          continue;
        }
      } else if (c == '"') {
        if (!string()) return false;
      } else if (!scalar()) {
        return false;
      }
      // A value ended; close containers and find where the next value starts.
      for (;;) {
        if (stack.empty()) return true;
        pos_ = skip_ws(s_, pos_);
        char close = stack.back() == '{' ? '}' : ']';
        if (pos_ >= s_.size()) {
          return fail(fmt::format("unexpected {}; the {} is not closed", end_name_,
                                  stack.back() == '{' ? "object" : "array"));
        }
        if (s_[pos_] == close) {
          ++pos_;
          stack.pop_back();
          continue;
        }
        if (s_[pos_] != ',') {
          return unexpected(fmt::format("expected ',' or '{}' after {}, found {}", close,
                                        stack.back() == '{' ? "an object member" : "an array element",
                                        describe_found(s_, pos_, end_name_)));
        }
        ++pos_;
        if (stack.back() == '{' && !key()) return false;
        break;
      }
    }
  }

  // At an object key (after '{' or ','): the key, whitespace and ':'.
  bool key() {
    pos_ = skip_ws(s_, pos_);
    if (pos_ >= s_.size() || s_[pos_] != '"') return expected("a string key");
    if (!string()) return false;
    pos_ = skip_ws(s_, pos_);
    if (pos_ >= s_.size() || s_[pos_] != ':') return expected("':' after the key");
    ++pos_;
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  // The 4 hex digits after "\u" at p (p points at the backslash), or -1.
  int32_t u_escape(size_t p) const {
    if (s_.size() - p < 6 || s_[p] != '\\' || s_[p + 1] != 'u') return -1;
    int32_t v = 0;
    for (size_t i = p + 2; i < p + 6; ++i) {
      int h = hex(s_[i]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }
  std::string escape_text(size_t p, size_t max_len) const {
    size_t end = p + 1;
    while (end < s_.size() && end < p + max_len && static_cast<unsigned char>(s_[end]) > 0x20 &&
           static_cast<unsigned char>(s_[end]) < 0x7f && s_[end] != '"' && s_[end] != '\\') {
      ++end;
    }
    return std::string(s_.substr(p, end - p));
  }

  // At the opening quote of a string.
  bool string() {
    size_t open = pos_++;
    for (;;) {
      if (pos_ >= s_.size()) return fail(fmt::format("string not closed before the {}", end_name_), open);
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) return fail(fmt::format("string not closed before the {}", end_name_), open);
        switch (s_[pos_ + 1]) {
          case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            pos_ += 2;
            continue;
          case 'u': {
            int32_t v = u_escape(pos_);
            if (v < 0) return fail(fmt::format("invalid escape '{}' in a string", escape_text(pos_, 6)));
            if (v >= 0xd800 && v <= 0xdbff) {
              int32_t low = u_escape(pos_ + 6);
              if (low < 0xdc00 || low > 0xdfff) {
                return fail(fmt::format("unpaired surrogate '{}' in a string", escape_text(pos_, 6)));
              }
              pos_ += 12;
            } else if (v >= 0xdc00 && v <= 0xdfff) {
              return fail(fmt::format("unpaired surrogate '{}' in a string", escape_text(pos_, 6)));
            } else {
              pos_ += 6;
            }
            continue;
          }
          default: {
            unsigned char e = static_cast<unsigned char>(s_[pos_ + 1]);
            if (e >= 0x21 && e < 0x7f) return fail(fmt::format("invalid escape '\\{}' in a string", static_cast<char>(e)));
            return fail(fmt::format("invalid escape: backslash followed by {}", describe_found(s_, pos_ + 1, end_name_)));
          }
        }
      }
      if (c < 0x20) return fail(fmt::format("unescaped control character U+{:04X} in a string", c));
      if (c >= 0x80) {
        size_t n = utf8_sequence(s_, pos_);
        if (n == 0) return utf8_error(pos_);
        pos_ += n;
        continue;
      }
      ++pos_;
    }
  }

  // At a byte that is not whitespace, a quote, '{' or '['.
  bool scalar() {
    size_t end = token_end(s_, pos_);
    std::string_view token = s_.substr(pos_, end - pos_);
    char c = s_[pos_];
    if (token.empty()) return expected("a value");
    if (c == '-' || (c >= '0' && c <= '9')) {
      if (!is_json_number(token)) return fail(fmt::format("invalid number {}", describe_found(s_, pos_, end_name_)));
    } else if (c == 't' || c == 'f' || c == 'n') {
      if (token != "true" && token != "false" && token != "null") {
        return fail(fmt::format("invalid literal {}", describe_found(s_, pos_, end_name_)));
      }
    } else {
      return expected("a value");
    }
    pos_ = end;
    // A scalar must be followed by whitespace, a structural character or the end; a
    // non-ASCII byte right after it is part of the bad token.
    if (pos_ < s_.size() && !ends_token(s_[pos_])) {
      return unexpected(fmt::format("unexpected {} after {}", describe_found(s_, pos_, end_name_), token));
    }
    return true;
  }

  std::string_view s_;
  std::string_view end_name_;
  size_t max_depth_;
  size_t pos_ = 0;
  SyntaxError error_;
};

}  // namespace

std::optional<SyntaxError> diagnose(std::string_view text, size_t pos, std::string_view end_name,
                                    bool stop_after_value, size_t max_depth) {
  return Validator(text, end_name, max_depth).run(pos, stop_after_value);
}

bool append_compact(std::string_view value, size_t max_depth, std::string& out) {
  if (Validator(value, "end of input", max_depth).run(0, false)) return false;
  out.reserve(out.size() + value.size());
  bool in_string = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (in_string) {
      out += c;
      if (c == '\\') {
        out += value[++i];  // valid: an escape always has a next byte
      } else if (c == '"') {
        in_string = false;
      }
    } else if (!is_ws(c)) {
      out += c;
      in_string = c == '"';
    }
  }
  return true;
}

}  // namespace tsum::json
