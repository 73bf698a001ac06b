// Parquet file metadata: the footer (FileMetaData) and page headers, decoded from the
// Thrift compact protocol into plain structs. Only the fields tsum uses are kept; the
// rest (statistics, key-value metadata, indexes, ...) are skipped.
//
// File layout: "PAR1" <column chunks...> <FileMetaData> <4-byte LE length of it> "PAR1".
// read_footer() checks both magics and the length and decodes the metadata; errors are
// DecodeError with these messages (the reader prefixes the file name):
//   encrypted Parquet files are not supported (magic PARE)
//   file is too small to be Parquet (N bytes)
//   not a Parquet file (it does not start with PAR1)
//   not a Parquet file, or truncated: it does not end with PAR1
//   footer length L runs past the start of the file (file has N bytes)
//   file metadata (L bytes at offset O): bad Thrift data: <what> at byte B
//       (B counts from the start of the metadata; <what> includes
//        "missing required field FileMetaData.schema" and the like)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/parquet/parquet_format.h"

namespace tsum::parquet {

// LogicalType (a union in parquet.thrift); kNone when absent.
struct LogicalType {
  enum class Kind : uint8_t {
    kNone, kString, kMap, kList, kEnum, kDecimal, kDate, kTime, kTimestamp, kInteger,
    kUnknown, kJson, kBson, kUuid, kFloat16, kOther,
  };
  Kind kind = Kind::kNone;
  int32_t scale = 0, precision = 0;  // DECIMAL
  bool adjusted_to_utc = false;      // TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::kMicros; // TIME, TIMESTAMP
  int32_t bit_width = 0;             // INTEGER
  bool is_signed = true;             // INTEGER
  int32_t union_field = 0;           // the union member's field id (names kOther)
};

struct SchemaElement {
  std::string name;
  std::optional<PhysicalType> type;  // absent for groups
  int32_t type_length = 0;           // FIXED_LEN_BYTE_ARRAY
  std::optional<Repetition> repetition;
  int32_t num_children = 0;
  ConvertedType converted_type = ConvertedType::kNone;
  std::optional<int32_t> scale, precision;
  LogicalType logical;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset;
};

struct ColumnChunk {
  std::optional<std::string> file_path;  // set when the data lives in another file
  std::optional<ColumnMetaData> meta_data;
  bool encrypted = false;                // crypto metadata present
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t num_rows = 0;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;  // depth-first, the root first
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::string created_by;
  bool encrypted = false;             // encryption_algorithm present (plaintext footer)
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  bool has_data = false, has_data_v2 = false, has_dictionary = false;
  // DataPageHeader / DataPageHeaderV2 / DictionaryPageHeader
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;  // v1
  Encoding repetition_level_encoding = Encoding::kRle;  // v1
  int32_t num_nulls = 0;                                // v2
  int32_t num_rows = 0;                                 // v2
  int32_t definition_levels_byte_length = 0;            // v2
  int32_t repetition_levels_byte_length = 0;            // v2
  bool is_compressed = true;                            // v2
};

// The decoded footer and where the metadata sits in the file.
struct Footer {
  FileMetaData metadata;
  size_t metadata_offset = 0;  // file offset of the FileMetaData bytes
  size_t metadata_length = 0;
};

// Checks the magics and decodes the footer of a whole file's bytes.
Footer read_footer(std::string_view file);

// Decodes FileMetaData from its Thrift bytes.
FileMetaData parse_file_metadata(std::string_view bytes);

// Decodes a page header at the start of `bytes`; `header_length` receives its size.
PageHeader parse_page_header(std::string_view bytes, size_t& header_length);

}  // namespace tsum::parquet
