#include "io/csv/csv_chunking.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TSUM_CSV_X86 1
#endif

namespace tsum::csv {
namespace {

// The first record start in [from, limit] given that `from` is inside quotes when
// `inside` is true, or `limit + 1` when there is none. `from` > 0.
size_t first_record_start(std::string_view data, size_t from, size_t limit, bool inside) {
  if (!inside && data[from - 1] == '\n') return from;
  for (size_t i = from; i < limit; ++i) {
    const char c = data[i];
    if (c == '"') {
      inside = !inside;
    } else if (c == '\n' && !inside) {
      return i + 1;
    }
  }
  return limit + 1;
}

}  // namespace

bool odd_quote_count(std::string_view data, size_t begin, size_t end) {
  const char* p = data.data();
  size_t i = begin;
  unsigned odd = 0;
#ifdef TSUM_CSV_X86
  const __m128i quote = _mm_set1_epi8('"');
  __m128i acc = _mm_setzero_si128();  // each byte lane flips with every quote in that lane
  for (; i + 64 <= end; i += 64) {
    const __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), quote);
    const __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16)), quote);
    const __m128i c = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 32)), quote);
    const __m128i d = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 48)), quote);
    acc = _mm_xor_si128(acc, _mm_xor_si128(_mm_xor_si128(a, b), _mm_xor_si128(c, d)));
  }
  odd = static_cast<unsigned>(__builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(acc)))) & 1;
#endif
  for (; i < end; ++i) odd ^= p[i] == '"';
  return odd != 0;
}

std::vector<size_t> align_to_records(std::string_view data, const std::vector<size_t>& nominal,
                                     const std::vector<char>& odd) {
  const size_t chunks = nominal.size() - 1;
  std::vector<size_t> starts(nominal);
  if (chunks < 2) return starts;
  // Parity of the quotes before each nominal boundary.
  std::vector<char> inside(chunks + 1, 0);
  for (size_t j = 0; j < chunks; ++j) inside[j + 1] = inside[j] != odd[j];
  // A boundary with no record start before the next nominal boundary takes the next
  // boundary's start; searching backwards keeps the total scan linear.
  for (size_t j = chunks - 1; j >= 1; --j) {
    const size_t found = first_record_start(data, nominal[j], nominal[j + 1], inside[j]);
    starts[j] = found <= nominal[j + 1] ? found : starts[j + 1];
  }
  for (size_t j = 1; j <= chunks; ++j) starts[j] = std::max(starts[j], starts[j - 1]);
  return starts;
}

std::vector<size_t> align_to_lines(std::string_view data, const std::vector<size_t>& nominal) {
  const size_t chunks = nominal.size() - 1;
  std::vector<size_t> starts(nominal);
  if (chunks < 2) return starts;
  for (size_t j = chunks - 1; j >= 1; --j) {
    const size_t from = nominal[j];
    if (data[from - 1] == '\n') continue;  // starts[j] == from
    const void* lf = std::memchr(data.data() + from, '\n', nominal[j + 1] - from);
    starts[j] = lf ? static_cast<size_t>(static_cast<const char*>(lf) - data.data()) + 1 : starts[j + 1];
  }
  for (size_t j = 1; j <= chunks; ++j) starts[j] = std::max(starts[j], starts[j - 1]);
  return starts;
}

}  // namespace tsum::csv
