#include "io/csv/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

#include "io/csv/csv_chunk_parser.h"
#include "io/csv/csv_chunking.h"
#include "io/csv/csv_sniff.h"
#include "io/csv/csv_syntax.h"
#include "io/csv/csv_utf8.h"
#include "report/progress.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

using csv::ErrorKind;
using csv::ParseError;

constexpr size_t kMinChunkBytes = size_t{1} << 20;
constexpr size_t kMaxChunkBytes = size_t{8} << 20;
constexpr size_t kChunksPerThread = 8;
constexpr size_t kMinChunkBytesPerColumn = 2048;

// Runs f(i, scratch) for every i in [0, n) on up to `threads` threads (the caller's
// included), taking indices in increasing order; `scratch` is a per-thread buffer.
// f must not throw.
template <class F>
void parallel_for(size_t n, unsigned threads, const F& f) {
  const size_t workers = std::min<size_t>(threads, n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    std::string scratch;
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) f(i, scratch);
  };
  std::vector<std::thread> pool;
  for (size_t k = 1; k < workers; ++k) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // run with the threads we have
    }
  }
  work();
  for (std::thread& t : pool) t.join();
}

// A byte as a message shows it: 'x', a name, or its hex code; a valid multi-byte UTF-8
// character starting at data[offset] is shown whole.
std::string describe_char(std::string_view data, size_t offset) {
  const auto c = static_cast<unsigned char>(data[offset]);
  switch (c) {
    case '\t': return "tab";
    case ' ': return "space";
    case '\r': return "carriage return";
    case '\n': return "line feed";
    default: break;
  }
  if (c > 0x20 && c < 0x7F) return std::string{'\'', static_cast<char>(c), '\''};
  const size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len != 0 && offset + len <= data.size() &&
      csv::find_invalid_utf8(data, offset, offset + len) == std::string_view::npos) {
    return "'" + std::string(data.substr(offset, len)) + "'";
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "byte 0x%02x", c);
  return buffer;
}

// Turns byte offsets into "<name>: line L[, column C]" and errors into DataErrors.
class Reporter {
 public:
  Reporter(std::string_view data, const std::string& name, size_t text_start, bool header, char delim)
      : data_(data), name_(name), text_start_(text_start), header_(header), delim_(delim) {}

  std::string where(size_t offset, bool with_column) const {
    const size_t line = 1 + static_cast<size_t>(std::count(data_.begin(), data_.begin() + offset, '\n'));
    std::string text = name_ + ": line " + std::to_string(line);
    if (with_column) {
      const size_t newline = offset == 0 ? std::string_view::npos : data_.rfind('\n', offset - 1);
      const size_t line_start = std::max(newline == std::string_view::npos ? 0 : newline + 1, text_start_);
      // Characters, not bytes: count the bytes that are not UTF-8 continuation bytes.
      size_t column = 1;
      for (size_t i = line_start; i < offset; ++i) column += (static_cast<unsigned char>(data_[i]) & 0xC0) != 0x80;
      text += ", column " + std::to_string(column);
    }
    return text;
  }

  [[noreturn]] void fail(const ParseError& error, size_t columns) const {
    const size_t at = error.offset;
    switch (error.kind) {
      case ErrorKind::kUnterminatedQuote:
        throw DataError(where(at, true) + ": unterminated quoted field, no closing quote before the end of the file");
      case ErrorKind::kQuoteInUnquotedField:
        throw DataError(where(at, true) +
                        ": quote in an unquoted field (quote the whole field and double the quotes inside it)");
      case ErrorKind::kCharAfterClosingQuote:
        throw DataError(where(at, true) + ": unexpected " + describe_char(data_, at) + " after a closing quote, expected " +
                        describe_char(std::string_view(&delim_, 1), 0) + " or the end of the line");
      case ErrorKind::kFieldCount:
        throw DataError(where(at, false) + ": row has " + std::to_string(error.fields) +
                        (error.fields == 1 ? " field, " : " fields, ") + (header_ ? "the header has " : "the first row has ") +
                        std::to_string(columns));
      case ErrorKind::kInvalidUtf8: {
        char detail[64];
        std::snprintf(detail, sizeof detail, ": invalid UTF-8, byte 0x%02x at byte offset %zu",
                      static_cast<unsigned char>(data_[at]), at);
        // A UTF-16 byte order mark: say so, since that is the usual cause.
        const bool utf16 = at == 0 && (data_.starts_with("\xFF\xFE") || data_.starts_with("\xFE\xFF"));
        throw DataError(where(at, true) + detail + (utf16 ? " (a UTF-16 byte order mark: convert the file to UTF-8)" : ""));
      }
      case ErrorKind::kNulByte:
        throw DataError(where(at, true) + ": NUL byte at byte offset " + std::to_string(at) +
                        "; this is binary or UTF-16 data, not UTF-8 text");
      case ErrorKind::kNone: break;
    }
    throw DataError(where(at, false) + ": malformed CSV");
  }

 private:
  std::string_view data_;
  const std::string& name_;
  size_t text_start_;
  bool header_;
  char delim_;
};

// Whether every name is non-empty and different from the others (the usual header; one
// hash lookup per name, where the repair below copies each name into two ordered sets:
// 10 % of reading a 10^5-column table).
bool header_names_usable(const std::vector<std::string>& names) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(names.size());
  for (const std::string& n : names) {
    if (n.empty() || !seen.insert(n).second) return false;
  }
  return true;
}

// The header's names made usable: empty ones named ("index" first, else column_N) and
// repeated ones suffixed (a, a -> a, a_2), each with a warning.
void fix_header_names(std::vector<std::string>& names, const std::string& where, const CsvOptions& options) {
  if (header_names_usable(names)) return;
  std::set<std::string> taken;
  for (const std::string& n : names) taken.insert(n);
  std::set<std::string> seen;
  for (size_t c = 0; c < names.size(); ++c) {
    std::string& n = names[c];
    if (n.empty()) {
      std::string base = c == 0 ? "index" : "column_" + std::to_string(c + 1);
      std::string name = base;
      for (size_t k = 2; taken.count(name); ++k) name = base + "_" + std::to_string(k);
      if (options.warn) options.warn(where + ": column " + std::to_string(c + 1) + " has no name; named it '" + name + "'");
      n = name;
      taken.insert(n);
    } else if (seen.count(n)) {
      std::string name;
      for (size_t k = 2;; ++k) {
        name = n + "_" + std::to_string(k);
        if (!taken.count(name)) break;
      }
      if (options.warn) {
        options.warn(Error::one_line(where + ": column name '" + n + "' repeated (column " + std::to_string(c + 1) +
                                     "); named it '" + name + "'"));
      }
      n = name;
      taken.insert(n);
    }
    seen.insert(n);
  }
}

// The text again with each record whose field count is not `columns` padded with empty
// fields and cut (kPad) or replaced by blank lines (kSkip), so that line numbers stay
// those of the file; records are copied verbatim otherwise. `touched` counts the
// records changed. Stops at the first syntax error, left for the parser to report.
std::string repair_ragged(std::string_view data, size_t body, size_t columns, char delim, RaggedRows mode,
                          size_t& touched) {
  std::string out(data.substr(0, body));
  out.reserve(data.size() + data.size() / 8);
  std::vector<std::string> fields;
  size_t pos = body;
  while (pos < data.size()) {
    if (columns > 1 && csv::is_blank_line(data, pos)) {
      const size_t next = csv::next_line(data, pos);
      out.append(data.substr(pos, next - pos));
      pos = next;
      continue;
    }
    fields.clear();
    const csv::RecordScan scan = csv::scan_record(data, pos, delim, &fields);
    if (scan.error || scan.fields == columns) {
      out.append(data.substr(pos, (scan.error ? data.size() : scan.end) - pos));
      if (scan.error) break;
      pos = scan.end;
      continue;
    }
    ++touched;
    const std::string_view record = data.substr(pos, scan.end - pos);
    const size_t lines = static_cast<size_t>(std::count(record.begin(), record.end(), '\n'));
    if (mode == RaggedRows::kSkip) {
      out.append(columns > 1 ? std::max<size_t>(lines, 1) : lines, '\n');
    } else {
      fields.resize(columns);
      for (size_t c = 0; c < columns; ++c) {
        if (c) out += delim;
        if (fields[c].empty()) continue;
        out += '"';
        for (const char ch : fields[c]) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += '"';
      }
      out += '\n';
    }
    pos = scan.end;
  }
  return out;
}

// True when the first line end is a bare CR (no LF right after it). Looks for the CR
// before the first LF only: searching the whole input for a CR, which a Unix file never
// has, was a serial pass over it (and the first touch of every page) before the chunks
// were parsed in parallel (docs/benchmarks.md, "No whole-file search for a CR").
bool bare_cr_line_ends(std::string_view data) {
  const size_t lf = data.find('\n');
  const size_t cr = data.substr(0, lf == std::string_view::npos ? data.size() : lf).find('\r');
  if (cr == std::string_view::npos) return false;
  return cr + 1 < data.size() && data[cr + 1] != '\n';
}

char checked_delimiter(char d) {
  if (d == '"' || d == '\n' || d == '\r' || static_cast<unsigned char>(d) >= 0x80) {
    throw UsageError("invalid CSV delimiter " + describe_char(std::string_view(&d, 1), 0) +
                     ": a delimiter cannot be a quote, a line break or a non-ASCII byte");
  }
  return d;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

struct ChunkState {
  std::optional<ChunkBuilder> rows;
  bool quotes = false;  // the chunk holds a quote (as far as it was parsed)
  ParseError error;
  std::exception_ptr exception;
};

}  // namespace

Table read_csv(const InputFile& input, const CsvOptions& options) {
  return read_csv(input.bytes(), input.display_name(), options);
}

Table read_csv(std::string_view data, const std::string& name, const CsvOptions& options) {
  if (bare_cr_line_ends(data)) {
    // Each bare CR becomes a LF: the same offsets, lines and columns in messages.
    std::string unix_text(data);
    for (size_t i = 0; i < unix_text.size(); ++i) {
      if (unix_text[i] == '\r' && (i + 1 == unix_text.size() || unix_text[i + 1] != '\n')) unix_text[i] = '\n';
    }
    return read_csv(std::string_view(unix_text), name, options);
  }
  const size_t n = data.size();
  const std::optional<char> given_delimiter =
      options.delimiter ? std::optional<char>(checked_delimiter(*options.delimiter)) : std::nullopt;
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  // The text after an optional byte order mark, which must hold more than white space.
  const size_t text_start = data.starts_with("\xEF\xBB\xBF") ? csv::kBomSize : 0;
  if (std::all_of(data.begin() + text_start, data.end(), is_space)) {
    throw DataError(name + (options.header ? ": empty file, no header row" : ": empty file, no rows"));
  }
  size_t first = text_start;  // the first record, after blank lines
  while (csv::is_blank_line(data, first)) first = csv::next_line(data, first);

  const char delim = given_delimiter ? *given_delimiter : csv::sniff_delimiter(data, first);
  const Reporter reporter(data, name, text_start, options.header, delim);

  // The first record: the header, or the first row, which fixes the number of columns.
  std::vector<std::string> names;
  const csv::RecordScan head = csv::scan_record(data, first, delim, options.header ? &names : nullptr);
  const size_t checked_end = head.error ? head.error.offset : head.end;
  if (const size_t bad = csv::find_invalid_utf8(data, first, checked_end); bad != std::string_view::npos) {
    reporter.fail({ErrorKind::kInvalidUtf8, bad}, head.fields);
  }
  if (const void* nul = std::memchr(data.data() + first, 0, checked_end - first)) {
    reporter.fail({ErrorKind::kNulByte, static_cast<size_t>(static_cast<const char*>(nul) - data.data())}, head.fields);
  }
  if (head.error) reporter.fail(head.error, head.fields);
  const size_t columns = head.fields;
  if (!options.header) {
    for (size_t c = 1; c <= columns; ++c) names.push_back("col" + std::to_string(c));
  } else {
    fix_header_names(names, reporter.where(first, false), options);
  }
  std::optional<TableBuilder> builder;
  try {
    builder.emplace(std::move(names));
  } catch (const DataError& e) {
    throw DataError(reporter.where(first, false) + ": " + e.what());
  }

  // Cut the body into chunks starting at record starts.
  const size_t body = options.header ? head.end : first;
  const size_t body_bytes = n - body;
  if (body_bytes == 0) return builder->finish(threads);
  // About kChunksPerThread chunks per thread of 1 to 8 MiB; but at least
  // kMinChunkBytesPerColumn bytes per column (room for that many records: a record of C
  // fields takes at least C bytes) as long as each thread still gets a chunk. A chunk pays
  // per column (every column's state and local dictionary, which the merge visits), and
  // 8 MiB of a 20,000-column table was ~200 records (docs/benchmarks.md, "Very wide
  // tables: chunks of at least 2 KiB per column").
  const size_t usual_chunk = std::clamp(body_bytes / (size_t{threads} * kChunksPerThread) + 1, kMinChunkBytes,
                                        kMaxChunkBytes);
  const size_t wide_chunk = std::min(columns * kMinChunkBytesPerColumn, body_bytes / threads + 1);
  const size_t chunk_bytes = options.chunk_bytes ? options.chunk_bytes : std::max(usual_chunk, wide_chunk);
  const size_t count = body_bytes / chunk_bytes + (body_bytes % chunk_bytes != 0);
  std::vector<size_t> nominal(count + 1);
  for (size_t j = 0; j < count; ++j) nominal[j] = body + j * chunk_bytes;
  nominal[count] = n;
  // Chunk boundaries are found speculatively first, as if the body held no quote: then
  // every line feed ends a record, and no pass over the text is needed to count quotes.
  // If a parsed chunk met a quote (or an error, after which chunks are skipped), the
  // boundaries are recomputed from the quote parity (csv_chunking.h) and the chunks parsed
  // again only if a boundary moved. Either way the boundaries are those of the exact
  // method, so the Table and the error reported do not change.
  std::vector<size_t> starts = csv::align_to_lines(data, nominal);

  // Parses the chunks. Chunks after one known to be bad are skipped: the first error in
  // file order is the one reported, whichever thread finds it first. On several threads
  // each good chunk goes to the builder as soon as it is parsed, so that the columns'
  // dictionaries are merged while later chunks are parsed (a parse that must be redone
  // starts a new builder). On one thread nothing can overlap, and merging column by column
  // at the end keeps each column's dictionary in cache (on 8,000 columns the chunk by
  // chunk merge cost 7 %: docs/benchmarks.md, "Merging while reading").
  const bool give_early = threads > 1 && count > 1;
  std::vector<ChunkState> states;
  const std::vector<std::string> column_names = builder->column_names();
  auto parse_all = [&](bool report_progress) {
    states.clear();
    states.resize(count);
    builder.emplace(column_names);
    if (give_early) builder->expect_chunks(count);
    std::atomic<size_t> first_bad{count};
    parallel_for(count, threads, [&](size_t j, std::string& scratch) {
      if (j > first_bad.load(std::memory_order_relaxed)) return;
      ChunkState& state = states[j];
      try {
        if (starts[j] == starts[j + 1]) {
          if (give_early) builder->put_chunk(j, builder->make_chunk());
          return;
        }
        state.rows.emplace(builder->make_chunk());
        // A record of C fields takes at least C bytes (C - 1 delimiters and a line feed),
        // and one-column blank lines one byte, so this bounds the chunk's rows.
        state.rows->reserve_rows((starts[j + 1] - starts[j]) / columns + 1);
        csv::ChunkOutcome outcome = csv::parse_chunk(data, starts[j], starts[j + 1], delim, *state.rows, scratch);
        state.quotes = outcome.quotes;
        if (outcome.non_ascii || outcome.error) {
          const size_t stop = outcome.error ? outcome.error.offset : starts[j + 1];
          if (const size_t bad = csv::find_invalid_utf8(data, starts[j], stop); bad != std::string_view::npos) {
            outcome.error = {ErrorKind::kInvalidUtf8, bad};
          }
        }
        const size_t checked = outcome.error ? outcome.error.offset : starts[j + 1];
        if (const void* nul = std::memchr(data.data() + starts[j], 0, checked - starts[j])) {
          outcome.error = {ErrorKind::kNulByte, static_cast<size_t>(static_cast<const char*>(nul) - data.data())};
        }
        state.rows->trim();
        state.error = outcome.error;
        if (report_progress && options.progress) options.progress->add_bytes(starts[j + 1] - starts[j]);
        if (give_early && !state.error) {
          builder->put_chunk(j, std::move(*state.rows));
          state.rows.reset();
        }
      } catch (...) {
        state.exception = std::current_exception();
      }
      if (state.error || state.exception) {
        state.rows.reset();
        size_t seen = first_bad.load(std::memory_order_relaxed);
        while (j < seen && !first_bad.compare_exchange_weak(seen, j, std::memory_order_relaxed)) {
        }
      }
    });
  };
  parse_all(true);

  const bool speculation_checked = count <= 1 || std::none_of(states.begin(), states.end(), [](const ChunkState& s) {
                                     return s.quotes || s.error || s.exception;
                                   });
  if (!speculation_checked) {
    std::vector<char> odd(count, 0);
    parallel_for(count, threads, [&](size_t j, std::string&) {
      odd[j] = csv::odd_quote_count(data, nominal[j], nominal[j + 1]);
    });
    std::vector<size_t> exact = csv::align_to_records(data, nominal, odd);
    if (exact != starts) {
      starts = std::move(exact);
      parse_all(false);
    }
  }

  for (ChunkState& state : states) {
    if (state.exception) std::rethrow_exception(state.exception);
    if (state.error && state.error.kind == ErrorKind::kFieldCount && options.ragged != RaggedRows::kError) {
      // Ragged rows to pad or skip: the text is mended, then read again as usual.
      size_t touched = 0;
      const std::string mended = repair_ragged(data, body, columns, delim, options.ragged, touched);
      CsvOptions again = options;
      again.ragged = RaggedRows::kError;
      again.warn = nullptr;  // the header's warnings were given already
      again.progress = nullptr;
      again.delimiter = delim;
      Table table = read_csv(std::string_view(mended), name, again);
      if (options.warn) {
        options.warn(name + ": " + std::to_string(touched) + (touched == 1 ? " row" : " rows") +
                     " with more or fewer fields than the " + (options.header ? "header" : "first row") + " " +
                     (options.ragged == RaggedRows::kPad ? "padded with empty fields or cut (--ragged pad)"
                                                         : "left out (--ragged skip)"));
      }
      return table;
    }
    if (state.error) reporter.fail(state.error, columns);
  }
  for (ChunkState& state : states) {
    if (state.rows) builder->add_chunk(std::move(*state.rows));  // given at the end
  }
  return builder->finish(threads);
}

}  // namespace tsum
