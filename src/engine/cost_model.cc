#include "engine/cost_model.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum {

const char* cost_model_name(CostModelKind kind) {
  switch (kind) {
    case CostModelKind::kPaper: return "paper";
    case CostModelKind::kTsumDask: return "tsum-dask";
    case CostModelKind::kTsumJs: return "tsum-js";
    case CostModelKind::kEntropy: return "entropy";
  }
  return "?";
}

bool prepares_columns(CostModelKind kind) { return kind == CostModelKind::kPaper || kind == CostModelKind::kEntropy; }

CostModelKind parse_cost_model(const std::string& name) {
  if (name == "paper") return CostModelKind::kPaper;
  if (name == "tsum-dask") return CostModelKind::kTsumDask;
  if (name == "tsum-js") return CostModelKind::kTsumJs;
  if (name == "entropy") return CostModelKind::kEntropy;
  throw UsageError("unknown cost model '" + name + "' (expected paper, tsum-dask, tsum-js or entropy)");
}

namespace {

// Code points of UTF-8 text, and the largest one. Input is valid UTF-8 (readers check).
void scan_code_points(std::string_view utf8, uint64_t& count, uint32_t& max_cp, uint64_t& utf16_units) {
  count = 0;
  max_cp = 0;
  utf16_units = 0;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char b = static_cast<unsigned char>(utf8[i]);
    uint32_t cp;
    size_t len;
    if (b < 0x80) cp = b, len = 1;
    else if (b < 0xE0) cp = b & 0x1F, len = 2;
    else if (b < 0xF0) cp = b & 0x0F, len = 3;
    else cp = b & 0x07, len = 4;
    for (size_t k = 1; k < len && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    i += len;
    ++count;
    utf16_units += cp >= 0x10000 ? 2 : 1;
    if (cp > max_cp) max_cp = cp;
  }
}

}  // namespace

double entropy_bits(uint64_t count, uint64_t rows) {
  if (count == 0 || rows == 0) return 0;  // a value no row holds is never coded
  return std::log2(static_cast<double>(rows) / static_cast<double>(count));
}

double xlog2x(uint64_t x) {
  if (x == 0) return 0;
  const double v = static_cast<double>(x);
  return v * std::log2(v);
}

double paper_bits(uint64_t total_utf8_bytes, uint64_t non_null) {
  if (non_null == 0) return 0;
  return 8.0 * static_cast<double>(total_utf8_bytes) / static_cast<double>(non_null);
}

// 8 x CPython 3.11 sys.getsizeof(str): the compact-ASCII header is 49 bytes, Latin-1
// 73, UCS-2 74 (plus 2 per code point), UCS-4 76 (plus 4).
double tsum_dask_string_bits(std::string_view utf8) {
  uint64_t n, units;
  uint32_t max_cp;
  scan_code_points(utf8, n, max_cp, units);
  uint64_t size;
  if (max_cp < 0x80) size = 49 + n;
  else if (max_cp < 0x100) size = 73 + n;
  else if (max_cp < 0x10000) size = 74 + 2 * n;
  else size = 76 + 4 * n;
  return static_cast<double>(8 * size);
}

double tsum_js_string_bits(std::string_view utf8) {
  uint64_t n, units;
  uint32_t max_cp;
  scan_code_points(utf8, n, max_cp, units);
  return static_cast<double>(16 * units);
}

CostModel::CostModel(CostModelKind kind, const Table& table) : kind_(kind) {
  std::vector<ColumnProfile> profiles(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    ColumnProfile& p = profiles[c];
    p.type = column.type();
    p.non_null = column.non_null_count();
    p.total_utf8_bytes = column.total_utf8_bytes();
    p.counts = column.code_counts();
    p.values.reserve(column.cardinality());
    for (uint32_t code = 1; code <= column.cardinality(); ++code) p.values.push_back(column.value(code));
  }
  init(profiles);
}

CostModel::CostModel(CostModelKind kind, const std::vector<ColumnProfile>& columns) : kind_(kind) { init(columns); }

void CostModel::init(const std::vector<ColumnProfile>& columns) {
  columns_ = static_cast<double>(columns.size());
  bits_.resize(columns.size());
  uniform_.resize(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const ColumnProfile& column = columns[c];
    std::vector<double>& b = bits_[c];
    b.assign(column.values.size() + 1, 0.0);
    bool numeric = column.type == ValueType::kNumeric;
    uniform_[c] = kind_ == CostModelKind::kPaper || numeric;
    double w = paper_bits(column.total_utf8_bytes, column.non_null);
    uint64_t rows = 0;
    for (uint64_t n : column.counts) rows += n;
    if (kind_ == CostModelKind::kEntropy) {
      if (column.counts.size() != column.values.size() + 1) throw UsageError("entropy cost model: column counts missing");
      uniform_[c] = false;
      for (size_t code = 0; code < b.size(); ++code) b[code] = entropy_bits(column.counts[code], rows);
      continue;
    }
    for (size_t i = 0; i < column.values.size(); ++i) {
      switch (kind_) {
        case CostModelKind::kPaper: b[i + 1] = w; break;
        case CostModelKind::kTsumDask: b[i + 1] = numeric ? 256.0 : tsum_dask_string_bits(column.values[i]); break;
        case CostModelKind::kTsumJs: b[i + 1] = numeric ? 64.0 : tsum_js_string_bits(column.values[i]); break;
        case CostModelKind::kEntropy: break;  // set above
      }
    }
  }
  // log2 C(D, k) as a running sum of log2((D - k + 1) / k): one rounding per step.
  log2_choose_.assign(columns.size() + 1, 0.0);
  for (size_t k = 1; k <= columns.size(); ++k) {
    log2_choose_[k] = log2_choose_[k - 1] + std::log2(static_cast<double>(columns.size() - k + 1) / static_cast<double>(k));
  }
  if (kind_ == CostModelKind::kEntropy && !columns.empty()) {
    uint64_t rows = 0;
    for (uint64_t n : columns[0].counts) rows += n;
    g_size_ = std::min(rows, kEntropyTableMax) + 1;
    // Not zeroed first: each block is written (and its pages first touched) by the thread
    // that fills it (flights-3m's 3 * 10^6 rows at two threads: the time outside the
    // search's phases 37 -> 18 ms, docs/benchmarks.md).
    std::shared_ptr<double[]> table(new double[g_size_]);
    constexpr uint64_t kBlock = uint64_t{1} << 16;
    tsum::parallel_for(uint64_t{0}, (g_size_ + kBlock - 1) / kBlock, [&](uint64_t block) {
      const uint64_t end = std::min(g_size_, (block + 1) * kBlock);
      for (uint64_t x = block * kBlock; x < end; ++x) table[x] = xlog2x(x);
    });
    g_table_ = std::move(table);
  }
  overhead_table_.resize(1 << 16);
  for (uint64_t n = 0; n < overhead_table_.size(); ++n) overhead_table_[n] = compute_overhead(n);
}

double CostModel::compute_overhead(uint64_t n) const {
  uint64_t x = n + 2;
  switch (kind_) {
    case CostModelKind::kPaper: {
      // ceil(log2(x)) exactly, for x >= 2.
      double ceil_log2 = static_cast<double>(std::bit_width(x - 1));
      return columns_ + 2.0 * ceil_log2;
    }
    case CostModelKind::kTsumDask:
      return columns_ * std::floor(2.0 * std::log2(static_cast<double>(x)));
    case CostModelKind::kTsumJs:
      return columns_ + 2.0 * std::log2(static_cast<double>(x));
    case CostModelKind::kEntropy:
      return 0;  // the empty pattern's; every other pattern's saving is EntropyCoder's
  }
  return 0;
}

// paper: 2 ceil(log2(n + 2)) rises by 0 or 2. tsum-dask: floor(2 log2 x) rises by at most
// ceil(2 log2(1 + 1/x)) <= 2 for x = n + 2 >= 3, times D. tsum-js: 2 log2(x + 1) - 2 log2(x)
// <= 2 log2(4/3) < 1 for x >= 3; 2 leaves room for log2's rounding.
double CostModel::max_overhead_step() const {
  switch (kind_) {
    case CostModelKind::kPaper: return 2.0;
    case CostModelKind::kTsumDask: return 2.0 * columns_;
    case CostModelKind::kTsumJs: return 2.0;
    case CostModelKind::kEntropy: break;
  }
  return std::numeric_limits<double>::infinity();
}

double CostModel::entropy_description(size_t size, uint64_t residue) const {
  const double r = static_cast<double>(std::max<uint64_t>(residue, 1));
  const size_t k = std::min(size, log2_choose_.size() - 1);
  return ((1.0 + std::log2(std::max(columns_, 1.0))) + log2_choose_[k]) + std::log2(r);
}

double CostModel::table_bits(const Table& table) const {
  std::vector<std::vector<uint64_t>> counts;
  for (size_t c = 0; c < table.num_columns(); ++c) counts.push_back(table.column(c).code_counts());
  return table_bits(counts);
}

double CostModel::table_bits(const std::vector<std::vector<uint64_t>>& code_counts) const {
  double total = 0;
  for (size_t c = 0; c < code_counts.size(); ++c) {
    const std::vector<uint64_t>& counts = code_counts[c];
    // NULL cells are coded too under entropy (bits(c, NULL) is 0 under the others).
    for (uint32_t code = kind_ == CostModelKind::kEntropy ? 0 : 1; code < counts.size(); ++code) {
      total += static_cast<double>(counts[code]) * bits_[c][code];
    }
  }
  return total;
}

}  // namespace tsum
