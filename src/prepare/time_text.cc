#include "prepare/time_text.h"

#include <cctype>

#include "prepare/civil_time.h"

namespace tsum {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view t) : t_(t) {}
  bool done() const { return i_ == t_.size(); }
  char peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  size_t spaces() {
    size_t n = 0;
    while (peek() == ' ') ++i_, ++n;
    return n;
  }
  // 1..max digits (exactly `exact` when given); -1 when none.
  int64_t digits(int min, int max, int* count = nullptr) {
    int n = 0;
    int64_t v = 0;
    while (n < max && std::isdigit(static_cast<unsigned char>(peek()))) v = v * 10 + (t_[i_++] - '0'), ++n;
    if (count) *count = n;
    if (n < min) return -1;
    if (n == max && std::isdigit(static_cast<unsigned char>(peek()))) return -1;  // too many digits
    return v;
  }
  std::string_view letters() {
    size_t s = i_;
    while (std::isalpha(static_cast<unsigned char>(peek()))) ++i_;
    return t_.substr(s, i_ - s);
  }
  char take() { return t_[i_++]; }

 private:
  std::string_view t_;
  size_t i_ = 0;
};

int month_from_name(std::string_view name) {
  static constexpr std::string_view kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                                "july",    "august",   "september", "october", "november", "december"};
  if (name.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kNames[m];
    if (name.size() > full.size()) continue;
    bool match = true;
    for (size_t i = 0; i < name.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(name[i])) != full[i]) match = false;
    }
    // The three-letter abbreviation, "Sept", or the full name.
    if (match && (name.size() == 3 || name.size() == full.size() || (m == 8 && name.size() == 4))) return m + 1;
  }
  return 0;
}

bool valid_date(int64_t y, int64_t m, int64_t d) {
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, static_cast<int>(m));
}

// The optional time and zone after a date; false when something else follows.
bool parse_time_part(Cursor& c, TimeText& out) {
  size_t sp = c.spaces();
  if (c.done()) return true;
  if (sp == 0 && !c.eat('T')) return false;
  int64_t h = c.digits(1, 2);
  if (h < 0 || h > 23 || !c.eat(':')) return false;
  int64_t mi = c.digits(2, 2);
  if (mi < 0 || mi > 59) return false;
  int64_t s = 0;
  if (c.eat(':')) {
    s = c.digits(2, 2);
    if (s < 0 || s > 60) return false;
    if (s == 60) s = 59;  // a leap second stays in its minute
    if (c.eat('.') || c.eat(',')) {
      bool any = false;
      while (std::isdigit(static_cast<unsigned char>(c.peek()))) {
        any = true;
        if (c.take() != '0') out.fraction = true;
      }
      if (!any) return false;
    }
  }
  out.has_time = true;
  out.seconds += h * 3600 + mi * 60 + s;
  c.spaces();
  if (c.done()) return true;
  if (c.eat('Z')) return c.done();
  std::string_view zone = c.letters();
  if (zone == "UTC" || zone == "GMT") {
    if (c.done()) return true;
  } else if (!zone.empty()) {
    return false;
  }
  char sign = c.peek();
  if (sign != '+' && sign != '-') return false;
  c.eat(sign);
  int n = 0;
  int64_t oh = c.digits(2, 4, &n);
  if (oh < 0) return false;
  int64_t om = 0;
  if (n == 4) {
    om = oh % 100;
    oh /= 100;
  } else if (n == 2 && c.eat(':')) {
    om = c.digits(2, 2);
    if (om < 0) return false;
  } else if (n != 2) {
    return false;
  }
  if (oh > 18 || om > 59 || !c.done()) return false;
  int64_t offset = oh * 3600 + om * 60;
  out.seconds -= sign == '+' ? offset : -offset;
  return true;
}

std::optional<TimeText> finish(Cursor& c, int64_t y, int64_t m, int64_t d) {
  if (!valid_date(y, m, d)) return std::nullopt;
  TimeText out;
  out.seconds = days_from_civil(y, static_cast<int>(m), static_cast<int>(d)) * kSecondsPerDay;
  if (!parse_time_part(c, out)) return std::nullopt;
  return out;
}

// YYYY-MM-DD, YYYY/MM/DD, YYYY-MM.
std::optional<TimeText> parse_year_first(Cursor c) {
  int64_t y = c.digits(4, 4);
  char sep = c.peek();
  if (y < 0 || (sep != '-' && sep != '/')) return std::nullopt;
  c.eat(sep);
  int64_t m = c.digits(1, 2);
  if (m < 0) return std::nullopt;
  if (!c.eat(sep)) {
    if (sep == '-' && c.done()) return finish(c, y, m, 1);  // YYYY-MM
    return std::nullopt;
  }
  int64_t d = c.digits(1, 2);
  if (d < 0) return std::nullopt;
  return finish(c, y, m, d);
}

// a/b/YYYY.
std::optional<TimeText> parse_slash(Cursor c, SlashOrder order) {
  int64_t a = c.digits(1, 2);
  if (a < 0 || !c.eat('/')) return std::nullopt;
  int64_t b = c.digits(1, 2);
  if (b < 0 || !c.eat('/')) return std::nullopt;
  int64_t y = c.digits(4, 4);
  if (y < 0) return std::nullopt;
  return order == SlashOrder::kMonthFirst ? finish(c, y, a, b) : finish(c, y, b, a);
}

// Mon D YYYY, Mon D, YYYY, D Mon YYYY, D-Mon-YYYY.
std::optional<TimeText> parse_month_name(Cursor c) {
  if (std::isalpha(static_cast<unsigned char>(c.peek()))) {
    int m = month_from_name(c.letters());
    if (m == 0) return std::nullopt;
    c.eat('.');
    if (c.spaces() == 0) return std::nullopt;
    int64_t d = c.digits(1, 2);
    if (d < 0) return std::nullopt;
    c.eat(',');
    if (c.spaces() == 0) return std::nullopt;
    int64_t y = c.digits(4, 4);
    if (y < 0) return std::nullopt;
    return finish(c, y, m, d);
  }
  int64_t d = c.digits(1, 2);
  if (d < 0) return std::nullopt;
  bool dash = c.eat('-');
  if (!dash && c.spaces() == 0) return std::nullopt;
  int m = month_from_name(c.letters());
  if (m == 0) return std::nullopt;
  if (dash ? !c.eat('-') : c.spaces() == 0) return std::nullopt;
  int64_t y = c.digits(4, 4);
  if (y < 0) return std::nullopt;
  return finish(c, y, m, d);
}

std::string_view trim(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

}  // namespace

bool is_slash_date(std::string_view text) {
  Cursor c(trim(text));
  return c.digits(1, 2) >= 0 && c.eat('/') && c.digits(1, 2) >= 0 && c.eat('/') && c.digits(4, 4) >= 0;
}

std::optional<TimeText> parse_time_text(std::string_view text, SlashOrder order) {
  std::string_view t = trim(text);
  if (t.size() < 7 || t.size() > 64) return std::nullopt;
  unsigned char first = static_cast<unsigned char>(t[0]);
  if (std::isalpha(first)) return parse_month_name(Cursor(t));
  if (!std::isdigit(first)) return std::nullopt;
  if (t.size() >= 5 && std::isdigit(static_cast<unsigned char>(t[3])) && std::isdigit(static_cast<unsigned char>(t[2])) &&
      std::isdigit(static_cast<unsigned char>(t[1])))
    return parse_year_first(Cursor(t));
  if (is_slash_date(t)) return parse_slash(Cursor(t), order);
  return parse_month_name(Cursor(t));
}

}  // namespace tsum
