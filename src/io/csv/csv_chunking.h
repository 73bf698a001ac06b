// Cutting CSV text into chunks that start at record starts, so that chunks can be parsed
// independently.
//
// Nominal boundaries are fixed byte offsets. Whether a boundary falls inside a quoted
// field follows from the parity of the quotes before it (in valid CSV every quote toggles
// the "inside quotes" state: opening, closing, and each of a doubled pair), which is
// counted per nominal chunk in parallel. Each boundary then moves forward to the first
// line feed outside quotes. If the text before a boundary is malformed the moved boundary
// may be wrong, but only after the first error, which the chunk holding it reports.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace tsum::csv {

// True when data[begin, end) holds an odd number of '"'.
bool odd_quote_count(std::string_view data, size_t begin, size_t end);

// Record boundaries for the nominal boundaries `nominal` (increasing; nominal.front() is
// a record start outside quotes, nominal.back() the end of the text) given, for each
// nominal chunk j, odd[j] = odd_quote_count(data, nominal[j], nominal[j + 1]). Returns
// starts with starts.front() == nominal.front(), starts.back() == nominal.back(),
// non-decreasing; chunk j is [starts[j], starts[j + 1]) and may be empty.
std::vector<size_t> align_to_records(std::string_view data, const std::vector<size_t>& nominal,
                                     const std::vector<char>& odd);

// The same as if the text held no quote: each nominal boundary moves forward to just after
// the next line feed (a search for it, not a scan of every byte). Equal to
// align_to_records' answer whenever no quoted field holds a line feed; the reader's first
// guess, checked against align_to_records when a chunk met a quote. (Scanning for record
// starts from a guessed "outside quotes" state instead, a boundary inside a quoted field
// read every later quote out of phase: on a file quoting every text field it found no
// record start, scanned to the next boundary on one thread and cut chunks that had to be
// parsed again.)
std::vector<size_t> align_to_lines(std::string_view data, const std::vector<size_t>& nominal);

}  // namespace tsum::csv
