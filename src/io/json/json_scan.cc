#include "io/json/json_scan.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

#include "io/json/json_syntax.h"

namespace tsum::json {
namespace {

constexpr std::string_view kEnd = "end of input";

// Byte classes while skipping a container: 1 quote, 2 opening, 3 closing bracket.
constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> c{};
  c['"'] = 1;
  c['{'] = 2;
  c['['] = 2;
  c['}'] = 3;
  c[']'] = 3;
  return c;
}
constexpr std::array<uint8_t, 256> kClass = make_classes();

// Offset just after the quote that closes the string opened at `open`, or npos.
size_t string_end(std::string_view s, size_t open) {
  const char* base = s.data();
  size_t p = open + 1;
  while (p < s.size()) {
    const void* q = std::memchr(base + p, '"', s.size() - p);
    if (!q) return std::string_view::npos;
    size_t at = static_cast<size_t>(static_cast<const char*>(q) - base);
    size_t backslashes = 0;
    while (at - backslashes > open + 1 && base[at - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at + 1;
    p = at + 1;
  }
  return std::string_view::npos;
}

ScanError unclosed_string(size_t open, size_t value_start) {
  return ScanError{open, fmt::format("string not closed before the {}", kEnd), value_start};
}

}  // namespace

std::optional<ScanError> skip_value(std::string_view s, size_t pos, size_t& end) {
  char c = s[pos];
  if (c == '"') {
    end = string_end(s, pos);
    if (end == std::string_view::npos) return unclosed_string(pos, pos);
    return std::nullopt;
  }
  if (c != '{' && c != '[') {
    end = token_end(s, pos);
    if (end == pos) {
      return ScanError{pos, fmt::format("expected a value, found {}", describe_found(s, pos, kEnd)), pos};
    }
    return std::nullopt;
  }
  std::string stack(1, c);
  const unsigned char* base = reinterpret_cast<const unsigned char*>(s.data());
  size_t p = pos + 1, n = s.size();
  for (;;) {
    while (p < n && kClass[base[p]] == 0) ++p;
    if (p >= n) {
      return ScanError{n, fmt::format("unexpected {}; the {} is not closed", kEnd,
                                      stack.back() == '{' ? "object" : "array"), pos};
    }
    switch (kClass[base[p]]) {
      case 1: {
        size_t e = string_end(s, p);
        if (e == std::string_view::npos) return unclosed_string(p, pos);
        p = e;
        break;
      }
      case 2:
        if (stack.size() >= kMaxDepth) return ScanError{p, fmt::format("nesting deeper than {} levels", kMaxDepth), pos};
        stack.push_back(static_cast<char>(base[p]));
        ++p;
        break;
      default: {
        char open = stack.back() == '{' ? '}' : ']';
        if (static_cast<char>(base[p]) != open) {
          return ScanError{p, fmt::format("found '{}' where '{}' was expected", static_cast<char>(base[p]), open), pos};
        }
        stack.pop_back();
        ++p;
        if (stack.empty()) {
          end = p;
          return std::nullopt;
        }
      }
    }
  }
}

SplitResult split_array(std::string_view s, size_t open) {
  SplitResult r;
  size_t p = skip_ws(s, open + 1);
  auto not_closed = [&] { return ScanError{s.size(), fmt::format("unexpected {}; the array is not closed", kEnd)}; };
  if (p < s.size() && s[p] == ']') {
    ++p;
  } else {
    for (;;) {
      p = skip_ws(s, p);
      if (p >= s.size()) {
        r.error = not_closed();
        return r;
      }
      size_t end = 0;
      if (auto e = skip_value(s, p, end)) {
        r.error = std::move(e);
        return r;
      }
      r.records.push_back(Span{p, end - p});
      p = skip_ws(s, end);
      if (p >= s.size()) {
        r.error = not_closed();
        return r;
      }
      if (s[p] == ']') {
        ++p;
        break;
      }
      if (s[p] != ',') {
        r.error = ScanError{p, fmt::format("expected ',' or ']' after an array element, found {}",
                                           describe_found(s, p, kEnd))};
        return r;
      }
      ++p;
    }
  }
  p = skip_ws(s, p);
  if (p < s.size()) {
    r.error = ScanError{p, fmt::format("unexpected {} after the end of the array", describe_found(s, p, kEnd))};
  }
  return r;
}

SplitResult split_sequence(std::string_view s, size_t pos) {
  SplitResult r;
  for (size_t p = skip_ws(s, pos); p < s.size(); p = skip_ws(s, p)) {
    size_t end = 0;
    if (auto e = skip_value(s, p, end)) {
      r.error = std::move(e);
      return r;
    }
    r.records.push_back(Span{p, end - p});
    p = end;
  }
  return r;
}

std::vector<Span> split_lines(std::string_view s, size_t begin, size_t target) {
  std::vector<Span> units;
  if (target == 0) target = 1;
  size_t p = begin;
  while (p < s.size()) {
    size_t e = s.size();
    if (s.size() - p > target) {
      size_t from = p + target - 1;
      const void* nl = std::memchr(s.data() + from, '\n', s.size() - from);
      if (nl) e = static_cast<size_t>(static_cast<const char*>(nl) - s.data()) + 1;
    }
    units.push_back(Span{p, e - p});
    p = e;
  }
  return units;
}

}  // namespace tsum::json
