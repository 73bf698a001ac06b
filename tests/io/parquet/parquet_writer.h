// A small Parquet writer for tests: hand-made files with exactly the encodings, page
// versions, codecs, types and layouts a test asks for (including those DuckDB cannot
// write), and a map of where every page landed so that tests can corrupt chosen bytes.
//
// It writes what the format specification says, independently of the reader's code
// (only the enums are shared): a Thrift compact encoder, PLAIN / RLE-bit-packed hybrid /
// DELTA_* / BYTE_STREAM_SPLIT encoders, and the codecs' own compressors.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/parquet_format.h"

namespace tsum::parquet_test {

using parquet::Codec;
using parquet::ConvertedType;
using parquet::Encoding;
using parquet::PhysicalType;
using parquet::Repetition;

// Thrift compact protocol encoder.
class ThriftWriter {
 public:
  std::string out;

  void begin() { ids_.push_back(0); }
  void end() {  // stop byte
    out.push_back(0);
    ids_.pop_back();
  }
  void field(int16_t id, uint8_t type);
  void i8(int16_t id, int8_t v) {
    field(id, 3);
    out.push_back(static_cast<char>(v));
  }
  void i32(int16_t id, int64_t v) {
    field(id, 5);
    zigzag(v);
  }
  void i64(int16_t id, int64_t v) {
    field(id, 6);
    zigzag(v);
  }
  void boolean(int16_t id, bool v) { field(id, v ? 1 : 2); }
  void binary(int16_t id, std::string_view s) {
    field(id, 8);
    varint(s.size());
    out.append(s);
  }
  void begin_struct(int16_t id) {
    field(id, 12);
    begin();
  }
  void list(int16_t id, uint8_t element_type, size_t n) {
    field(id, 9);
    list_header(element_type, n);
  }
  void list_header(uint8_t element_type, size_t n);
  void varint(uint64_t v);
  void zigzag(int64_t v) { varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }

 private:
  std::vector<int16_t> ids_;
};

// One schema element below the root (a leaf unless num_children > 0).
struct Element {
  std::string name;
  std::optional<PhysicalType> type;
  Repetition repetition = Repetition::kOptional;
  int32_t type_length = 0;
  ConvertedType converted = ConvertedType::kNone;
  std::optional<int32_t> scale, precision;
  int32_t num_children = 0;
  // Writes the members of the LogicalType union (e.g. w.begin_struct(8) ... w.end()).
  std::function<void(ThriftWriter&)> logical;
};

// A flat (leaf) schema element.
inline Element leaf(const std::string& name, PhysicalType type, Repetition rep = Repetition::kOptional) {
  Element e;
  e.name = name;
  e.type = type;
  e.repetition = rep;
  return e;
}

// How one column chunk is written.
struct ChunkOptions {
  Encoding encoding = Encoding::kPlain;  // PLAIN_DICTIONARY / RLE_DICTIONARY add a dictionary page
  bool v2 = false;                       // DATA_PAGE_V2 instead of DATA_PAGE
  bool v2_compressed = true;             // DataPageHeaderV2.is_compressed
  Encoding definition_encoding = Encoding::kRle;  // v1: RLE or BIT_PACKED
  Codec codec = Codec::kUncompressed;
  size_t page_rows = 0;                  // rows per data page; 0 = one page
  bool dictionary_offset = true;         // false: the dictionary page is first but unannounced (as Polars does)
  bool reverse_dictionary = false;       // dictionary entries in reverse order of first appearance
  bool int32_deltas = false;             // DELTA_BINARY_PACKED in 32-bit arithmetic (as parquet-mr)
  bool index_page = false;               // an INDEX_PAGE before the data pages (readers skip it)
};

// Raw values: the PLAIN bytes of one value (4/8/12 little-endian bytes, FIXED_LEN bytes,
// the content of a BYTE_ARRAY, "\1"/"\0" for BOOLEAN); nullopt is NULL.
using Cell = std::optional<std::string>;

struct ChunkData {
  std::vector<Cell> cells;
  ChunkOptions options;
};

struct RowGroupData {
  std::vector<ChunkData> chunks;  // one per leaf, in schema order
  int64_t rows = -1;              // -1: the cells' count
};

struct PageLayout {
  parquet::PageType type;
  size_t header_offset = 0, header_size = 0;
  size_t body_offset = 0, body_size = 0;
};

struct ChunkLayout {
  size_t start = 0, size = 0;
  std::vector<PageLayout> pages;
};

struct FileLayout {
  std::vector<std::vector<ChunkLayout>> chunks;  // [row group][leaf]
  size_t metadata_offset = 0, metadata_size = 0;
};

struct FileSpec {
  std::vector<Element> schema;
  std::vector<RowGroupData> row_groups;
  // Called on the FileMetaData's ColumnMetaData writer to add or change fields (tests of
  // corrupt metadata); default none.
  std::function<void(size_t group, size_t leaf, ThriftWriter&)> extra_column_metadata;
};

// The whole file's bytes; `layout` (optional) receives where things are.
std::string write_parquet(const FileSpec& spec, FileLayout* layout = nullptr);

// Encoders, exposed for decoder unit tests.
std::string encode_hybrid(const std::vector<uint32_t>& values, int bit_width);  // RLE/bit-packed hybrid
std::string encode_delta_binary_packed(const std::vector<int64_t>& values, bool int32 = false);
std::string compress(Codec codec, std::string_view data);

// Little-endian raw bytes of a value.
template <class T>
std::string raw(T v) {
  std::string s(sizeof(T), '\0');
  for (size_t i = 0; i < sizeof(T); ++i) s[i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xFF);
  return s;
}
std::string raw_float(float v);
std::string raw_double(double v);

// A LogicalType writer for common annotations.
std::function<void(ThriftWriter&)> logical_empty(int16_t member);  // STRING=1, ENUM=4, DATE=6, UUID=14, FLOAT16=15, JSON=12, ...
std::function<void(ThriftWriter&)> logical_decimal(int32_t scale, int32_t precision);
std::function<void(ThriftWriter&)> logical_time(bool timestamp, int unit /*1 ms, 2 us, 3 ns*/, bool utc = false);
std::function<void(ThriftWriter&)> logical_int(int bit_width, bool is_signed);

}  // namespace tsum::parquet_test
