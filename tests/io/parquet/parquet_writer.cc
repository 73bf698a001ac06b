#include "io/parquet/parquet_writer.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>

namespace tsum::parquet_test {

using parquet::PageType;

void ThriftWriter::field(int16_t id, uint8_t type) {
  const int delta = id - ids_.back();
  if (delta > 0 && delta <= 15) {
    out.push_back(static_cast<char>((delta << 4) | type));
  } else {
    out.push_back(static_cast<char>(type));
    zigzag(id);
  }
  ids_.back() = id;
}

void ThriftWriter::list_header(uint8_t element_type, size_t n) {
  if (n < 15) {
    out.push_back(static_cast<char>((n << 4) | element_type));
  } else {
    out.push_back(static_cast<char>(0xF0 | element_type));
    varint(n);
  }
}

void ThriftWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::string raw_float(float v) {
  std::string s(4, '\0');
  std::memcpy(s.data(), &v, 4);
  return s;
}

std::string raw_double(double v) {
  std::string s(8, '\0');
  std::memcpy(s.data(), &v, 8);
  return s;
}

std::function<void(ThriftWriter&)> logical_empty(int16_t member) {
  return [member](ThriftWriter& w) {
    w.begin_struct(member);
    w.end();
  };
}

std::function<void(ThriftWriter&)> logical_decimal(int32_t scale, int32_t precision) {
  return [=](ThriftWriter& w) {
    w.begin_struct(5);
    w.i32(1, scale);
    w.i32(2, precision);
    w.end();
  };
}

std::function<void(ThriftWriter&)> logical_time(bool timestamp, int unit, bool utc) {
  return [=](ThriftWriter& w) {
    w.begin_struct(timestamp ? 8 : 7);
    w.boolean(1, utc);
    w.begin_struct(2);
    w.begin_struct(static_cast<int16_t>(unit));
    w.end();
    w.end();
    w.end();
  };
}

std::function<void(ThriftWriter&)> logical_int(int bit_width, bool is_signed) {
  return [=](ThriftWriter& w) {
    w.begin_struct(10);
    w.i8(1, static_cast<int8_t>(bit_width));
    w.boolean(2, is_signed);
    w.end();
  };
}

namespace {

void put_bits(std::string& out, uint64_t& bit, uint64_t value, int width) {
  for (int k = 0; k < width; ++k, ++bit) {
    if (bit / 8 >= out.size()) out.push_back('\0');
    if ((value >> k) & 1) out[bit / 8] = static_cast<char>(out[bit / 8] | (1 << (bit % 8)));
  }
}

std::string uleb(uint64_t v) {
  ThriftWriter w;
  w.varint(v);
  return w.out;
}

}  // namespace

// Runs of 8 or more equal values become RLE runs; the rest go into bit-packed runs
// (whole groups of 8, the last padded with zeros).
std::string encode_hybrid(const std::vector<uint32_t>& values, int bit_width) {
  std::string out;
  size_t i = 0;
  const size_t n = values.size();
  const size_t value_bytes = static_cast<size_t>((bit_width + 7) / 8);
  while (i < n) {
    size_t run = 1;
    while (i + run < n && values[i + run] == values[i]) ++run;
    if (run >= 8) {
      out += uleb(static_cast<uint64_t>(run) << 1);
      for (size_t b = 0; b < value_bytes; ++b) out.push_back(static_cast<char>((values[i] >> (8 * b)) & 0xFF));
      i += run;
      continue;
    }
    // Bit-pack until the next run of 8 equal values.
    size_t j = i;
    while (j < n) {
      size_t r = 1;
      while (j + r < n && values[j + r] == values[j]) ++r;
      if (r >= 8 && (j - i) % 8 == 0) break;
      ++j;
    }
    const size_t count = j - i;
    const size_t groups = (count + 7) / 8;
    out += uleb((static_cast<uint64_t>(groups) << 1) | 1);
    std::string packed;
    uint64_t bit = 0;
    for (size_t k = 0; k < groups * 8; ++k) put_bits(packed, bit, k < count ? values[i + k] : 0, bit_width);
    packed.resize(groups * static_cast<size_t>(bit_width), '\0');
    out += packed;
    i = j;
  }
  return out;
}

std::string encode_delta_binary_packed(const std::vector<int64_t>& values, bool int32) {
  constexpr size_t kBlock = 128, kMinis = 4, kPerMini = kBlock / kMinis;
  std::string out = uleb(kBlock) + uleb(kMinis) + uleb(values.size());
  ThriftWriter first;
  first.zigzag(values.empty() ? 0 : values[0]);
  out += first.out;
  for (size_t start = 1; start < values.size(); start += kBlock) {
    const size_t end = std::min(values.size(), start + kBlock);
    std::vector<int64_t> deltas;
    for (size_t i = start; i < end; ++i) {
      if (int32) {
        deltas.push_back(static_cast<int32_t>(static_cast<uint32_t>(values[i]) - static_cast<uint32_t>(values[i - 1])));
      } else {
        deltas.push_back(static_cast<int64_t>(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1])));
      }
    }
    const int64_t min_delta = *std::min_element(deltas.begin(), deltas.end());
    ThriftWriter header;
    header.zigzag(min_delta);
    out += header.out;
    std::string widths(kMinis, '\0'), bodies;
    for (size_t m = 0; m < kMinis; ++m) {
      const size_t a = m * kPerMini;
      if (a >= deltas.size()) break;  // unused miniblocks: width 0, no body
      uint64_t max = 0;
      std::vector<uint64_t> adjusted;
      for (size_t k = a; k < a + kPerMini; ++k) {
        uint64_t v = 0;
        if (k < deltas.size()) {
          v = int32 ? static_cast<uint32_t>(static_cast<uint32_t>(deltas[k]) - static_cast<uint32_t>(min_delta))
                    : static_cast<uint64_t>(deltas[k]) - static_cast<uint64_t>(min_delta);
        }
        adjusted.push_back(v);
        max = std::max(max, v);
      }
      int w = 0;
      while (w < 64 && (max >> w) != 0) ++w;
      widths[m] = static_cast<char>(w);
      std::string packed;
      uint64_t bit = 0;
      for (uint64_t v : adjusted) put_bits(packed, bit, v, w);
      packed.resize(kPerMini * static_cast<size_t>(w) / 8, '\0');
      bodies += packed;
    }
    out += widths + bodies;
  }
  return out;
}

std::string compress(Codec codec, std::string_view data) {
  switch (codec) {
    case Codec::kUncompressed: return std::string(data);
    case Codec::kSnappy: {
      size_t n = snappy_max_compressed_length(data.size());
      std::string out(n, '\0');
      if (snappy_compress(data.data(), data.size(), out.data(), &n) != SNAPPY_OK) throw std::runtime_error("snappy");
      out.resize(n);
      return out;
    }
    case Codec::kGzip: {
      z_stream zs{};
      if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib");
      std::string out(deflateBound(&zs, data.size()) + 32, '\0');
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      zs.avail_in = static_cast<uInt>(data.size());
      zs.next_out = reinterpret_cast<Bytef*>(out.data());
      zs.avail_out = static_cast<uInt>(out.size());
      if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
      out.resize(zs.total_out);
      deflateEnd(&zs);
      return out;
    }
    case Codec::kZstd: {
      // One context per thread, reused: a fresh one per page costs more than the page.
      static thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
      std::string out(ZSTD_compressBound(data.size()), '\0');
      size_t n = ZSTD_compressCCtx(context.get(), out.data(), out.size(), data.data(), data.size(), 3);
      if (ZSTD_isError(n)) throw std::runtime_error("zstd");
      out.resize(n);
      return out;
    }
    default: throw std::runtime_error("test writer: codec not supported");
  }
}

namespace {

std::vector<const Element*> leaves_of(const std::vector<Element>& schema) {
  std::vector<const Element*> leaves;
  for (const Element& e : schema) {
    if (e.num_children == 0 && e.type) leaves.push_back(&e);
  }
  return leaves;
}

size_t plain_width(const Element& e) {
  switch (*e.type) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<size_t>(e.type_length);
    default: return 0;
  }
}

std::string encode_plain(const Element& e, const std::vector<std::string>& values) {
  std::string out;
  if (*e.type == PhysicalType::kBoolean) {
    uint64_t bit = 0;
    for (const std::string& v : values) put_bits(out, bit, v[0] ? 1 : 0, 1);
    return out;
  }
  for (const std::string& v : values) {
    if (*e.type == PhysicalType::kByteArray) {
      const uint32_t n = static_cast<uint32_t>(v.size());
      out.append(reinterpret_cast<const char*>(&n), 4);
    }
    out += v;
  }
  return out;
}

int64_t as_int(const std::string& v) {
  if (v.size() == 4) {
    int32_t x;
    std::memcpy(&x, v.data(), 4);
    return x;
  }
  int64_t x;
  std::memcpy(&x, v.data(), 8);
  return x;
}

std::string encode_values(const Element& e, Encoding encoding, const std::vector<std::string>& values,
                          const ChunkOptions& o) {
  switch (encoding) {
    case Encoding::kPlain: return encode_plain(e, values);
    case Encoding::kRle: {  // booleans: length-prefixed hybrid of bit width 1
      std::vector<uint32_t> bits;
      for (const std::string& v : values) bits.push_back(v[0] ? 1 : 0);
      std::string body = encode_hybrid(bits, 1);
      const uint32_t n = static_cast<uint32_t>(body.size());
      return std::string(reinterpret_cast<const char*>(&n), 4) + body;
    }
    case Encoding::kDeltaBinaryPacked: {
      std::vector<int64_t> ints;
      for (const std::string& v : values) ints.push_back(as_int(v));
      return encode_delta_binary_packed(ints, o.int32_deltas);
    }
    case Encoding::kDeltaLengthByteArray: {
      std::vector<int64_t> lengths;
      std::string data;
      for (const std::string& v : values) lengths.push_back(static_cast<int64_t>(v.size())), data += v;
      return encode_delta_binary_packed(lengths) + data;
    }
    case Encoding::kDeltaByteArray: {
      std::vector<int64_t> prefixes, suffix_lengths;
      std::string suffixes, previous;
      for (const std::string& v : values) {
        size_t p = 0;
        while (p < v.size() && p < previous.size() && v[p] == previous[p]) ++p;
        prefixes.push_back(static_cast<int64_t>(p));
        suffix_lengths.push_back(static_cast<int64_t>(v.size() - p));
        suffixes += v.substr(p);
        previous = v;
      }
      return encode_delta_binary_packed(prefixes) + encode_delta_binary_packed(suffix_lengths) + suffixes;
    }
    case Encoding::kByteStreamSplit: {
      const size_t w = plain_width(e);
      std::string out(values.size() * w, '\0');
      for (size_t i = 0; i < values.size(); ++i) {
        for (size_t k = 0; k < w; ++k) out[k * values.size() + i] = values[i][k];
      }
      return out;
    }
    default: throw std::runtime_error("test writer: encoding not supported");
  }
}

std::string page_header(PageType type, size_t uncompressed, size_t compressed,
                        const std::function<void(ThriftWriter&)>& body) {
  ThriftWriter w;
  w.begin();
  w.i32(1, static_cast<int32_t>(type));
  w.i32(2, static_cast<int64_t>(uncompressed));
  w.i32(3, static_cast<int64_t>(compressed));
  body(w);
  w.end();
  return w.out;
}

struct ChunkResult {
  std::string bytes;
  size_t dictionary_page = SIZE_MAX;  // offset within bytes
  size_t first_data_page = 0;
  int64_t num_values = 0;
  std::vector<PageLayout> pages;     // offsets within bytes
};

ChunkResult write_chunk(const Element& e, const ChunkData& data, int64_t rows) {
  const ChunkOptions& o = data.options;
  ChunkResult r;
  const bool optional = e.repetition == Repetition::kOptional;
  const bool dictionary = o.encoding == Encoding::kPlainDictionary || o.encoding == Encoding::kRleDictionary;
  std::map<std::string, uint32_t> dict_index;
  std::vector<std::string> dict_values;
  if (dictionary) {
    for (const Cell& c : data.cells) {
      if (c && dict_index.emplace(*c, 0).second) dict_values.push_back(*c);
    }
    if (o.reverse_dictionary) std::reverse(dict_values.begin(), dict_values.end());
    for (uint32_t i = 0; i < dict_values.size(); ++i) dict_index[dict_values[i]] = i;
    std::string body = encode_plain(e, dict_values);
    std::string compressed = compress(o.codec, body);
    std::string header = page_header(PageType::kDictionaryPage, body.size(), compressed.size(), [&](ThriftWriter& w) {
      w.begin_struct(7);
      w.i32(1, static_cast<int64_t>(dict_values.size()));
      w.i32(2, static_cast<int32_t>(o.encoding == Encoding::kPlainDictionary ? Encoding::kPlainDictionary : Encoding::kPlain));
      w.end();
    });
    r.dictionary_page = 0;
    r.pages.push_back({PageType::kDictionaryPage, 0, header.size(), header.size(), compressed.size()});
    r.bytes += header + compressed;
  }
  if (o.index_page) {
    std::string header = page_header(PageType::kIndexPage, 3, 3, [](ThriftWriter& w) {
      w.begin_struct(6);
      w.end();
    });
    r.pages.push_back({PageType::kIndexPage, r.bytes.size(), header.size(), r.bytes.size() + header.size(), 3});
    r.bytes += header + "xyz";
  }
  r.first_data_page = r.bytes.size();
  const size_t n = data.cells.size();
  const size_t per_page = o.page_rows ? o.page_rows : std::max<size_t>(n, 1);
  for (size_t start = 0; start < n || (start == 0 && n == 0); start += per_page) {
    const size_t end = std::min(n, start + per_page);
    std::vector<uint32_t> levels;
    std::vector<std::string> values;
    size_t nulls = 0;
    for (size_t i = start; i < end; ++i) {
      levels.push_back(data.cells[i] ? 1 : 0);
      if (data.cells[i]) values.push_back(*data.cells[i]);
      else ++nulls;
    }
    std::string value_bytes;
    if (dictionary) {
      std::vector<uint32_t> indexes;
      for (const std::string& v : values) indexes.push_back(dict_index[v]);
      int width = 0;
      while (width < 32 && (static_cast<uint64_t>(dict_values.size() > 0 ? dict_values.size() - 1 : 0) >> width) != 0) ++width;
      value_bytes = std::string(1, static_cast<char>(width)) + encode_hybrid(indexes, width);
    } else {
      value_bytes = encode_values(e, o.encoding, values, o);
    }
    std::string level_bytes;
    if (optional) {
      if (!o.v2 && o.definition_encoding == Encoding::kBitPacked) {
        uint64_t bit = 0;
        std::string packed;
        for (uint32_t l : levels) {  // MSB first
          if (bit / 8 >= packed.size()) packed.push_back('\0');
          if (l) packed[bit / 8] = static_cast<char>(packed[bit / 8] | (0x80 >> (bit % 8)));
          ++bit;
        }
        level_bytes = packed;
      } else {
        level_bytes = encode_hybrid(levels, 1);
        if (!o.v2) {
          const uint32_t len = static_cast<uint32_t>(level_bytes.size());
          level_bytes = std::string(reinterpret_cast<const char*>(&len), 4) + level_bytes;
        }
      }
    }
    const Encoding page_encoding = o.encoding;
    std::string header, body;
    if (!o.v2) {
      std::string uncompressed = level_bytes + value_bytes;
      body = compress(o.codec, uncompressed);
      header = page_header(PageType::kDataPage, uncompressed.size(), body.size(), [&](ThriftWriter& w) {
        w.begin_struct(5);
        w.i32(1, static_cast<int64_t>(end - start));
        w.i32(2, static_cast<int32_t>(page_encoding));
        w.i32(3, static_cast<int32_t>(o.definition_encoding));
        w.i32(4, static_cast<int32_t>(Encoding::kRle));
        w.end();
      });
    } else {
      std::string values_part = o.v2_compressed ? compress(o.codec, value_bytes) : value_bytes;
      body = level_bytes + values_part;
      header = page_header(PageType::kDataPageV2, level_bytes.size() + value_bytes.size(), body.size(), [&](ThriftWriter& w) {
        w.begin_struct(8);
        w.i32(1, static_cast<int64_t>(end - start));
        w.i32(2, static_cast<int64_t>(nulls));
        w.i32(3, static_cast<int64_t>(end - start));
        w.i32(4, static_cast<int32_t>(page_encoding));
        w.i32(5, static_cast<int64_t>(level_bytes.size()));
        w.i32(6, 0);
        if (!o.v2_compressed) w.boolean(7, false);
        w.end();
      });
    }
    r.pages.push_back({o.v2 ? PageType::kDataPageV2 : PageType::kDataPage, r.bytes.size(), header.size(),
                       r.bytes.size() + header.size(), body.size()});
    r.bytes += header + body;
    if (n == 0) break;
  }
  r.num_values = rows;
  return r;
}

}  // namespace

std::string write_parquet(const FileSpec& spec, FileLayout* layout) {
  std::vector<const Element*> leaves = leaves_of(spec.schema);
  std::string file = "PAR1";
  FileLayout local;
  FileLayout& lay = layout ? *layout : local;
  lay.chunks.assign(spec.row_groups.size(), {});
  struct ChunkMeta {
    int64_t data_page_offset, dictionary_page_offset, size, num_values;
  };
  std::vector<std::vector<ChunkMeta>> metas(spec.row_groups.size());
  std::vector<int64_t> group_rows;
  for (size_t g = 0; g < spec.row_groups.size(); ++g) {
    const RowGroupData& rg = spec.row_groups[g];
    int64_t rows = rg.rows >= 0 ? rg.rows : (rg.chunks.empty() ? 0 : static_cast<int64_t>(rg.chunks[0].cells.size()));
    group_rows.push_back(rows);
    for (size_t c = 0; c < rg.chunks.size(); ++c) {
      ChunkResult r = write_chunk(*leaves.at(c), rg.chunks[c], rows);
      const size_t start = file.size();
      ChunkLayout cl;
      cl.start = start;
      cl.size = r.bytes.size();
      for (PageLayout p : r.pages) {
        p.header_offset += start;
        p.body_offset += start;
        cl.pages.push_back(p);
      }
      lay.chunks[g].push_back(cl);
      metas[g].push_back({static_cast<int64_t>(start + r.first_data_page),
                          r.dictionary_page == SIZE_MAX || !rg.chunks[c].options.dictionary_offset
                              ? -1
                              : static_cast<int64_t>(start + r.dictionary_page),
                          static_cast<int64_t>(r.bytes.size()), r.num_values});
      if (r.dictionary_page != SIZE_MAX && !rg.chunks[c].options.dictionary_offset) {
        metas[g].back().data_page_offset = static_cast<int64_t>(start);  // Polars style
      }
      file += r.bytes;
    }
  }
  ThriftWriter w;
  w.begin();
  w.i32(1, 1);
  w.list(2, 12, spec.schema.size() + 1);
  // The root, whose children are the top-level elements (the list is depth-first).
  size_t top = 0;
  for (size_t i = 0; i < spec.schema.size(); ++top) {
    uint64_t pending = 1;
    while (pending > 0 && i < spec.schema.size()) pending += static_cast<uint64_t>(spec.schema[i++].num_children) - 1;
  }
  w.begin();
  w.binary(4, "schema");
  w.i32(5, static_cast<int64_t>(top));
  w.end();
  for (const Element& e : spec.schema) {
    w.begin();
    if (e.type) w.i32(1, static_cast<int32_t>(*e.type));
    if (e.type_length) w.i32(2, e.type_length);
    w.i32(3, static_cast<int32_t>(e.repetition));
    w.binary(4, e.name);
    if (e.num_children) w.i32(5, e.num_children);
    if (e.converted != ConvertedType::kNone) w.i32(6, static_cast<int32_t>(e.converted));
    if (e.scale) w.i32(7, *e.scale);
    if (e.precision) w.i32(8, *e.precision);
    if (e.logical) {
      w.begin_struct(10);
      e.logical(w);
      w.end();
    }
    w.end();
  }
  int64_t total_rows = 0;
  for (int64_t r : group_rows) total_rows += r;
  w.i64(3, total_rows);
  w.list(4, 12, spec.row_groups.size());
  for (size_t g = 0; g < spec.row_groups.size(); ++g) {
    w.begin();
    w.list(1, 12, spec.row_groups[g].chunks.size());
    for (size_t c = 0; c < spec.row_groups[g].chunks.size(); ++c) {
      const ChunkMeta& m = metas[g][c];
      const Element& e = *leaves.at(c);
      w.begin();
      w.i64(2, m.data_page_offset);
      w.begin_struct(3);
      w.i32(1, static_cast<int32_t>(*e.type));
      w.list(2, 5, 1);
      w.zigzag(static_cast<int32_t>(spec.row_groups[g].chunks[c].options.encoding));
      w.list(3, 8, 1);
      w.varint(e.name.size());
      w.out += e.name;
      w.i32(4, static_cast<int32_t>(spec.row_groups[g].chunks[c].options.codec));
      w.i64(5, m.num_values);
      w.i64(6, m.size);
      w.i64(7, m.size);
      w.i64(9, m.data_page_offset);
      if (m.dictionary_page_offset >= 0) w.i64(11, m.dictionary_page_offset);
      if (spec.extra_column_metadata) spec.extra_column_metadata(g, c, w);
      w.end();
      w.end();
    }
    w.i64(2, 0);
    w.i64(3, group_rows[g]);
    w.end();
  }
  w.binary(6, "tsum test writer");
  w.end();
  lay.metadata_offset = file.size();
  lay.metadata_size = w.out.size();
  file += w.out;
  const uint32_t len = static_cast<uint32_t>(w.out.size());
  file.append(reinterpret_cast<const char*>(&len), 4);
  file += "PAR1";
  return file;
}

}  // namespace tsum::parquet_test
