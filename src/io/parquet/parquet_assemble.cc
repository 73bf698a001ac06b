#include "io/parquet/parquet_assemble.h"

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

std::shared_ptr<Column> assemble_column(const std::string& name, std::vector<ChunkOutput>& chunks) {
  // The first chunk's dictionary is the start of the column's (same values, same order),
  // so it is taken over as is; later chunks' values are looked up in it.
  uint64_t local_values = 0, local_bytes = 0;  // sums over the chunks: bounds on global's
  for (const ChunkOutput& chunk : chunks) {
    local_values += chunk.dictionary.size();
    local_bytes += chunk.dictionary.arena_bytes();
  }
  Dictionary global = chunks.empty() ? Dictionary() : std::move(chunks[0].dictionary);
  std::vector<std::vector<uint32_t>> remaps(chunks.size());
  std::vector<uint64_t> starts(chunks.size() + 1, 0);
  bool all_numeric = true;
  for (size_t k = 0; k < chunks.size(); ++k) {
    ChunkOutput& local = chunks[k];
    std::vector<uint32_t>& remap = remaps[k];
    // A nearly distinct first row group: room for every row group's values at once
    // (table/presize_rule.h), not a doubling after every few.
    if (k == 1 && looks_nearly_distinct(global.size(), starts[1])) global.reserve(local_values, local_bytes);
    if (k == 0) {
      remap.resize(global.size() + 1);
      for (uint32_t i = 0; i < remap.size(); ++i) remap[i] = i;
    } else {
      remap = global.merge(local.dictionary);
      local.dictionary = Dictionary();
    }
    all_numeric = all_numeric && local.all_numeric;
    starts[k + 1] = starts[k] + local.codes.size();
  }
  ColumnAssembler assembler(name, starts.back(), width_for(global.size()));
  void* storage = assembler.mutable_codes();
  const CodeWidth width = width_for(global.size());
  std::vector<std::vector<uint64_t>> counts(chunks.size());
  tsum::parallel_for(size_t{0}, chunks.size(), [&](size_t k) {
    const ChunkCodes& codes = chunks[k].codes;
    const std::vector<uint32_t>& remap = remaps[k];
    codes.visit([&](const auto* in) {
      auto run = [&](auto* out) { remap_and_count(in, codes.size(), remap.data(), remap.size(), out + starts[k], counts[k]); };
      switch (width) {
        case CodeWidth::k8: run(static_cast<uint8_t*>(storage)); break;
        case CodeWidth::k16: run(static_cast<uint16_t*>(storage)); break;
        default: run(static_cast<uint32_t*>(storage)); break;
      }
    });
    chunks[k].codes.clear();
  });
  return assembler.finish(std::move(global), counts, remaps, all_numeric);
}

}  // namespace tsum::parquet
