#include "io/csv/csv_chunk_parser.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TSUM_CSV_X86 1
#define TSUM_CSV_AVX2 __attribute__((target("avx2,bmi")))
#endif

#include "io/csv/csv_cell_block.h"
#include "table/chunk_column.h"

namespace tsum::csv {
namespace {

// Bit i of each mask describes byte i of a 64-byte block.
struct Masks {
  uint64_t quote;
  uint64_t delim;
  uint64_t lf;
  bool non_ascii;
};

// Portable mask builder, used where no vector unit is known.
struct ScalarScanner {
  char delim;
  Masks scan(const char* p) const {
    Masks m{0, 0, 0, false};
    unsigned char any = 0;
    for (unsigned i = 0; i < 64; ++i) {
      const char c = p[i];
      m.quote |= uint64_t{c == '"'} << i;
      m.delim |= uint64_t{c == delim} << i;
      m.lf |= uint64_t{c == '\n'} << i;
      any |= static_cast<unsigned char>(c);
    }
    m.non_ascii = any >= 0x80;
    return m;
  }
};

#ifdef TSUM_CSV_X86
struct Sse2Scanner {
  __m128i quote, delim, lf;
  explicit Sse2Scanner(char d)
      : quote(_mm_set1_epi8('"')), delim(_mm_set1_epi8(d)), lf(_mm_set1_epi8('\n')) {}

  static uint64_t bits(__m128i a, __m128i b, __m128i c, __m128i d, __m128i k) {
    const uint64_t r0 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, k)));
    const uint64_t r1 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, k)));
    const uint64_t r2 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(c, k)));
    const uint64_t r3 = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(d, k)));
    return r0 | r1 << 16 | r2 << 32 | r3 << 48;
  }
  Masks scan(const char* p) const {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48));
    Masks m;
    m.quote = bits(a, b, c, d, quote);
    m.delim = bits(a, b, c, d, delim);
    m.lf = bits(a, b, c, d, lf);
    m.non_ascii = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0;
    return m;
  }
};

struct Avx2Scanner {
  __m256i quote, delim, lf;
  TSUM_CSV_AVX2 explicit Avx2Scanner(char d)
      : quote(_mm256_set1_epi8('"')), delim(_mm256_set1_epi8(d)), lf(_mm256_set1_epi8('\n')) {}

  TSUM_CSV_AVX2 static uint64_t bits(__m256i lo, __m256i hi, __m256i k) {
    const uint64_t r0 = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, k)));
    const uint64_t r1 = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, k)));
    return r0 | r1 << 32;
  }
  TSUM_CSV_AVX2 Masks scan(const char* p) const {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    Masks m;
    m.quote = bits(lo, hi, quote);
    m.delim = bits(lo, hi, delim);
    m.lf = bits(lo, hi, lf);
    m.non_ascii = _mm256_movemask_epi8(_mm256_or_si256(lo, hi)) != 0;
    return m;
  }
};
#endif

// Bit i of the result is the XOR of bits 0..i of x: set inside quoted fields (including
// the opening quote, excluding the closing one).
inline uint64_t prefix_xor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Checks and unescapes the field data[f, stop) that contains a quote. On success sets
// `text` (a view into data, or into scratch when doubled quotes had to be undone).
[[gnu::noinline]] bool unquote(std::string_view data, size_t f, size_t stop, std::string& scratch,
                               std::string_view& text, ParseError& error) {
  const char* p = data.data();
  if (p[f] != '"') {
    const void* q = std::memchr(p + f, '"', stop - f);
    error = {ErrorKind::kQuoteInUnquotedField, q ? static_cast<size_t>(static_cast<const char*>(q) - p) : f};
    return false;
  }
  size_t i = f + 1;
  size_t segment = i;
  bool copied = false;
  for (;;) {
    const void* found = std::memchr(p + i, '"', stop - i);
    if (!found) {
      error = {ErrorKind::kUnterminatedQuote, f};
      return false;
    }
    const size_t q = static_cast<size_t>(static_cast<const char*>(found) - p);
    if (q + 1 < stop && p[q + 1] == '"') {  // a doubled quote
      if (!copied) {
        scratch.clear();
        copied = true;
      }
      scratch.append(p + segment, q + 1 - segment);
      i = segment = q + 2;
      continue;
    }
    if (q + 1 == stop) {  // the closing quote
      if (copied) {
        scratch.append(p + segment, q - segment);
        text = scratch;
      } else {
        text = std::string_view(p + f + 1, q - f - 1);
      }
      return true;
    }
    error = {ErrorKind::kCharAfterClosingQuote, q + 1};
    return false;
  }
}

// A quoted field with no quote between its quotes (nearly every quoted field): its text
// in place, without unquote()'s call and searches, which took a third of the read of a
// file quoting every text field. False for a field with doubled quotes or a malformed one
// (unquote() then copies it or finds the error). `padded_end`: fields starting before it
// may be loaded 16 bytes whole.
inline bool quoted_in_place(const char* p, size_t f, size_t stop, size_t padded_end, std::string_view& text) {
  if (stop - f < 2 || p[f] != '"' || p[stop - 1] != '"') return false;
  const char* inner = p + f + 1;
  const size_t n = stop - f - 2;
#ifdef TSUM_CSV_X86
  if (n <= 16 && f + 1 < padded_end) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(inner));
    const unsigned quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))));
    if ((quotes & ((1u << n) - 1)) != 0) return false;
    text = std::string_view(inner, n);
    return true;
  }
#else
  (void)padded_end;
#endif
  if (std::memchr(inner, '"', n) != nullptr) return false;
  text = std::string_view(inner, n);
  return true;
}

// The error for the record at record_start, whose field count is wrong: the record's own
// quoting error if it has one further on, else the count.
[[gnu::noinline]] ParseError field_count_error(std::string_view data, size_t record_start, char delim) {
  const RecordScan scan = scan_record(data, record_start, delim, nullptr);
  if (scan.error) return scan.error;
  return {ErrorKind::kFieldCount, record_start, scan.fields};
}

#if defined(__GNUC__)
#define TSUM_CSV_INLINE [[gnu::always_inline]] inline
#define TSUM_CSV_LAMBDA_INLINE __attribute__((always_inline))
#else
#define TSUM_CSV_INLINE inline
#define TSUM_CSV_LAMBDA_INLINE
#endif

// With kHold, cells go through `held` (csv_cell_block.h) instead of straight to their
// columns; the caller flushes it. Stops after `max_rows` records: `*resume` receives the
// start of the next record (a record start outside quotes, where parsing may go on), or
// `end` when the range was parsed to its end or an error stopped it.
template <bool kHold, class Scanner>
TSUM_CSV_INLINE ChunkOutcome parse_blocks(const Scanner& scanner, std::string_view data, size_t begin, size_t end,
                                          char delim, std::span<detail::ChunkColumn* const> columns,
                                          std::string& scratch, CellBlock* held, uint64_t max_rows,
                                          size_t* resume) {
  const char* const base = data.data();
  const size_t last_col = columns.size() - 1;

  ChunkOutcome result;
  size_t field_start = begin;
  size_t record_start = begin;
  size_t col = 0;
  uint64_t in_quote = 0;  // all ones when the current block starts inside a quoted field
  size_t quote_end = 0;   // 1 + offset of the last quote in the blocks before the current one
  bool non_ascii = false;
  uint64_t any_quote = 0;
  uint64_t rows = 0;
  *resume = end;
  // Fields that start 16 bytes or more before the end of the data can be loaded whole and
  // masked (short_key.h). (No field qualifies in data shorter than that.)
  const size_t padded_end = data.size() >= detail::kShortKeyMax ? data.size() - detail::kShortKeyMax + 1 : 0;
  // `padded`: 16 bytes may be read from text.data().
  auto add = [&](std::string_view text, bool padded) TSUM_CSV_LAMBDA_INLINE {
    if constexpr (kHold) {
      if (text.empty()) return held->add(col, 0, 0, false);
      if (text.data() >= base + begin && text.data() < base + end) {
        return held->add(col, static_cast<size_t>(text.data() - (base + begin)), text.size(), padded);
      }
      held->flush_column(col);  // unescaped into scratch: it cannot wait
    }
    if (text.empty()) {
      columns[col]->add_null();
    } else {
      columns[col]->add_text(text, padded);
    }
  };
  // Handles the field data[field_start, pos) ended by a delimiter or line feed at pos (or
  // by the end of data when pos == end). Returns false after an error.
  auto end_field = [&](size_t pos, bool line_end, bool has_quote) TSUM_CSV_LAMBDA_INLINE -> bool {
    size_t stop = pos;
    if (line_end && stop > field_start && base[stop - 1] == '\r') --stop;
    std::string_view text(base + field_start, stop - field_start);
    bool padded = field_start < padded_end;
    if (has_quote) [[unlikely]] {
      if (quoted_in_place(base, field_start, stop, padded_end, text)) {
        padded = field_start + 1 < padded_end;
      } else {
        if (!unquote(data, field_start, stop, scratch, text, result.error)) return false;
        padded = false;
      }
    }
    if (line_end) {
      if (col != last_col) [[unlikely]] {
        if (col == 0 && stop == field_start) {  // a blank line in a multi-column file
          field_start = record_start = pos + 1;
          return true;
        }
        result.error = field_count_error(data, record_start, delim);
        return false;
      }
      add(text, padded);
      if constexpr (kHold) held->end_row();
      col = 0;
      record_start = pos + 1;
      if (++rows == max_rows) [[unlikely]] {
        *resume = record_start;
        return false;
      }
    } else {
      if (col == last_col) [[unlikely]] {
        result.error = field_count_error(data, record_start, delim);
        return false;
      }
      add(text, padded);
      ++col;
    }
    field_start = pos + 1;
    return true;
  };

  for (size_t block = begin; block < end; block += 64) {
    Masks m;
    if (end - block >= 64) {
      m = scanner.scan(base + block);
    } else {
      alignas(64) char tail[64] = {};
      std::memcpy(tail, base + block, end - block);
      m = scanner.scan(tail);
      const uint64_t valid = (uint64_t{1} << (end - block)) - 1;
      m.quote &= valid;
      m.delim &= valid;
      m.lf &= valid;
    }
    non_ascii |= m.non_ascii;
    const uint64_t quotes = m.quote;
    any_quote |= quotes;
    uint64_t inside = in_quote;
    if (quotes) {
      inside = prefix_xor(quotes) ^ in_quote;
      in_quote = uint64_t{0} - (inside >> 63);
    }
    uint64_t ends = (m.delim | m.lf) & ~inside;
    while (ends) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctzll(ends));
      ends &= ends - 1;
      const size_t pos = block + bit;
      const uint64_t quotes_before = quotes & ((uint64_t{1} << bit) - 1);
      const bool has_quote = quotes_before ? block + 63 - static_cast<size_t>(__builtin_clzll(quotes_before)) >= field_start
                                           : quote_end > field_start;
      if (!end_field(pos, (m.lf >> bit) & 1, has_quote)) [[unlikely]] {
        result.non_ascii = non_ascii;
        result.quotes = any_quote != 0;
        return result;
      }
    }
    if (quotes) quote_end = block + 64 - static_cast<size_t>(__builtin_clzll(quotes));
  }
  result.non_ascii = non_ascii;
  result.quotes = any_quote != 0;

  if (in_quote) {
    // A quoted field runs to the end: unterminated, or broken earlier in the field.
    std::string_view text;
    if (unquote(data, field_start, end, scratch, text, result.error)) {
      result.error = {ErrorKind::kUnterminatedQuote, field_start};
    }
    return result;
  }
  if (field_start < end || col > 0) {
    // The last record has no line end (only possible at the end of data).
    end_field(end, true, quote_end > field_start);
    *resume = end;  // the last record, even when it was the max_rows-th
  }
  return result;
}

std::atomic<CellBlocks> cell_blocks{CellBlocks::kAuto};
std::atomic<uint64_t> blocked_chunks{0};

// parse_blocks over the chunk's columns, holding cells in a CellBlock for wide tables.
template <class Scanner>
TSUM_CSV_INLINE ChunkOutcome parse_columns(const Scanner& scanner, std::string_view data, size_t begin, size_t end,
                                           char delim, ChunkBuilder& out, std::string& scratch) {
  std::vector<detail::ChunkColumn*> columns(out.num_columns());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = &out.column_state(c);
  size_t resume = end;
  // The records from `from` on through a CellBlock of `rows_per_block` rows (0: its own).
  auto held_from = [&](size_t from, size_t rows_per_block) TSUM_CSV_LAMBDA_INLINE {
    blocked_chunks.fetch_add(1, std::memory_order_relaxed);
    CellBlock held(columns, data.data() + from, rows_per_block);
    const ChunkOutcome outcome =
        parse_blocks<true>(scanner, data, from, end, delim, columns, scratch, &held, UINT64_MAX, &resume);
    held.flush();
    return outcome;
  };
  const CellBlocks mode = cell_blocks.load(std::memory_order_relaxed);
  if (mode == CellBlocks::kAlways && CellBlock::fits(end - begin)) return held_from(begin, kForcedBlockRows);
  // Very wide tables: through a block from the first record, without a sample.
  if (mode == CellBlocks::kAuto && CellBlock::always_helps(columns.size()) && CellBlock::fits(end - begin)) {
    return held_from(begin, 0);
  }
  const bool may_hold = mode == CellBlocks::kAuto && CellBlock::may_help(columns.size(), end - begin);
  // Wide tables: the first records row by row, then the rest through a block if their
  // dictionaries outgrow the cache.
  ChunkOutcome first = parse_blocks<false>(scanner, data, begin, end, delim, columns, scratch, nullptr,
                                           may_hold ? CellBlock::kSampleRows : UINT64_MAX, &resume);
  if (resume == end) return first;
  ChunkOutcome rest =
      CellBlock::helps(columns)
          ? held_from(resume, 0)
          : parse_blocks<false>(scanner, data, resume, end, delim, columns, scratch, nullptr, UINT64_MAX, &resume);
  rest.non_ascii |= first.non_ascii;
  rest.quotes |= first.quotes;
  return rest;
}

#ifdef TSUM_CSV_X86
TSUM_CSV_AVX2 ChunkOutcome parse_avx2(std::string_view data, size_t begin, size_t end, char delim, ChunkBuilder& out,
                                      std::string& scratch) {
  const Avx2Scanner scanner(delim);
  return parse_columns(scanner, data, begin, end, delim, out, scratch);
}

ChunkOutcome parse_sse2(std::string_view data, size_t begin, size_t end, char delim, ChunkBuilder& out,
                        std::string& scratch) {
  const Sse2Scanner scanner(delim);
  return parse_columns(scanner, data, begin, end, delim, out, scratch);
}

#endif

std::atomic<ScanLevel> forced_level{ScanLevel::kAuto};

ScanLevel best_level() {
#ifdef TSUM_CSV_X86
  static const ScanLevel best = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") ? ScanLevel::kAvx2
                                                                                                   : ScanLevel::kSse2;
  return best;
#else
  return ScanLevel::kScalar;
#endif
}

}  // namespace

ScanLevel set_scan_level_for_testing(ScanLevel level) {
  if (level > best_level()) level = best_level();
  forced_level.store(level, std::memory_order_relaxed);
  return level == ScanLevel::kAuto ? best_level() : level;
}

CellBlocks set_cell_blocks_for_testing(CellBlocks mode) { return cell_blocks.exchange(mode); }

uint64_t chunks_through_blocks() { return blocked_chunks.load(std::memory_order_relaxed); }

ChunkOutcome parse_chunk(std::string_view data, size_t begin, size_t end, char delim, ChunkBuilder& out,
                         std::string& scratch) {
  ScanLevel level = forced_level.load(std::memory_order_relaxed);
  if (level == ScanLevel::kAuto) level = best_level();
  switch (level) {
#ifdef TSUM_CSV_X86
    case ScanLevel::kAvx2: return parse_avx2(data, begin, end, delim, out, scratch);
    case ScanLevel::kSse2: return parse_sse2(data, begin, end, delim, out, scratch);
#endif
    default: {
      const ScalarScanner scanner{delim};
      return parse_columns(scanner, data, begin, end, delim, out, scratch);
    }
  }
}

}  // namespace tsum::csv
