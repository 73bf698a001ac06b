// Delimiter detection for CSV files whose delimiter was not given.
#pragma once

#include <cstddef>
#include <string_view>

namespace tsum::csv {

// The candidates, in order of preference.
inline constexpr char kDelimiterCandidates[] = {',', '\t', ';', '|'};

// Detects the delimiter of the CSV text starting at `start` (the first non-blank line).
//
// Rule: for each candidate in the order , \t ; | the first 20 records (at most 1 MiB of
// text, blank lines skipped, records parsed quote-aware with that candidate as delimiter,
// stopping at the first malformed record) are split into fields. The first candidate
// under which every sampled record has the same number of fields, and that number is at
// least 2, wins. When none does, the candidate giving the most fields in the first record
// wins (earlier candidates win ties), so that the reader then reports the inconsistent
// row; when no candidate splits the first record, ',' is used (a one-column file).
char sniff_delimiter(std::string_view data, size_t start);

}  // namespace tsum::csv
