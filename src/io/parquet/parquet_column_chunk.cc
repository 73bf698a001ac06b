#include "io/parquet/parquet_column_chunk.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "io/parquet/parquet_rle.h"
#include "table/presize_rule.h"

namespace tsum::parquet {

namespace {

// Values looked up before a chunk's dictionary may be sized ahead: enough for the 4,096
// distinct ones looks_nearly_distinct asks for, with the repeats it allows.
constexpr uint64_t kPresizeLookups = kPresizeEvidence + kPresizeEvidence / 16;
constexpr uint64_t kPresizeRows = uint64_t{1} << 20;  // most values a chunk's dictionary is sized for ahead

constexpr uint32_t kUnassigned = UINT32_MAX;
constexpr size_t kBatchRows = 65536;

// Where a data page's definition levels are.
struct Levels {
  enum Kind { kNone, kRle, kUnpacked } kind = kNone;  // kUnpacked: all in levels_ already
  ByteCursor rle;
};

class ChunkDecoder {
 public:
  ChunkDecoder(const ChunkSpec& spec, ChunkOutput& out, ChunkWorkspace& w)
      : spec_(spec),
        out_(out),
        decompressor_(w.decompressor),
        format_(spec.format),
        page_buffer_(w.page_buffer),
        scratch_(w.scratch),
        values_(w.values),
        levels_(w.levels),
        indexes_(w.indexes),
        page_codes_(w.page_codes),
        text_(w.text),
        dictionary_buffer_(w.dictionary_buffer),
        dictionary_scratch_(w.dictionary_scratch),
        dictionary_(w.dictionary),
        dictionary_codes_(w.dictionary_codes) {}

  void run();

 private:
  void page(const PageHeader& header, std::string_view body);
  void dictionary_page(const PageHeader& header, std::string_view body);
  void data_page(const PageHeader& header, std::string_view body);
  // Codes of a batch of n rows into page_codes_. `levels` is null when every row is
  // present; values_ / indexes_ hold the batch's present values from `first` / from 0.
  void emit_value_codes(const uint8_t* levels, size_t n, uint8_t max, size_t first);
  // The same for values given by indexes (indexes_) into `size` values: `map` caches each
  // one's code (kUnassigned until first seen), value_of(i) gives its raw bytes.
  template <class ValueOf>
  void emit_indexed_codes(const uint8_t* levels, size_t n, uint8_t max, uint32_t* map, size_t size, ValueOf value_of);
  uint32_t code_of(std::string_view raw) {
    bool inserted;
    return out_.dictionary.find_or_insert(format_value(format_, raw, text_), inserted) + 1;
  }
  // code_of() for a value written out in a page (not an index into a dictionary page).
  uint32_t plain_code_of(std::string_view raw) {
    const uint32_t code = code_of(raw);
    if (++plain_values_ == kPresizeLookups && looks_nearly_distinct(out_.dictionary.size(), plain_values_)) {
      // Values that seldom repeat (PLAIN pages of raw timestamps, prices): room for a
      // value per row of the row group at once rather than a doubling after every few
      // (table/presize_rule.h). The row count is the file's word, so the room is capped
      // (kPresizeRows values): a corrupt count cannot make it allocate much, and a larger
      // row group doubles on from there. (The arena of texts grows as a string does.)
      out_.dictionary.reserve(std::min<uint64_t>(spec_.rows, kPresizeRows));
    }
    return code;
  }

  const ChunkSpec& spec_;
  ChunkOutput& out_;
  Decompressor& decompressor_;
  const ValueFormat& format_;
  uint64_t rows_done_ = 0;
  size_t data_pages_ = 0;
  uint64_t plain_values_ = 0;  // values plain_code_of() was asked for

  Buffer& page_buffer_;
  DecodeScratch& scratch_;
  PageValues& values_;
  std::vector<uint8_t>& levels_;
  std::vector<uint32_t>& indexes_;
  std::vector<uint32_t>& page_codes_;
  std::string& text_;

  bool has_dictionary_ = false;
  Buffer& dictionary_buffer_;
  DecodeScratch& dictionary_scratch_;
  PageValues& dictionary_;
  std::vector<uint32_t>& dictionary_codes_;
  uint32_t boolean_codes_[2] = {kUnassigned, kUnassigned};  // codes of false and true (RLE booleans)
};

void ChunkDecoder::run() {
  const ColumnMetaData& m = *spec_.meta;
  if (m.type != format_.physical) {
    fail("the column chunk's type " + name(m.type) + " differs from the schema's " + name(format_.physical));
  }
  if (!codec_supported(m.codec)) {
    fail("unsupported compression codec " + name(m.codec) + " (tsum reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD)");
  }
  int64_t start = m.data_page_offset;
  if (m.dictionary_page_offset && *m.dictionary_page_offset > 0 && *m.dictionary_page_offset < start) {
    start = *m.dictionary_page_offset;
  }
  const int64_t size = m.total_compressed_size;
  const auto end_limit = static_cast<int64_t>(spec_.data_end);
  if (start < 4 || size < 0 || start > end_limit || size > end_limit - start) {
    fail("the column chunk (" + std::to_string(size) + " bytes at offset " + std::to_string(start) +
         ") runs past the column data, which ends at offset " + std::to_string(spec_.data_end));
  }
  const std::string_view chunk = spec_.file.substr(static_cast<size_t>(start), static_cast<size_t>(size));
  size_t pos = 0;
  size_t page_index = 0;
  while (rows_done_ < spec_.rows) {
    const size_t page_offset = static_cast<size_t>(start) + pos;
    if (pos >= chunk.size()) {
      fail("the column chunk ends after " + std::to_string(rows_done_) + " of the row group's " +
           std::to_string(spec_.rows) + " rows");
    }
    try {
      size_t header_length = 0;
      PageHeader header;
      try {
        header = parse_page_header(chunk.substr(pos), header_length);
      } catch (const DecodeError& e) {
        fail(std::string("page header: ") + e.what());
      }
      if (header.compressed_page_size < 0 || header.uncompressed_page_size < 0) {
        fail("negative page size in the page header");
      }
      const size_t body_offset = pos + header_length;
      const size_t left = chunk.size() - body_offset;
      if (static_cast<size_t>(header.compressed_page_size) > left) {
        fail("the page (" + std::to_string(header.compressed_page_size) + " bytes after a " +
             std::to_string(header_length) + "-byte header) runs past the end of its column chunk (" +
             std::to_string(left) + " bytes left)");
      }
      page(header, chunk.substr(body_offset, static_cast<size_t>(header.compressed_page_size)));
      pos = body_offset + static_cast<size_t>(header.compressed_page_size);
    } catch (const PageError&) {
      throw;
    } catch (const DecodeError& e) {
      throw PageError(page_index, page_offset, e.what());
    }
    ++page_index;
  }
}

void ChunkDecoder::page(const PageHeader& header, std::string_view body) {
  switch (header.type) {
    case PageType::kDictionaryPage:
      dictionary_page(header, body);
      return;
    case PageType::kDataPage:
    case PageType::kDataPageV2:
      data_page(header, body);
      return;
    default:  // index pages and unknown page types carry no values
      return;
  }
}

void ChunkDecoder::dictionary_page(const PageHeader& header, std::string_view body) {
  if (!header.has_dictionary) fail("dictionary page without a DictionaryPageHeader");
  if (has_dictionary_) fail("a second dictionary page in the column chunk");
  if (data_pages_ > 0) fail("a dictionary page after data pages");
  if (header.encoding != Encoding::kPlain && header.encoding != Encoding::kPlainDictionary) {
    fail("unsupported dictionary page encoding " + name(header.encoding));
  }
  if (header.num_values < 0) fail("negative dictionary size " + std::to_string(header.num_values));
  std::string_view data = decompressor_.decompress(spec_.meta->codec, body,
                                                   static_cast<size_t>(header.uncompressed_page_size), dictionary_buffer_);
  const size_t n = static_cast<size_t>(header.num_values);
  decode_values(Encoding::kPlain, format_, ByteCursor(data), n, n, dictionary_, dictionary_scratch_);
  dictionary_codes_.assign(n, kUnassigned);
  has_dictionary_ = true;
  // A large dictionary page bounds the values its indexes can bring (the n values were
  // decoded above, so n is no corrupt count): room for them at once.
  if (n >= kPresizeEvidence) out_.dictionary.reserve(std::min<uint64_t>(n, kPresizeRows));
}

void ChunkDecoder::data_page(const PageHeader& header, std::string_view body) {
  const bool v2 = header.type == PageType::kDataPageV2;
  if (v2 ? !header.has_data_v2 : !header.has_data) {
    fail(std::string(v2 ? "DATA_PAGE_V2 without a DataPageHeaderV2" : "DATA_PAGE without a DataPageHeader"));
  }
  ++data_pages_;
  if (header.num_values < 0) fail("negative value count " + std::to_string(header.num_values));
  const size_t n = static_cast<size_t>(header.num_values);
  if (n > spec_.rows - rows_done_) {
    fail("the page has " + std::to_string(n) + " values, more than the " + std::to_string(spec_.rows - rows_done_) +
         " rows left in the row group");
  }
  // Split the page into definition levels and values. (No repetition levels: a flat
  // column's maximum repetition level is 0.)
  Levels levels;
  ByteCursor values;
  const bool optional = spec_.max_definition_level > 0;
  if (!v2) {
    std::string_view data = decompressor_.decompress(spec_.meta->codec, body,
                                                     static_cast<size_t>(header.uncompressed_page_size), page_buffer_);
    ByteCursor in(data);
    if (optional) {
      if (header.definition_level_encoding == Encoding::kRle) {
        const uint32_t len = in.u32le("definition levels length");
        levels.kind = Levels::kRle;
        levels.rle = ByteCursor(in.take(len, "definition levels"), len);
      } else if (header.definition_level_encoding == Encoding::kBitPacked) {
        // Deprecated; one bit per value, so unpacking the whole page at once is bounded.
        const size_t bytes = n / 8 + (n % 8 != 0);
        const uint8_t* p = in.take(bytes, "BIT_PACKED definition levels");
        levels_.resize(n);
        unpack_bits_msb(p, bytes, 1, n, levels_.data());
        levels.kind = Levels::kUnpacked;
      } else {
        fail("unsupported definition level encoding " + name(header.definition_level_encoding));
      }
    }
    values = in;
  } else {
    const int32_t rep_len = header.repetition_levels_byte_length, def_len = header.definition_levels_byte_length;
    if (rep_len < 0 || def_len < 0 || static_cast<uint64_t>(rep_len) + static_cast<uint64_t>(def_len) > body.size()) {
      fail("level lengths (" + std::to_string(rep_len) + " + " + std::to_string(def_len) +
           " bytes) run past the end of the page (" + std::to_string(body.size()) + " bytes)");
    }
    const size_t levels_size = static_cast<size_t>(rep_len) + static_cast<size_t>(def_len);
    if (optional) {
      levels.kind = Levels::kRle;
      levels.rle = ByteCursor(body.substr(static_cast<size_t>(rep_len), static_cast<size_t>(def_len)));
    }
    if (static_cast<size_t>(header.uncompressed_page_size) < levels_size) {
      fail("the uncompressed page size " + std::to_string(header.uncompressed_page_size) +
           " is smaller than its levels (" + std::to_string(levels_size) + " bytes)");
    }
    const size_t rest_size = static_cast<size_t>(header.uncompressed_page_size) - levels_size;
    const Codec codec = header.is_compressed ? spec_.meta->codec : Codec::kUncompressed;
    values = ByteCursor(decompressor_.decompress(codec, body.substr(levels_size), rest_size, page_buffer_));
  }

  // How many values are present (not NULL), without keeping the levels yet.
  const uint8_t max = static_cast<uint8_t>(spec_.max_definition_level);
  size_t present = n;
  if (levels.kind == Levels::kRle) {
    present = RleDecoder(levels.rle, 1).count(n, max, "definition levels");
  } else if (levels.kind == Levels::kUnpacked) {
    present = static_cast<size_t>(std::count(levels_.begin(), levels_.begin() + static_cast<ptrdiff_t>(n), max));
  }

  // The values: dictionary indexes and RLE booleans (indexes into {false, true}) are
  // decoded batch by batch below, as they may hold many values in few bytes; other
  // encodings are decoded whole here (their buffers are bounded by the page's bytes).
  const bool dictionary = header.encoding == Encoding::kPlainDictionary || header.encoding == Encoding::kRleDictionary;
  const bool rle_booleans = header.encoding == Encoding::kRle && format_.physical == PhysicalType::kBoolean;
  std::optional<RleDecoder> indexes;
  if (dictionary) {
    if (!has_dictionary_) fail("a dictionary-encoded page, but the column chunk has no dictionary page");
    if (present > 0) {
      const int bit_width = values.byte("dictionary index bit width");
      if (bit_width > 32) fail("dictionary index bit width " + std::to_string(bit_width) + " is more than 32");
      indexes.emplace(values, bit_width);
    }
  } else if (rle_booleans) {
    if (present > 0) {
      const uint32_t len = values.u32le("RLE boolean length");
      indexes.emplace(ByteCursor(values.take(len, "RLE booleans"), len), 1);
    }
  } else {
    decode_values(header.encoding, format_, values, present, n, values_, scratch_);
  }

  // Codes, a batch of rows at a time (so that a page declaring many values in few bytes
  // costs memory only for what it really yields).
  std::optional<RleDecoder> level_runs;
  if (levels.kind == Levels::kRle) level_runs.emplace(levels.rle, 1);
  size_t next_value = 0;
  for (size_t start = 0; start < n;) {
    const size_t batch = std::min(kBatchRows, n - start);
    const uint8_t* batch_levels = nullptr;
    size_t batch_present = batch;
    if (levels.kind == Levels::kRle) {
      if (levels_.size() < batch) levels_.resize(batch);
      level_runs->decode(levels_.data(), batch, "definition levels");
      batch_levels = levels_.data();
    } else if (levels.kind == Levels::kUnpacked) {
      batch_levels = levels_.data() + start;
    }
    if (batch_levels) batch_present = static_cast<size_t>(std::count(batch_levels, batch_levels + batch, max));
    if (page_codes_.size() < batch) page_codes_.resize(batch);
    if (dictionary || rle_booleans) {
      if (indexes_.size() < batch_present) indexes_.resize(batch_present);
      if (batch_present > 0) indexes->decode(indexes_.data(), batch_present, dictionary ? "dictionary indexes" : "RLE booleans");
      if (dictionary) {
        emit_indexed_codes(batch_levels, batch, max, dictionary_codes_.data(), dictionary_codes_.size(),
                           [this](uint32_t i) { return dictionary_.value(i); });
      } else {
        emit_indexed_codes(batch_levels, batch, max, boolean_codes_, 2, [](uint32_t i) {
          return i ? std::string_view("\1", 1) : std::string_view("\0", 1);
        });
      }
    } else {
      emit_value_codes(batch_levels, batch, max, next_value);
      next_value += batch_present;
    }
    out_.codes.append(page_codes_.data(), batch, out_.dictionary.size());
    start += batch;
  }
  rows_done_ += n;
}

void ChunkDecoder::emit_value_codes(const uint8_t* levels, size_t n, uint8_t max, size_t first) {
  uint32_t* codes = page_codes_.data();
  if (!levels) {
    for (size_t i = 0; i < n; ++i) codes[i] = plain_code_of(values_.value(first + i));
  } else {
    size_t k = first;
    for (size_t i = 0; i < n; ++i) codes[i] = levels[i] == max ? plain_code_of(values_.value(k++)) : 0;
  }
}

template <class ValueOf>
void ChunkDecoder::emit_indexed_codes(const uint8_t* levels, size_t n, uint8_t max, uint32_t* map, size_t size,
                                      ValueOf value_of) {
  uint32_t* codes = page_codes_.data();
  const uint32_t* indexes = indexes_.data();
  auto code = [&](uint32_t index) {
    if (index >= size) {
      fail("dictionary index " + std::to_string(index) + " is out of range (the dictionary has " +
           std::to_string(size) + (size == 1 ? " entry)" : " entries)"));
    }
    uint32_t c = map[index];
    if (c == kUnassigned) c = map[index] = code_of(value_of(index));
    return c;
  };
  if (!levels) {
    for (size_t i = 0; i < n; ++i) codes[i] = code(indexes[i]);
  } else {
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) codes[i] = levels[i] == max ? code(indexes[k++]) : 0;
  }
}

}  // namespace

void decode_column_chunk(const ChunkSpec& spec, ChunkOutput& out, ChunkWorkspace& workspace) {
  out.all_numeric = spec.format.is_number;
  // Room for the row group's rows, unless that is far more than the chunk's bytes could
  // plausibly hold (a corrupt count must not allocate gigabytes up front).
  const uint64_t bytes = static_cast<uint64_t>(std::max<int64_t>(spec.meta->total_compressed_size, 0));
  out.codes.reserve(std::min<uint64_t>(spec.rows, std::min<uint64_t>(bytes, uint64_t{1} << 32) * 64 + 4096), 0);
  ChunkDecoder(spec, out, workspace).run();
}

}  // namespace tsum::parquet
