#include "io/parquet/parquet_metadata.h"

#include <cstring>

#include "io/parquet/thrift_compact.h"

namespace tsum::parquet {

namespace {

using T = ThriftType;

[[noreturn]] void missing(const char* field) { fail(std::string("missing required field ") + field); }

int32_t read_i32(ThriftReader& r, const ThriftField& f, const char* what) {
  int64_t v = r.read_int(f.type, what);
  if (v < INT32_MIN || v > INT32_MAX) r.error(std::string(what) + " does not fit in 32 bits");
  return static_cast<int32_t>(v);
}

// Reads a struct-typed field by calling `on_field(reader, field)` for each member.
template <class F>
void read_struct(ThriftReader& r, T type, const char* what, F&& on_field) {
  r.expect_struct(type, what);
  r.begin_struct();
  ThriftField f;
  while (r.next_field(f)) on_field(f);
  r.end_struct();
}

// A union whose members are empty structs, or structs we read: returns the member id.
TimeUnit read_time_unit(ThriftReader& r, T type) {
  TimeUnit unit = TimeUnit::kMicros;
  bool seen = false;
  read_struct(r, type, "TimeUnit", [&](const ThriftField& f) {
    switch (f.id) {
      case 1: unit = TimeUnit::kMillis; seen = true; break;
      case 2: unit = TimeUnit::kMicros; seen = true; break;
      case 3: unit = TimeUnit::kNanos; seen = true; break;
      default: break;
    }
    r.skip(f.type);
  });
  if (!seen) missing("TimeUnit (MILLIS, MICROS or NANOS)");
  return unit;
}

LogicalType read_logical_type(ThriftReader& r, T type) {
  using K = LogicalType::Kind;
  LogicalType lt;
  read_struct(r, type, "LogicalType", [&](const ThriftField& f) {
    lt.union_field = f.id;
    switch (f.id) {
      case 1: lt.kind = K::kString; r.skip(f.type); break;
      case 2: lt.kind = K::kMap; r.skip(f.type); break;
      case 3: lt.kind = K::kList; r.skip(f.type); break;
      case 4: lt.kind = K::kEnum; r.skip(f.type); break;
      case 5: {
        lt.kind = K::kDecimal;
        bool scale = false, precision = false;
        read_struct(r, f.type, "DecimalType", [&](const ThriftField& g) {
          if (g.id == 1) lt.scale = read_i32(r, g, "DecimalType.scale"), scale = true;
          else if (g.id == 2) lt.precision = read_i32(r, g, "DecimalType.precision"), precision = true;
          else r.skip(g.type);
        });
        if (!scale) missing("DecimalType.scale");
        if (!precision) missing("DecimalType.precision");
        break;
      }
      case 6: lt.kind = K::kDate; r.skip(f.type); break;
      case 7:
      case 8: {
        lt.kind = f.id == 7 ? K::kTime : K::kTimestamp;
        bool unit = false;
        read_struct(r, f.type, f.id == 7 ? "TimeType" : "TimestampType", [&](const ThriftField& g) {
          if (g.id == 1) lt.adjusted_to_utc = r.read_bool(g.type, "isAdjustedToUTC");
          else if (g.id == 2) lt.unit = read_time_unit(r, g.type), unit = true;
          else r.skip(g.type);
        });
        if (!unit) missing(f.id == 7 ? "TimeType.unit" : "TimestampType.unit");
        break;
      }
      case 10: {
        lt.kind = K::kInteger;
        bool width = false, sign = false;
        read_struct(r, f.type, "IntType", [&](const ThriftField& g) {
          if (g.id == 1) lt.bit_width = read_i32(r, g, "IntType.bitWidth"), width = true;
          else if (g.id == 2) lt.is_signed = r.read_bool(g.type, "IntType.isSigned"), sign = true;
          else r.skip(g.type);
        });
        if (!width) missing("IntType.bitWidth");
        if (!sign) missing("IntType.isSigned");
        break;
      }
      case 11: lt.kind = K::kUnknown; r.skip(f.type); break;
      case 12: lt.kind = K::kJson; r.skip(f.type); break;
      case 13: lt.kind = K::kBson; r.skip(f.type); break;
      case 14: lt.kind = K::kUuid; r.skip(f.type); break;
      case 15: lt.kind = K::kFloat16; r.skip(f.type); break;
      default: lt.kind = K::kOther; r.skip(f.type); break;
    }
  });
  return lt;
}

SchemaElement read_schema_element(ThriftReader& r, T type) {
  SchemaElement e;
  bool has_name = false;
  read_struct(r, type, "SchemaElement", [&](const ThriftField& f) {
    switch (f.id) {
      case 1: e.type = static_cast<PhysicalType>(read_i32(r, f, "SchemaElement.type")); break;
      case 2: e.type_length = read_i32(r, f, "SchemaElement.type_length"); break;
      case 3: e.repetition = static_cast<Repetition>(read_i32(r, f, "SchemaElement.repetition_type")); break;
      case 4: e.name = std::string(r.read_binary(f.type, "SchemaElement.name")); has_name = true; break;
      case 5: e.num_children = read_i32(r, f, "SchemaElement.num_children"); break;
      case 6: e.converted_type = static_cast<ConvertedType>(read_i32(r, f, "SchemaElement.converted_type")); break;
      case 7: e.scale = read_i32(r, f, "SchemaElement.scale"); break;
      case 8: e.precision = read_i32(r, f, "SchemaElement.precision"); break;
      case 10: e.logical = read_logical_type(r, f.type); break;
      default: r.skip(f.type); break;
    }
  });
  if (!has_name) missing("SchemaElement.name");
  return e;
}

ColumnMetaData read_column_metadata(ThriftReader& r, T type) {
  ColumnMetaData m;
  bool has_type = false, has_codec = false, has_values = false, has_size = false, has_offset = false;
  read_struct(r, type, "ColumnMetaData", [&](const ThriftField& f) {
    switch (f.id) {
      case 1: m.type = static_cast<PhysicalType>(read_i32(r, f, "ColumnMetaData.type")); has_type = true; break;
      case 3: {
        ThriftList list = r.read_list(f.type, "ColumnMetaData.path_in_schema");
        for (uint32_t i = 0; i < list.size; ++i) {
          m.path_in_schema.emplace_back(r.read_binary(list.element, "ColumnMetaData.path_in_schema"));
        }
        break;
      }
      case 4: m.codec = static_cast<Codec>(read_i32(r, f, "ColumnMetaData.codec")); has_codec = true; break;
      case 5: m.num_values = r.read_int(f.type, "ColumnMetaData.num_values"); has_values = true; break;
      case 7: m.total_compressed_size = r.read_int(f.type, "ColumnMetaData.total_compressed_size"); has_size = true; break;
      case 9: m.data_page_offset = r.read_int(f.type, "ColumnMetaData.data_page_offset"); has_offset = true; break;
      case 11: m.dictionary_page_offset = r.read_int(f.type, "ColumnMetaData.dictionary_page_offset"); break;
      default: r.skip(f.type); break;
    }
  });
  if (!has_type) missing("ColumnMetaData.type");
  if (!has_codec) missing("ColumnMetaData.codec");
  if (!has_values) missing("ColumnMetaData.num_values");
  if (!has_size) missing("ColumnMetaData.total_compressed_size");
  if (!has_offset) missing("ColumnMetaData.data_page_offset");
  return m;
}

ColumnChunk read_column_chunk(ThriftReader& r, T type) {
  ColumnChunk c;
  read_struct(r, type, "ColumnChunk", [&](const ThriftField& f) {
    switch (f.id) {
      case 1: c.file_path = std::string(r.read_binary(f.type, "ColumnChunk.file_path")); break;
      case 3: c.meta_data = read_column_metadata(r, f.type); break;
      case 8:
      case 9: c.encrypted = true; r.skip(f.type); break;
      default: r.skip(f.type); break;
    }
  });
  return c;
}

RowGroup read_row_group(ThriftReader& r, T type) {
  RowGroup g;
  bool has_columns = false, has_rows = false;
  read_struct(r, type, "RowGroup", [&](const ThriftField& f) {
    switch (f.id) {
      case 1: {
        ThriftList list = r.read_list(f.type, "RowGroup.columns");
        g.columns.reserve(list.size);
        for (uint32_t i = 0; i < list.size; ++i) g.columns.push_back(read_column_chunk(r, list.element));
        has_columns = true;
        break;
      }
      case 3: g.num_rows = r.read_int(f.type, "RowGroup.num_rows"); has_rows = true; break;
      default: r.skip(f.type); break;
    }
  });
  if (!has_columns) missing("RowGroup.columns");
  if (!has_rows) missing("RowGroup.num_rows");
  return g;
}

// Runs a parse; any DecodeError that is not already a Thrift error (a read past the end,
// a missing required field) becomes one, with the byte offset where it was noticed.
template <class F>
auto guarded(ThriftReader& r, F&& parse) {
  try {
    return parse();
  } catch (const DecodeError& e) {
    if (std::strncmp(e.what(), "bad Thrift data", 15) == 0) throw;
    r.error(e.what());
  }
}

FileMetaData parse_file_metadata(ThriftReader& r) {
  FileMetaData m;
  bool has_schema = false, has_rows = false, has_groups = false;
  r.begin_struct();
  ThriftField f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: m.version = read_i32(r, f, "FileMetaData.version"); break;
      case 2: {
        ThriftList list = r.read_list(f.type, "FileMetaData.schema");
        m.schema.reserve(list.size);
        for (uint32_t i = 0; i < list.size; ++i) m.schema.push_back(read_schema_element(r, list.element));
        has_schema = true;
        break;
      }
      case 3: m.num_rows = r.read_int(f.type, "FileMetaData.num_rows"); has_rows = true; break;
      case 4: {
        ThriftList list = r.read_list(f.type, "FileMetaData.row_groups");
        m.row_groups.reserve(list.size);
        for (uint32_t i = 0; i < list.size; ++i) m.row_groups.push_back(read_row_group(r, list.element));
        has_groups = true;
        break;
      }
      case 6: m.created_by = std::string(r.read_binary(f.type, "FileMetaData.created_by")); break;
      case 8: m.encrypted = true; r.skip(f.type); break;
      default: r.skip(f.type); break;
    }
  }
  r.end_struct();
  if (!has_schema) missing("FileMetaData.schema");
  if (!has_rows) missing("FileMetaData.num_rows");
  if (!has_groups) missing("FileMetaData.row_groups");
  return m;
}

PageHeader parse_page_header(ThriftReader& r) {
  PageHeader h;
  bool has_type = false, has_uncompressed = false, has_compressed = false;
  r.begin_struct();
  ThriftField f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: h.type = static_cast<PageType>(read_i32(r, f, "PageHeader.type")); has_type = true; break;
      case 2: h.uncompressed_page_size = read_i32(r, f, "PageHeader.uncompressed_page_size"); has_uncompressed = true; break;
      case 3: h.compressed_page_size = read_i32(r, f, "PageHeader.compressed_page_size"); has_compressed = true; break;
      case 5: {
        bool values = false, enc = false, def = false, rep = false;
        read_struct(r, f.type, "DataPageHeader", [&](const ThriftField& g) {
          switch (g.id) {
            case 1: h.num_values = read_i32(r, g, "DataPageHeader.num_values"); values = true; break;
            case 2: h.encoding = static_cast<Encoding>(read_i32(r, g, "DataPageHeader.encoding")); enc = true; break;
            case 3: h.definition_level_encoding = static_cast<Encoding>(read_i32(r, g, "DataPageHeader.definition_level_encoding")); def = true; break;
            case 4: h.repetition_level_encoding = static_cast<Encoding>(read_i32(r, g, "DataPageHeader.repetition_level_encoding")); rep = true; break;
            default: r.skip(g.type); break;
          }
        });
        if (!values) missing("DataPageHeader.num_values");
        if (!enc) missing("DataPageHeader.encoding");
        if (!def) missing("DataPageHeader.definition_level_encoding");
        if (!rep) missing("DataPageHeader.repetition_level_encoding");
        h.has_data = true;
        break;
      }
      case 7: {
        bool values = false, enc = false;
        read_struct(r, f.type, "DictionaryPageHeader", [&](const ThriftField& g) {
          switch (g.id) {
            case 1: h.num_values = read_i32(r, g, "DictionaryPageHeader.num_values"); values = true; break;
            case 2: h.encoding = static_cast<Encoding>(read_i32(r, g, "DictionaryPageHeader.encoding")); enc = true; break;
            default: r.skip(g.type); break;
          }
        });
        if (!values) missing("DictionaryPageHeader.num_values");
        if (!enc) missing("DictionaryPageHeader.encoding");
        h.has_dictionary = true;
        break;
      }
      case 8: {
        bool values = false, nulls = false, rows = false, enc = false, def = false, rep = false;
        read_struct(r, f.type, "DataPageHeaderV2", [&](const ThriftField& g) {
          switch (g.id) {
            case 1: h.num_values = read_i32(r, g, "DataPageHeaderV2.num_values"); values = true; break;
            case 2: h.num_nulls = read_i32(r, g, "DataPageHeaderV2.num_nulls"); nulls = true; break;
            case 3: h.num_rows = read_i32(r, g, "DataPageHeaderV2.num_rows"); rows = true; break;
            case 4: h.encoding = static_cast<Encoding>(read_i32(r, g, "DataPageHeaderV2.encoding")); enc = true; break;
            case 5: h.definition_levels_byte_length = read_i32(r, g, "DataPageHeaderV2.definition_levels_byte_length"); def = true; break;
            case 6: h.repetition_levels_byte_length = read_i32(r, g, "DataPageHeaderV2.repetition_levels_byte_length"); rep = true; break;
            case 7: h.is_compressed = r.read_bool(g.type, "DataPageHeaderV2.is_compressed"); break;
            default: r.skip(g.type); break;
          }
        });
        if (!values) missing("DataPageHeaderV2.num_values");
        if (!nulls) missing("DataPageHeaderV2.num_nulls");
        if (!rows) missing("DataPageHeaderV2.num_rows");
        if (!enc) missing("DataPageHeaderV2.encoding");
        if (!def) missing("DataPageHeaderV2.definition_levels_byte_length");
        if (!rep) missing("DataPageHeaderV2.repetition_levels_byte_length");
        h.has_data_v2 = true;
        break;
      }
      default: r.skip(f.type); break;
    }
  }
  r.end_struct();
  if (!has_type) missing("PageHeader.type");
  if (!has_uncompressed) missing("PageHeader.uncompressed_page_size");
  if (!has_compressed) missing("PageHeader.compressed_page_size");
  return h;
}

}  // namespace

FileMetaData parse_file_metadata(std::string_view bytes) {
  ThriftReader r{ByteCursor(bytes)};
  return guarded(r, [&] { return parse_file_metadata(r); });
}

PageHeader parse_page_header(std::string_view bytes, size_t& header_length) {
  ThriftReader r{ByteCursor(bytes)};
  PageHeader h = guarded(r, [&] { return parse_page_header(r); });
  header_length = r.offset();
  return h;
}

Footer read_footer(std::string_view file) {
  const size_t n = file.size();
  if (n >= 4 && (file.substr(0, 4) == "PARE" || file.substr(n - 4) == "PARE")) {
    fail("encrypted Parquet files are not supported (magic PARE)");
  }
  if (n < 12) fail("file is too small to be Parquet (" + std::to_string(n) + " bytes)");
  if (file.substr(0, 4) != "PAR1") fail("not a Parquet file (it does not start with PAR1)");
  std::string_view tail = file.substr(n - 4);
  if (tail != "PAR1") fail("not a Parquet file, or truncated: it does not end with PAR1");
  uint32_t length;
  std::memcpy(&length, file.data() + n - 8, 4);
  if (static_cast<uint64_t>(length) > n - 12) {
    fail("footer length " + std::to_string(length) + " runs past the start of the file (file has " +
         std::to_string(n) + " bytes)");
  }
  Footer footer;
  footer.metadata_offset = n - 8 - length;
  footer.metadata_length = length;
  try {
    footer.metadata = parse_file_metadata(file.substr(footer.metadata_offset, length));
  } catch (const DecodeError& e) {
    fail("file metadata (" + std::to_string(length) + " bytes at offset " + std::to_string(footer.metadata_offset) +
         "): " + e.what());
  }
  return footer;
}

}  // namespace tsum::parquet
