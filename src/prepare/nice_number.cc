#include "prepare/nice_number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace tsum {
namespace {

double parse_plain(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// m * 10^e as exact plain decimal text.
std::string decimal_text(int64_t m, int e) {
  if (m == 0) return "0";
  std::string out = m < 0 ? "-" : "";
  std::string digits = std::to_string(m < 0 ? -m : m);
  if (e >= 0) {
    out.append(digits);
    out.append(static_cast<size_t>(e), '0');
    return out;
  }
  size_t frac = static_cast<size_t>(-e);
  if (digits.size() <= frac) digits = std::string(frac - digits.size() + 1, '0').append(digits);
  std::string_view whole(digits.data(), digits.size() - frac), fraction(digits.data() + whole.size(), frac);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  out.append(whole);
  if (!fraction.empty()) out.append(".").append(fraction);
  return out;
}

}  // namespace

std::string shortest_number(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value == 0 ? 0.0 : value);
  return std::string(buffer, result.ptr);
}

NiceNumber nicest_between(double lo, double hi, double target, bool integer) {
  double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  int e_max = magnitude > 0 ? static_cast<int>(std::floor(std::log10(magnitude))) + 1 : 0;
  int e_min = integer ? 0 : e_max - 17;
  for (int e = e_max; e >= e_min; --e) {
    for (int mantissa : {5, 2, 1}) {
      double step = mantissa * std::pow(10.0, e);
      double m_low = std::floor(lo / step) + 1, m_high = std::floor(hi / step);
      if (m_low > m_high + 1 || std::fabs(m_low) > 9e14 || std::fabs(m_high) > 9e14) continue;
      double m_target = std::clamp(std::round(target / step), m_low - 1, m_high + 1);
      // Floating-point division may be off by one near the ends: check the exact value.
      double best_distance = INFINITY;
      NiceNumber best;
      for (double m : {m_target - 1, m_target, m_target + 1, m_low - 1, m_low, m_high, m_high + 1}) {
        int64_t mi = static_cast<int64_t>(m) * mantissa;
        std::string text = decimal_text(mi, e);
        double v = parse_plain(text);
        if (!(lo < v && v <= hi)) continue;
        double d = std::fabs(v - target);
        if (d < best_distance) best_distance = d, best = NiceNumber{v, text, step};
      }
      if (best_distance < INFINITY) return best;
    }
  }
  return NiceNumber{hi, shortest_number(hi), 0};
}

std::string readable_number(const std::string& plain) {
  std::string_view digits = plain;
  std::string sign;
  if (!digits.empty() && digits[0] == '-') sign = "-", digits.remove_prefix(1);
  if (digits.find_first_not_of("0123456789") != std::string_view::npos || digits.size() < 5) return plain;
  struct Scale {
    size_t zeros;
    const char* suffix;
  };
  for (Scale s : {Scale{9, "B"}, Scale{6, "M"}, Scale{3, "k"}}) {
    if (digits.size() <= s.zeros) continue;
    std::string whole(digits.substr(0, digits.size() - s.zeros));
    std::string frac(digits.substr(digits.size() - s.zeros));
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (frac.size() > 2) return plain;
    return sign + whole + (frac.empty() ? "" : "." + frac) + s.suffix;
  }
  return plain;
}

}  // namespace tsum
