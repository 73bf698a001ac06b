#include "engine/brute_force.h"

#include <cmath>
#include <regex>

namespace tsum::test {
namespace {

using Pattern = std::vector<std::pair<size_t, std::string>>;

struct Spec {
  const RawTable& t;
  CostModelKind model;
  size_t d;
  std::vector<std::vector<std::string>> dictionary;  // first-appearance order
  std::vector<bool> numeric;
  std::vector<double> w;  // paper W_c

  Spec(const RawTable& table, CostModelKind m) : t(table), model(m), d(table.names.size()) {
    static const std::regex number(R"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)");
    for (size_t c = 0; c < d; ++c) {
      std::vector<std::string> values;
      bool all_numbers = true;
      size_t count = 0, bytes = 0;
      for (const auto& row : t.rows) {
        if (!row[c]) continue;
        const std::string& v = *row[c];
        ++count;
        bytes += v.size();
        if (!std::regex_match(v, number)) all_numbers = false;
        bool seen = false;
        for (const auto& x : values) seen = seen || x == v;
        if (!seen) values.push_back(v);
      }
      dictionary.push_back(values);
      numeric.push_back(count > 0 && all_numbers);
      w.push_back(count ? 8.0 * static_cast<double>(bytes) / static_cast<double>(count) : 0.0);
    }
  }

  static std::u32string decode(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
      unsigned char b = s[i];
      int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
      char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
      for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
      out.push_back(cp);
      i += 1 + extra;
    }
    return out;
  }

  double bits(size_t c, const std::string& v) const {
    if (model == CostModelKind::kPaper) return w[c];
    std::u32string cps = decode(v);
    if (model == CostModelKind::kTsumDask) {
      if (numeric[c]) return 256;
      char32_t widest = 0;
      for (char32_t cp : cps) widest = std::max(widest, cp);
      double n = static_cast<double>(cps.size());
      if (widest < 128) return 8 * (49 + n);
      if (widest < 256) return 8 * (73 + n);
      if (widest < 65536) return 8 * (74 + 2 * n);
      return 8 * (76 + 4 * n);
    }
    if (numeric[c]) return 64;
    double units = 0;
    for (char32_t cp : cps) units += cp >= 0x10000 ? 2 : 1;
    return 16 * units;
  }

  double overhead(double n) const {
    double dd = static_cast<double>(d);
    switch (model) {
      case CostModelKind::kPaper: return dd + 2 * std::ceil(std::log2(n + 2));
      case CostModelKind::kTsumDask: return dd * std::floor(2 * std::log2(n + 2));
      default: return dd + 2 * std::log2(n + 2);
    }
  }

  bool matches(size_t row, const Pattern& p) const {
    for (const auto& [c, v] : p) {
      if (!t.rows[row][c] || *t.rows[row][c] != v) return false;
    }
    return true;
  }

  size_t count(const std::vector<size_t>& rows, const Pattern& p) const {
    size_t n = 0;
    for (size_t r : rows) n += matches(r, p);
    return n;
  }

  double saving(const Pattern& p, const std::vector<size_t>& rows) const {
    double n = static_cast<double>(count(rows, p));
    if (p.empty()) return -overhead(static_cast<double>(rows.size()));
    double sum = 0;
    for (const auto& [c, v] : p) sum += bits(c, v);
    return (n - 1) * sum - overhead(n);
  }

  Pattern expand(const std::vector<size_t>& rows, const Pattern& p) const {
    Pattern best;
    bool have = false;
    double best_s = 0;
    for (size_t c = 0; c < d; ++c) {
      bool used = false;
      for (const auto& item : p) used = used || item.first == c;
      if (used) continue;
      for (const std::string& v : dictionary[c]) {
        Pattern q = p;
        q.push_back({c, v});
        double s = saving(q, rows);
        if (s > best_s) best = q, best_s = s, have = true;
      }
    }
    if (have && best_s > saving(p, rows)) return expand(rows, best);
    return p;
  }
};

}  // namespace

std::vector<BrutePattern> brute_force_summary(const RawTable& table, CostModelKind model) {
  Spec spec(table, model);
  std::vector<size_t> all;
  for (size_t r = 0; r < table.rows.size(); ++r) all.push_back(r);

  std::vector<Pattern> found;
  std::vector<size_t> residue = all;
  while (!residue.empty()) {
    Pattern p = spec.expand(residue, {});
    if (p.empty()) break;
    found.push_back(p);
    std::vector<size_t> left;
    for (size_t r : residue)
      if (!spec.matches(r, p)) left.push_back(r);
    residue = left;
  }

  std::vector<BrutePattern> out;
  residue = all;
  while (!found.empty()) {
    size_t best = 0;
    for (size_t i = 1; i < found.size(); ++i) {
      if (spec.saving(found[i], residue) > spec.saving(found[best], residue)) best = i;
    }
    Pattern p = found[best];
    double s = spec.saving(p, residue);
    found.erase(found.begin() + static_cast<long>(best));
    if (s > 0) {
      BrutePattern bp{p, s, spec.count(all, p), 0};
      bp.coverage = 100.0 * static_cast<double>(bp.rows) / static_cast<double>(table.rows.size());
      out.push_back(bp);
      std::vector<size_t> left;
      for (size_t r : residue)
        if (!spec.matches(r, p)) left.push_back(r);
      residue = left;
    }
  }
  return out;
}

}  // namespace tsum::test
