#include "report/sentences.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/format.h"

namespace tsum {
namespace {

struct Fraction {
  uint64_t num, den;
  const char* words;  // lower case; capitalised when it starts the sentence
  bool singular;
};

// In order of preference when two are equally close.
constexpr Fraction kFractions[] = {
    {1, 2, "half of the rows", false},
    {1, 3, "a third of the rows", false},
    {2, 3, "two thirds of the rows", false},
    {1, 4, "a quarter of the rows", false},
    {3, 4, "three quarters of the rows", false},
    {1, 5, "one in five rows", true},
    {2, 5, "two in five rows", false},
    {3, 5, "three in five rows", false},
    {4, 5, "four in five rows", false},
    {1, 10, "one in ten rows", true},
    {3, 10, "three in ten rows", false},
    {7, 10, "seven in ten rows", false},
    {9, 10, "nine in ten rows", false},
    {1, 6, "one in six rows", true},
    {1, 8, "one in eight rows", true},
    {1, 20, "one in twenty rows", true},
    {1, 50, "one in fifty rows", true},
    {1, 100, "one in a hundred rows", true},
};

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

std::string percent_text(double percent) {
  if (!(percent > 0)) return "0";
  if (percent >= 100) return "100";
  if (percent < 0.995) {
    // Two significant digits, trailing zeros dropped: 0.37, 0.5, 0.042, 0.00012.
    int decimals = 1 - static_cast<int>(std::floor(std::log10(percent)));
    std::string s = fmt::format("{:.{}f}", percent, decimals);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
  }
  std::string s = fmt::format("{:.1f}", percent);
  if (s == "100.0") return "99.9";  // not all of them
  if (s == "0.0") return "0.1";
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

ShareWords share_words(uint64_t rows, uint64_t total) {
  if (total == 0) return {"None of the rows", false};
  const double percent = 100.0 * static_cast<double>(rows) / static_cast<double>(total);
  const std::string pct = percent_text(percent);
  if (rows >= total) return {"All of the rows (100 %)", false};
  if (rows == 0) return {"None of the rows", false};
  // An exact simple fraction.
  for (const Fraction& f : kFractions) {
    if (rows * f.den == total * f.num) return {capitalised(f.words) + " (" + pct + " %)", f.singular};
  }
  // Within 2 % (relative) of a simple fraction: "About ...". Only for fractions of at least
  // one in ten, where the words say more than the number.
  const double p = static_cast<double>(rows) / static_cast<double>(total);
  const Fraction* nearest = nullptr;
  double best = 0;
  for (const Fraction& f : kFractions) {
    double v = static_cast<double>(f.num) / static_cast<double>(f.den);
    double off = std::fabs(p - v) / v;
    if (v >= 0.1 && off <= 0.02 && (!nearest || off < best)) {
      nearest = &f;
      best = off;
    }
  }
  if (total <= 20) return {fmt::format("{} of the {} rows ({} %)", rows, total, pct), false};
  if (nearest) return {std::string("About ") + nearest->words + " (" + pct + " %)", nearest->singular};
  if (percent >= 95) return {"Nearly all of the rows (" + pct + " %)", false};
  if (percent < 1) return {pct + " % of the rows (" + with_thousands(rows) + " rows)", false};
  return {pct + " % of the rows", false};
}

std::string pattern_clause(const SummaryPattern& pattern, const Decorate& column, const Decorate& value,
                           const std::vector<ColumnBins>& binned) {
  std::string out;
  const size_t n = pattern.items.size();
  for (size_t k = 0; k < n; ++k) {
    if (k > 0) out += k + 1 == n ? " and " : ", ";
    const PatternItem& item = pattern.items[k];
    const char* relation = " = ";
    if (std::any_of(binned.begin(), binned.end(), [&](const ColumnBins& b) { return b.column == item.column; })) {
      // A bin label: "< 15", "≥ 2000" (the comparison is in the label), or "[15, 60)", "2001-01".
      const std::string_view v = item.value;
      bool comparison = v.starts_with("<") || v.starts_with(">") || v.starts_with("\u2264") || v.starts_with("\u2265");
      relation = comparison ? " " : " in ";
    }
    out += column(item.column) + relation + value(item.value);
  }
  return out;
}

std::string pattern_sentence(const SummaryPattern& pattern, uint64_t total_rows, const Decorate& column,
                             const Decorate& value, const std::vector<ColumnBins>& binned) {
  ShareWords share = share_words(pattern.rows, total_rows);
  return share.text + (share.singular ? " has " : " have ") + pattern_clause(pattern, column, value, binned) + ".";
}

}  // namespace tsum
