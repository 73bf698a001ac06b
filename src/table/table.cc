#include "tsum/table.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "table/code_buffer.h"
#include "table/column_assembler.h"
#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum {

CodeWidth width_for(uint64_t max_code) {
  if (max_code < 0x100) return CodeWidth::k8;
  if (max_code < 0x10000) return CodeWidth::k16;
  return CodeWidth::k32;
}

double Column::mean_utf8_length() const {
  uint64_t n = non_null_count();
  return n == 0 ? 0.0 : static_cast<double>(total_utf8_bytes_) / static_cast<double>(n);
}

uint32_t Column::code_at(uint64_t row) const {
  return visit_codes([row](const auto* codes) { return static_cast<uint32_t>(codes[row]); });
}

ColumnAssembler::ColumnAssembler(std::string name, uint64_t rows, CodeWidth width)
    : column_(new Column()) {
  column_->name_ = std::move(name);
  column_->rows_ = rows;
  column_->width_ = width;
  const size_t bytes = std::max<uint64_t>(rows, 1) * static_cast<size_t>(width);
  column_->codes_ = detail::CodeBuffer(bytes).release_shared();
}

namespace {

// out[i] = remap[in[i]] and counts[in[i]] += 1 for i < n. Counting a run of equal codes
// into one array makes each increment wait for the previous one's store; with few codes,
// four interleaved arrays (summed at the end) let consecutive increments overlap.
template <class In, class Out>
void remap_and_count(const In* in, Out* out, uint64_t n, const uint32_t* remap, std::vector<uint64_t>& counts) {
  const size_t m = counts.size();
  if (m > 4096 || n < 4 * m) {
    for (uint64_t i = 0; i < n; ++i) {
      out[i] = static_cast<Out>(remap[in[i]]);
      ++counts[in[i]];
    }
    return;
  }
  std::vector<uint64_t> lanes(4 * m, 0);
  uint64_t* c0 = lanes.data();
  uint64_t* c1 = c0 + m;
  uint64_t* c2 = c1 + m;
  uint64_t* c3 = c2 + m;
  uint64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const In a = in[i], b = in[i + 1], c = in[i + 2], d = in[i + 3];
    out[i] = static_cast<Out>(remap[a]);
    out[i + 1] = static_cast<Out>(remap[b]);
    out[i + 2] = static_cast<Out>(remap[c]);
    out[i + 3] = static_cast<Out>(remap[d]);
    ++c0[a], ++c1[b], ++c2[c], ++c3[d];
  }
  for (; i < n; ++i) {
    out[i] = static_cast<Out>(remap[in[i]]);
    ++c0[in[i]];
  }
  for (size_t k = 0; k < m; ++k) counts[k] += c0[k] + c1[k] + c2[k] + c3[k];
}

}  // namespace

std::vector<uint64_t> ColumnAssembler::write_codes(uint64_t start, const detail::LocalCodes& codes,
                                                   const std::vector<uint32_t>& remap) {
  std::vector<uint64_t> counts(remap.size(), 0);
  const uint64_t n = codes.size();
  column_->visit_codes([&](const auto* out_const) {
    using Out = std::remove_const_t<std::remove_pointer_t<decltype(out_const)>>;
    Out* out = const_cast<Out*>(out_const) + start;
    codes.visit([&](const auto* in) { remap_and_count(in, out, n, remap.data(), counts); });
  });
  return counts;
}

void ColumnAssembler::write_remapped(uint64_t start, const Column& column, const std::vector<uint32_t>& remap) {
  // Rows per task on the caller's arena (a binned column of millions of rows is rewritten
  // while the other columns are prepared; blocks let an idle thread join in).
  constexpr uint64_t kBlockRows = uint64_t{1} << 16;
  const uint64_t n = column.rows();
  column_->visit_codes([&](const auto* out_const) {
    using Out = std::remove_const_t<std::remove_pointer_t<decltype(out_const)>>;
    Out* out = const_cast<Out*>(out_const) + start;
    column.visit_codes([&](const auto* in) {
      tsum::parallel_for(uint64_t{0}, (n + kBlockRows - 1) / kBlockRows, [&](uint64_t b) {
        const uint64_t last = std::min(n, (b + 1) * kBlockRows);
        for (uint64_t i = b * kBlockRows; i < last; ++i) out[i] = static_cast<Out>(remap[in[i]]);
      });
    });
  });
}

std::shared_ptr<Column> ColumnAssembler::finish(Dictionary dictionary,
                                                const std::vector<std::vector<uint64_t>>& chunk_counts,
                                                const std::vector<std::vector<uint32_t>>& remaps, bool all_numeric) {
  std::vector<uint64_t> total(dictionary.size() + 1, 0);
  for (size_t k = 0; k < chunk_counts.size(); ++k) {
    for (size_t i = 0; i < chunk_counts[k].size(); ++i) total[remaps[k][i]] += chunk_counts[k][i];
  }
  std::string bytes;
  std::vector<uint64_t> offsets;
  dictionary.release(bytes, offsets);
  return finish(std::move(bytes), std::move(offsets), std::move(total), all_numeric);
}

std::shared_ptr<Column> ColumnAssembler::finish(std::string bytes, std::vector<uint64_t> offsets,
                                                std::vector<uint64_t> code_counts, bool all_numeric) {
  Column& c = *column_;
  c.bytes_ = std::move(bytes);
  c.offsets_ = std::move(offsets);
  c.code_counts_ = std::move(code_counts);
  c.code_counts_.resize(c.offsets_.size(), 0);
  c.null_count_ = c.code_counts_[0];
  c.total_utf8_bytes_ = 0;
  for (uint32_t code = 1; code < c.code_counts_.size(); ++code) {
    c.total_utf8_bytes_ += c.code_counts_[code] * (c.offsets_[code] - c.offsets_[code - 1]);
  }
  c.type_ = (all_numeric && c.non_null_count() > 0) ? ValueType::kNumeric : ValueType::kString;
  return std::move(column_);
}

Table::Table(std::vector<std::shared_ptr<const Column>> columns, uint64_t rows)
    : columns_(std::move(columns)), rows_(rows) {}

std::vector<std::string> Table::column_names() const {
  std::vector<std::string> names;
  for (const auto& c : columns_) names.push_back(c->name());
  return names;
}

ptrdiff_t Table::find_column(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i]->name() == name) return static_cast<ptrdiff_t>(i);
  }
  return -1;
}

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string folded(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The message names the closest column (by edit distance, ignoring case and surrounding
// spaces first) when one is close, else lists the columns, each quoted (names may hold
// spaces and commas), at most kListed of them.
[[noreturn]] void unknown_column(const Table& table, const std::string& name) {
  constexpr size_t kListed = 20;
  const std::vector<std::string> names = table.column_names();
  const size_t first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
  const std::string trimmed = first == std::string::npos ? "" : folded(name.substr(first, last - first + 1));
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& candidate : names) {
    const size_t d = folded(candidate) == trimmed ? 0 : edit_distance(name, candidate);
    if (d < best_distance) best_distance = d, best = candidate;
  }
  std::string message = "unknown column '" + name + "'";
  if (!best.empty() && best_distance <= std::max<size_t>(2, name.size() / 3)) {
    message += " (did you mean '" + best + "'?)";
  } else {
    message += " (columns: ";
    for (size_t i = 0; i < names.size() && i < kListed; ++i) message += (i ? ", '" : "'") + names[i] + "'";
    if (names.size() > kListed) message += ", and " + std::to_string(names.size() - kListed) + " more";
    message += ")";
  }
  throw UsageError(message);
}

}  // namespace

Table Table::select(const std::vector<std::string>& keep, const std::vector<std::string>& drop) const {
  std::vector<bool> chosen(columns_.size(), keep.empty());
  for (const std::string& name : keep) {
    ptrdiff_t i = find_column(name);
    if (i < 0) unknown_column(*this, name);
    chosen[static_cast<size_t>(i)] = true;
  }
  for (const std::string& name : drop) {
    ptrdiff_t i = find_column(name);
    if (i < 0) unknown_column(*this, name);
    chosen[static_cast<size_t>(i)] = false;
  }
  std::vector<std::shared_ptr<const Column>> selected;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (chosen[i]) selected.push_back(columns_[i]);
  }
  return Table(std::move(selected), rows_);
}

}  // namespace tsum
