#include "io/csv/csv_sniff.h"

#include <algorithm>
#include <vector>

#include "io/csv/csv_syntax.h"

namespace tsum::csv {
namespace {

constexpr size_t kSampleRecords = 20;
constexpr size_t kSampleBytes = size_t{1} << 20;

// Field counts of the sampled records under delimiter `delim`.
std::vector<size_t> sample_field_counts(std::string_view data, size_t start, char delim) {
  const bool truncated = data.size() - start > kSampleBytes;
  const std::string_view sample = data.substr(0, truncated ? start + kSampleBytes : data.size());
  std::vector<size_t> counts;
  size_t pos = start;
  while (counts.size() < kSampleRecords && pos < sample.size()) {
    if (is_blank_line(sample, pos)) {
      pos = next_line(sample, pos);
      continue;
    }
    const RecordScan scan = scan_record(sample, pos, delim, nullptr);
    if (scan.error) break;
    // A record cut by the end of the sample is incomplete, unless it ended with its line feed.
    if (truncated && scan.end == sample.size() && sample.back() != '\n') break;
    counts.push_back(scan.fields);
    pos = scan.end;
  }
  return counts;
}

}  // namespace

char sniff_delimiter(std::string_view data, size_t start) {
  char best = ',';
  size_t best_first = 1;
  for (const char delim : kDelimiterCandidates) {
    const std::vector<size_t> counts = sample_field_counts(data, start, delim);
    if (counts.empty()) continue;
    const bool consistent =
        counts[0] > 1 && std::all_of(counts.begin(), counts.end(), [&](size_t c) { return c == counts[0]; });
    if (consistent) return delim;
    if (counts[0] > best_first) {
      best = delim;
      best_first = counts[0];
    }
  }
  return best;
}

}  // namespace tsum::csv
