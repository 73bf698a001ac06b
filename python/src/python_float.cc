#include "python_float.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace tsum::python {
namespace {

// Lays out the shortest scientific form that std::to_chars produces
// ("[-]d[.ddd]e[+-]dd") the way CPython's float_repr_style "short" does.
std::string layout(std::string_view scientific) {
  std::string out;
  if (scientific.front() == '-') {
    out += '-';
    scientific.remove_prefix(1);
  }
  size_t e = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::string_view exp_text = scientific.substr(e + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);

  const int decpt = exponent + 1;  // digits are 0.d1d2... x 10^decpt
  const int n = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (n > 1) out += "." + digits.substr(1);
    out += exponent < 0 ? "e-" : "e+";
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
  } else if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-decpt), '0');
    out += digits;
  } else if (decpt >= n) {
    out += digits;
    out.append(static_cast<size_t>(decpt - n), '0');
    out += ".0";
  } else {
    out += digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
  }
  return out;
}

template <class F>
std::string repr(F x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
  return layout(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
}

}  // namespace

std::string python_float_repr(double x) { return repr(x); }
std::string python_float32_repr(float x) { return repr(x); }

}  // namespace tsum::python
