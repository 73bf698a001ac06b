#include "io/parquet/parquet_assemble.h"

#include <algorithm>

#include "table/column_assembler.h"
#include "table/parallel_for.h"
#include "table/presize_rule.h"

namespace tsum::parquet {

namespace {

// out[i] = remap[in[i]] and counts[in[i]]++, with four count arrays when the
// dictionary is small so that runs of one code do not serialise on one counter.
template <class In, class Out>
void remap_and_count(const In* in, uint64_t n, const uint32_t* remap, size_t codes, Out* out,
                     std::vector<uint64_t>& counts) {
  counts.assign(codes, 0);
  if (codes <= 4096 && n >= 4096) {
    std::vector<uint64_t> c(codes * 4, 0);
    uint64_t* c0 = c.data();
    uint64_t* c1 = c0 + codes;
    uint64_t* c2 = c1 + codes;
    uint64_t* c3 = c2 + codes;
    uint64_t i = 0;
    for (; i + 4 <= n; i += 4) {
      const In a = in[i], b = in[i + 1], d = in[i + 2], e = in[i + 3];
      out[i] = static_cast<Out>(remap[a]);
      out[i + 1] = static_cast<Out>(remap[b]);
      out[i + 2] = static_cast<Out>(remap[d]);
      out[i + 3] = static_cast<Out>(remap[e]);
      ++c0[a];
      ++c1[b];
      ++c2[d];
      ++c3[e];
    }
    for (; i < n; ++i) {
      out[i] = static_cast<Out>(remap[in[i]]);
      ++c0[in[i]];
    }
    for (size_t k = 0; k < codes; ++k) counts[k] = c0[k] + c1[k] + c2[k] + c3[k];
    return;
  }
  for (uint64_t i = 0; i < n; ++i) {
    out[i] = static_cast<Out>(remap[in[i]]);
    ++counts[in[i]];
  }
}

}  // namespace

ColumnJoin::ColumnJoin(std::string name, std::vector<ChunkOutput>& chunks, uint64_t rows)
    : name_(std::move(name)), chunks_(chunks), rows_(rows), decoded_(chunks.size()) {}

void ColumnJoin::decoded(size_t k) {
  decoded_.mark(k);
  cursor_.advance(decoded_, [this](size_t begin, size_t end) { merge(begin, end); });
}

// Merges chunks [begin, end), the next in file order. The first chunk's dictionary is the
// start of the column's (same values, same order), so it is taken over as is; later
// chunks' values are looked up in it.
void ColumnJoin::merge(size_t begin, size_t end) {
  for (size_t k = begin; k < end; ++k) {
    ChunkOutput& local = chunks_[k];
    std::vector<uint32_t> remap;
    if (k == 0) {
      global_ = std::move(local.dictionary);
      remap.resize(global_.size() + 1);
      for (uint32_t i = 0; i < remap.size(); ++i) remap[i] = i;
    } else {
      // A nearly distinct first row group: room for every row group's values at once
      // (table/presize_rule.h), not a doubling after every few. The bounds, known before
      // the later row groups are decoded: the first group's values and bytes times the
      // groups, and at most a value per declared row. (From decoded data, not from the
      // declared rows alone, which a damaged file may overstate.)
      if (k == 1 && looks_nearly_distinct(global_.size(), starts_[1])) {
        const uint64_t groups = chunks_.size();
        global_.reserve(std::min<uint64_t>(uint64_t{global_.size()} * groups, rows_), global_.arena_bytes() * groups);
      }
      remap = global_.merge(local.dictionary);
      local.dictionary = Dictionary();
    }
    remaps_.push_back(std::move(remap));
    all_numeric_ = all_numeric_ && local.all_numeric;
    starts_.push_back(starts_.back() + local.codes.size());
  }
}

std::shared_ptr<Column> ColumnJoin::finish() {
  cursor_.finish(chunks_.size(), [this](size_t begin, size_t end) { merge(begin, end); });
  const CodeWidth width = width_for(global_.size());
  ColumnAssembler assembler(name_, starts_.back(), width);
  void* storage = assembler.mutable_codes();
  std::vector<std::vector<uint64_t>> counts(chunks_.size());
  tsum::parallel_for(size_t{0}, chunks_.size(), [&](size_t k) {
    const ChunkCodes& codes = chunks_[k].codes;
    const std::vector<uint32_t>& remap = remaps_[k];
    codes.visit([&](const auto* in) {
      auto run = [&](auto* out) { remap_and_count(in, codes.size(), remap.data(), remap.size(), out + starts_[k], counts[k]); };
      switch (width) {
        case CodeWidth::k8: run(static_cast<uint8_t*>(storage)); break;
        case CodeWidth::k16: run(static_cast<uint16_t*>(storage)); break;
        default: run(static_cast<uint32_t*>(storage)); break;
      }
    });
    chunks_[k].codes.clear();
  });
  return assembler.finish(std::move(global_), counts, remaps_, all_numeric_);
}

}  // namespace tsum::parquet
