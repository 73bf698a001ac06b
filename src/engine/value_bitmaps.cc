#include "engine/value_bitmaps.h"

#include "engine/engine_settings.h"
#include "table/parallel_for.h"

namespace tsum {
namespace {

constexpr uint64_t kBudgetBytes = uint64_t{64} << 20;

// Below this many bits set in all, the columns are filled on the calling thread.
constexpr uint64_t kSerialBits = uint64_t{1} << 16;

// out[j] = the bits set in both a and b + j * words, for j < n. Four of b's bitmaps at a
// time against one read of a: a word of a serves four counts held in registers (one
// load per count instead of two; the 2,500 x 8,000 table's counting 1.5 x faster than
// one and-count per pair, docs/benchmarks.md).
// Inlined into each caller, so that the POPCNT caller's popcounts are the instruction.
[[gnu::always_inline]] inline void and_counts_with(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words,
                                                   uint64_t* out) {
  auto popcount = [](uint64_t x) { return static_cast<uint64_t>(__builtin_popcountll(x)); };
  uint64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const uint64_t* b0 = b + j * words;
    const uint64_t* b1 = b0 + words;
    const uint64_t* b2 = b1 + words;
    const uint64_t* b3 = b2 + words;
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (uint64_t i = 0; i < words; ++i) {
      const uint64_t x = a[i];
      s0 += popcount(x & b0[i]);
      s1 += popcount(x & b1[i]);
      s2 += popcount(x & b2[i]);
      s3 += popcount(x & b3[i]);
    }
    out[j] = s0, out[j + 1] = s1, out[j + 2] = s2, out[j + 3] = s3;
  }
  for (; j < n; ++j) {
    const uint64_t* bj = b + j * words;
    uint64_t s = 0;
    for (uint64_t i = 0; i < words; ++i) s += popcount(a[i] & bj[i]);
    out[j] = s;
  }
}

void and_counts_plain(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words, uint64_t* out) {
  and_counts_with(a, b, n, words, out);
}

__attribute__((target("popcnt"))) void and_counts_popcnt(const uint64_t* a, const uint64_t* b, uint64_t n,
                                                         uint64_t words, uint64_t* out) {
  and_counts_with(a, b, n, words, out);
}

using AndCounts = void (*)(const uint64_t*, const uint64_t*, uint64_t, uint64_t, uint64_t*);

AndCounts choose_and_counts() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("popcnt") ? and_counts_popcnt : and_counts_plain;
}

}  // namespace

ValueBitmaps::Setting ValueBitmaps::setting() {
  if (std::optional<uint64_t> bytes = value_bitmap_bytes_setting()) return {*bytes, true};
  return {kBudgetBytes, false};
}

void ValueBitmaps::and_counts(const uint64_t* a, const uint64_t* b, uint64_t n, uint64_t words, uint64_t* out) {
  static const AndCounts count = choose_and_counts();
  count(a, b, n, words, out);
}

ValueBitmaps::ValueBitmaps(const WorkTable& table, const std::vector<uint8_t>& alive, uint64_t rows, Setting setting)
    : words_((rows + 63) / 64), forced_(setting.forced), start_(table.num_columns(), kNone) {
  if (table.weighted() || rows == 0) return;
  uint64_t total = 0;
  std::vector<size_t> columns;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const uint64_t codes = uint64_t{table.column(c).cardinality()} + 1;
    if (codes > kMaxCodes || (total + codes * words_) * 8 > setting.budget_bytes) continue;
    start_[c] = total;
    total += codes * words_;
    columns.push_back(c);
  }
  if (columns.empty()) return;
  bits_.assign(total, 0);
  std::vector<RowId> live;
  live.reserve(rows);
  for (uint64_t r = 0; r < table.rows(); ++r)
    if (alive[r]) live.push_back(static_cast<RowId>(r));
  auto fill = [&](size_t k) {
    const size_t c = columns[k];
    uint64_t* bits = bits_.data() + start_[c];
    table.column(c).visit_codes([&](const auto* codes) {
      for (uint64_t i = 0; i < live.size(); ++i) bits[codes[live[i]] * words_ + (i >> 6)] |= uint64_t{1} << (i & 63);
    });
  };
  if (live.size() * columns.size() < kSerialBits) {
    for (size_t k = 0; k < columns.size(); ++k) fill(k);
  } else {
    tsum::parallel_for(size_t{0}, columns.size(), fill);
  }
}

}  // namespace tsum
