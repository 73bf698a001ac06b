// Plain-language sentences about patterns, shared by the HTML and Markdown reports:
// "Half of the rows (50 %) have gender = M and age = adult."
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tsum/summary.h"

namespace tsum {

// A percentage as sentences show it: "50", "33.3", "0.37", "0.042" (two significant digits
// below 1), "100"; never rounded to 0 or 100 when it is not.
std::string percent_text(double percent);

// How `rows` of `total` rows read in words, with the percentage:
//   "All of the rows (100 %)", "Half of the rows (50 %)", "A third of the rows (33.3 %)",
//   "One in ten rows (10 %)", "About a quarter of the rows (24.8 %)",
//   "7 of the 13 rows (53.8 %)" (small tables), "Nearly all of the rows (97.3 %)",
//   "3.2 % of the rows", "0.4 % of the rows (37 rows)".
// `singular` is true when the phrase takes "has" ("One in ten rows has ...").
struct ShareWords {
  std::string text;
  bool singular = false;
};
ShareWords share_words(uint64_t rows, uint64_t total);

// "Half of the rows (50 %) have gender = M and age = adult." Column names and values go
// through `column` and `value` (escaping, markup); the rest of the sentence is plain ASCII
// and safe in HTML and Markdown. A column in `binned` reads as a range: "delay < 15",
// "distance in [500, 1000)", "date in 2001-01".
using Decorate = std::function<std::string(std::string_view)>;
std::string pattern_sentence(const SummaryPattern& pattern, uint64_t total_rows, const Decorate& column,
                             const Decorate& value, const std::vector<ColumnBins>& binned = {});

// "gender = M and age = adult", "a = 1, b = 2 and c = 3".
std::string pattern_clause(const SummaryPattern& pattern, const Decorate& column, const Decorate& value,
                           const std::vector<ColumnBins>& binned = {});

}  // namespace tsum
