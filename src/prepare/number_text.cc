#include "prepare/number_text.h"

#include <charconv>
#include <cmath>
#include <string>

namespace tsum {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

}  // namespace

std::optional<NumberText> parse_number_text(std::string_view text) {
  std::string_view t = trim_spaces(text);
  size_t i = 0, n = t.size();
  NumberText out;
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  size_t int_start = i;
  while (i < n && digit(t[i])) ++i;
  size_t int_digits = i - int_start;
  size_t frac_digits = 0;
  bool dot = false, exponent = false;
  if (i < n && t[i] == '.') {
    dot = true;
    ++i;
    size_t f = i;
    while (i < n && digit(t[i])) ++i;
    frac_digits = i - f;
  }
  if (int_digits == 0 && frac_digits == 0) return std::nullopt;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    exponent = true;
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    size_t e = i;
    while (i < n && digit(t[i])) ++i;
    if (i == e) return std::nullopt;
  }
  if (i != n) return std::nullopt;
  // from_chars takes no leading '+'.
  std::string_view body = t.substr(t[0] == '+' ? 1 : 0);
  double value = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(value)) return std::nullopt;
  out.value = value == 0 ? 0.0 : value;  // no -0
  out.integer = !dot && !exponent;
  out.zero_padded = int_digits >= 2 && t[int_start] == '0';
  return out;
}

}  // namespace tsum
