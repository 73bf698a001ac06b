#include "io/csv/csv_syntax.h"

#include <cstring>

namespace tsum::csv {

RecordScan scan_record(std::string_view data, size_t pos, char delim, std::vector<std::string>* out) {
  const size_t n = data.size();
  size_t i = pos;
  RecordScan scan;
  for (;;) {  // one field per iteration
    ++scan.fields;
    std::string* text = out ? &out->emplace_back() : nullptr;
    if (i < n && data[i] == '"') {
      const size_t open = i++;
      for (;;) {
        const size_t q = data.find('"', i);
        if (q == std::string_view::npos) {
          scan.end = n;
          scan.error = {ErrorKind::kUnterminatedQuote, open};
          return scan;
        }
        if (text) text->append(data.substr(i, q - i));
        if (q + 1 < n && data[q + 1] == '"') {
          if (text) text->push_back('"');
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i == n) {
        scan.end = n;
        return scan;
      }
      const char c = data[i];
      if (c == delim) {
        ++i;
        continue;
      }
      if (c == '\n') {
        scan.end = i + 1;
        return scan;
      }
      if (c == '\r' && (i + 1 == n || data[i + 1] == '\n')) {
        scan.end = i + 1 == n ? n : i + 2;
        return scan;
      }
      scan.end = i;
      scan.error = {ErrorKind::kCharAfterClosingQuote, i};
      return scan;
    }
    const size_t start = i;
    while (i < n && data[i] != delim && data[i] != '\n' && data[i] != '"') ++i;
    if (i < n && data[i] == '"') {
      scan.end = i;
      scan.error = {ErrorKind::kQuoteInUnquotedField, i};
      return scan;
    }
    if (i < n && data[i] == delim) {
      if (text) text->append(data.substr(start, i - start));
      ++i;
      continue;
    }
    // End of line or of data; one "\r" before it belongs to the line end.
    size_t stop = i;
    if (stop > start && data[stop - 1] == '\r') --stop;
    if (text) text->append(data.substr(start, stop - start));
    scan.end = i == n ? n : i + 1;
    return scan;
  }
}

bool is_blank_line(std::string_view data, size_t pos) {
  const size_t n = data.size();
  if (data[pos] == '\n') return true;
  return data[pos] == '\r' && (pos + 1 == n || data[pos + 1] == '\n');
}

size_t next_line(std::string_view data, size_t pos) {
  const void* lf = std::memchr(data.data() + pos, '\n', data.size() - pos);
  return lf ? static_cast<size_t>(static_cast<const char*>(lf) - data.data()) + 1 : data.size();
}

}  // namespace tsum::csv
