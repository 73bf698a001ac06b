#include "diff/pattern_counts.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "table/parallel_for.h"

namespace tsum {

CodePattern to_codes(const Table& table, const std::vector<PatternItem>& items) {
  CodePattern p;
  for (const PatternItem& item : items) {
    ptrdiff_t c = table.find_column(item.column);
    if (c < 0) return {};
    const Column& column = table.column(static_cast<size_t>(c));
    uint32_t found = 0;
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      if (column.value(code) == item.value) {
        found = code;
        break;
      }
    }
    if (found == 0) return {};
    p.items.emplace_back(static_cast<uint32_t>(c), found);
  }
  std::sort(p.items.begin(), p.items.end());
  return p;
}

std::vector<SideCounts> count_patterns(const Table& table, const std::vector<uint8_t>& side,
                                       const std::vector<CodePattern>& patterns) {
  // Each pattern is led by its rarest item over the whole table.
  std::vector<std::pair<uint32_t, uint32_t>> lead(patterns.size());
  std::map<uint32_t, std::vector<uint32_t>> lead_codes;  // column -> leading codes
  for (size_t i = 0; i < patterns.size(); ++i) {
    const auto& items = patterns[i].items;
    lead[i] = *std::min_element(items.begin(), items.end(), [&](const auto& x, const auto& y) {
      return table.column(x.first).code_counts()[x.second] < table.column(y.first).code_counts()[y.second];
    });
    lead_codes[lead[i].first].push_back(lead[i].second);
  }
  std::vector<uint32_t> lead_columns;
  for (auto& [column, codes] : lead_codes) {
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    lead_columns.push_back(column);
  }
  // postings[k][code]: rows holding `code` in lead_columns[k], ascending (codes not leading
  // any pattern have empty lists).
  std::vector<std::unordered_map<uint32_t, std::vector<uint64_t>>> postings(lead_columns.size());
  parallel_for(size_t{0}, lead_columns.size(), [&](size_t k) {
    const Column& column = table.column(lead_columns[k]);
    std::vector<uint8_t> wanted(uint64_t{column.cardinality()} + 1, 0);
    for (uint32_t code : lead_codes[lead_columns[k]]) {
      wanted[code] = 1;
      postings[k][code];
    }
    column.visit_codes([&](const auto* codes) {
      for (uint64_t r = 0; r < table.rows(); ++r) {
        if (wanted[codes[r]]) postings[k][codes[r]].push_back(r);
      }
    });
  });
  std::vector<SideCounts> counts(patterns.size());
  parallel_for(size_t{0}, patterns.size(), [&](size_t i) {
    size_t k = static_cast<size_t>(std::lower_bound(lead_columns.begin(), lead_columns.end(), lead[i].first) - lead_columns.begin());
    const std::vector<uint64_t>& rows = postings[k].at(lead[i].second);
    SideCounts c;
    for (uint64_t r : rows) {
      bool match = true;
      for (const auto& [column, code] : patterns[i].items) {
        if (table.column(column).code_at(r) != code) {
          match = false;
          break;
        }
      }
      if (!match) continue;
      if (side[r] == 0) ++c.old_rows;
      else if (side[r] == 1) ++c.new_rows;
    }
    counts[i] = c;
  });
  return counts;
}

}  // namespace tsum
