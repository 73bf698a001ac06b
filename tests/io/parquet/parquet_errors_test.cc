// Corrupt and unsupported Parquet files: every error has one exact, one-line message
// naming the file and, where they apply, the row group, column, page and offset. And no
// bytes make the reader crash or read out of bounds (run under ASan by `make test`).
#include <gtest/gtest.h>

#include <cstring>

#include "io/parquet/parquet_test_util.h"
#include "io/parquet/parquet_writer.h"

namespace tsum::parquet_test {
namespace {

using parquet::PageType;
using namespace std::string_literals;

// A valid file: one INT32 column "a" (5 rows) with the given chunk options.
std::string int_file(ChunkOptions o = {}, FileLayout* layout = nullptr, Repetition rep = Repetition::kOptional) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32, rep)};
  std::vector<Cell> cells;
  for (int32_t v : {7, 7, 7, 7, 7, 7, 7, 7, 7, 7}) cells.push_back(raw<int32_t>(v));
  spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
  return write_parquet(spec, layout);
}

void put_u32(std::string& s, size_t at, uint32_t v) { std::memcpy(s.data() + at, &v, 4); }

// ---- File structure ---------------------------------------------------------------------

TEST(ParquetErrors, MagicAndFooter) {
  const std::string good = int_file();
  EXPECT_EQ(error_of(""), "DataError: FILE: file is too small to be Parquet (0 bytes)");
  EXPECT_EQ(error_of("PAR1PAR1"), "DataError: FILE: file is too small to be Parquet (8 bytes)");
  EXPECT_EQ(error_of("name,age\nx,1\n"), "DataError: FILE: not a Parquet file (it does not start with PAR1)");
  EXPECT_EQ(error_of(good.substr(0, good.size() - 1)),
            "DataError: FILE: not a Parquet file, or truncated: it does not end with PAR1");
  EXPECT_EQ(error_of(good.substr(0, good.size() / 2)),
            "DataError: FILE: not a Parquet file, or truncated: it does not end with PAR1");
  std::string enc = good;
  enc.replace(enc.size() - 4, 4, "PARE");
  EXPECT_EQ(error_of(enc), "DataError: FILE: encrypted Parquet files are not supported (magic PARE)");

  std::string long_footer = good;
  put_u32(long_footer, long_footer.size() - 8, 0xFFFFFFFFu);
  EXPECT_EQ(error_of(long_footer), "DataError: FILE: footer length 4294967295 runs past the start of the file (file has " +
                                       std::to_string(good.size()) + " bytes)");
  put_u32(long_footer, long_footer.size() - 8, static_cast<uint32_t>(good.size() - 11));
  EXPECT_EQ(error_of(long_footer), "DataError: FILE: footer length " + std::to_string(good.size() - 11) +
                                       " runs past the start of the file (file has " + std::to_string(good.size()) +
                                       " bytes)");
}

TEST(ParquetErrors, BadThriftInTheFooter) {
  FileLayout layout;
  const std::string good = int_file({}, &layout);
  const std::string where = "DataError: FILE: file metadata (" + std::to_string(layout.metadata_size) + " bytes at offset " +
                            std::to_string(layout.metadata_offset) + "): ";
  std::string bad_type = good;
  bad_type[layout.metadata_offset] = 0x1F;  // field 1 of type 15: no such type
  EXPECT_EQ(error_of(bad_type), where + "bad Thrift data: unknown field type 15 at byte 1");

  // The metadata cut short: its length claims fewer bytes, so the struct never ends.
  std::string cut = good;
  const size_t keep = 20;
  cut.erase(layout.metadata_offset + keep, layout.metadata_size - keep);
  put_u32(cut, cut.size() - 8, keep);
  const std::string cut_prefix = "DataError: FILE: file metadata (" + std::to_string(keep) + " bytes at offset " +
                                 std::to_string(layout.metadata_offset) + "): bad Thrift data: ";
  EXPECT_EQ(error_of(cut).substr(0, cut_prefix.size()), cut_prefix);


  // A list that declares more elements than there are bytes.
  ThriftWriter w;
  w.begin();
  w.i32(1, 1);
  w.list(2, 12, 1000000);
  std::string lie = "PAR1" + w.out;
  const uint32_t n = static_cast<uint32_t>(w.out.size());
  lie += std::string(reinterpret_cast<const char*>(&n), 4) + "PAR1";
  EXPECT_EQ(error_of(lie), "DataError: FILE: file metadata (" + std::to_string(n) +
                               " bytes at offset 4): bad Thrift data: FileMetaData.schema declares 1000000 elements but "
                               "only 0 bytes remain at byte " + std::to_string(n));

  // A struct without its required fields.
  ThriftWriter empty;
  empty.begin();
  empty.i32(1, 1);
  empty.end();
  std::string missing = "PAR1" + empty.out;
  const uint32_t m = static_cast<uint32_t>(empty.out.size());
  missing += std::string(reinterpret_cast<const char*>(&m), 4) + "PAR1";
  EXPECT_EQ(error_of(missing), "DataError: FILE: file metadata (3 bytes at offset 4): bad Thrift data: missing required "
                               "field FileMetaData.schema at byte 3");

  // Deep nesting is refused, not a stack overflow.
  ThriftWriter deep;
  deep.begin();
  for (int i = 0; i < 100; ++i) deep.begin_struct(20);
  std::string nested = "PAR1" + deep.out;
  const uint32_t d = static_cast<uint32_t>(deep.out.size());
  nested += std::string(reinterpret_cast<const char*>(&d), 4) + "PAR1";
  EXPECT_NE(error_of(nested).find("bad Thrift data: structures nested more than 64 deep"), std::string::npos)
      << error_of(nested);
}

TEST(ParquetErrors, SchemaAndRowGroupShape) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32), leaf("a", PhysicalType::kInt64)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1)}, {}}, ChunkData{{raw<int64_t>(2)}, {}}}}};
  EXPECT_EQ(error_of(write_parquet(spec)), "DataError: FILE: duplicate column name 'a' (columns 1 and 2)");

  spec.schema = {leaf("a", PhysicalType::kInt32), leaf("b", PhysicalType::kInt64)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1)}, {}}}}};
  EXPECT_EQ(error_of(write_parquet(spec)), "DataError: FILE: row group 0 has 1 column chunks, the schema has 2 leaf columns");

  Element group;
  group.name = "g";
  group.num_children = 5;  // more children than the list holds
  spec.schema = {group, leaf("x", PhysicalType::kInt32)};
  spec.row_groups = {};
  EXPECT_EQ(error_of(write_parquet(spec)),
            "DataError: FILE: bad schema: field 'g' declares more children than the list holds");
}

// ---- Column chunks and pages ----------------------------------------------------------

TEST(ParquetErrors, ColumnChunkPastTheData) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1)}, {}}}}};
  FileLayout layout;
  spec.extra_column_metadata = [](size_t, size_t, ThriftWriter& w) { w.i64(7, 1000000); };  // total_compressed_size
  const std::string bytes = write_parquet(spec, &layout);
  EXPECT_EQ(error_of(bytes),
            "DataError: FILE: row group 0, column 'a': the column chunk (1000000 bytes at offset 4) runs past the column "
            "data, which ends at offset " + std::to_string(layout.metadata_offset));
}

TEST(ParquetErrors, PagePastItsChunk) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1), raw<int32_t>(2)}, {}}}}};
  FileLayout layout;
  write_parquet(spec, &layout);
  const PageLayout page = layout.chunks[0][0].pages[0];
  const int64_t shorter = static_cast<int64_t>(page.header_size + page.body_size - 3);
  spec.extra_column_metadata = [&](size_t, size_t, ThriftWriter& w) { w.i64(7, shorter); };
  EXPECT_EQ(error_of(write_parquet(spec)),
            "DataError: FILE: row group 0, column 'a', page 0 at offset 4: the page (" + std::to_string(page.body_size) +
                " bytes after a " + std::to_string(page.header_size) +
                "-byte header) runs past the end of its column chunk (" + std::to_string(page.body_size - 3) +
                " bytes left)");
}

TEST(ParquetErrors, BadPageHeader) {
  FileLayout layout;
  std::string bytes = int_file({}, &layout);
  bytes[layout.chunks[0][0].pages[0].header_offset] = 0x0D;  // field type 13: no such type
  EXPECT_EQ(error_of(bytes),
            "DataError: FILE: row group 0, column 'a', page 0 at offset 4: page header: bad Thrift data: unknown field "
            "type 13 at byte 1");
}

TEST(ParquetErrors, DecompressionFailures) {
  for (Codec codec : {Codec::kSnappy, Codec::kGzip, Codec::kZstd}) {
    ChunkOptions o;
    o.codec = codec;
    FileLayout layout;
    std::string bytes = int_file(o, &layout);
    const PageLayout& page = layout.chunks[0][0].pages[0];
    const std::string prefix = "DataError: FILE: row group 0, column 'a', page 0 at offset 4: " + parquet::name(codec) +
                               " decompression failed: ";
    std::string garbage = bytes;
    for (size_t i = 0; i < page.body_size; ++i) garbage[page.body_offset + i] = static_cast<char>(0xA5 ^ i);
    const std::string got = error_of(garbage);
    EXPECT_EQ(got.substr(0, prefix.size()), prefix) << got;
    switch (codec) {
      case Codec::kZstd: EXPECT_EQ(got, prefix + "not a ZSTD frame"); break;
      case Codec::kGzip: EXPECT_EQ(got, prefix + "incorrect header check"); break;
      default: break;
    }
    // Truncated compressed data (the page header still claims the full size).
    std::string truncated = bytes;
    const size_t cut = page.body_offset + page.body_size / 2;
    for (size_t i = cut; i < page.body_offset + page.body_size; ++i) truncated[i] = 0;
    EXPECT_EQ(error_of(truncated).substr(0, prefix.size()), prefix) << error_of(truncated);
  }
}

TEST(ParquetErrors, UncompressedSizeMismatch) {
  ChunkOptions o;
  o.codec = Codec::kZstd;
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  std::vector<Cell> cells(50, raw<int32_t>(3));
  spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
  FileLayout layout;
  std::string bytes = write_parquet(spec, &layout);
  // Rewrite the page header's uncompressed size (field 2), keeping its byte length.
  const PageLayout& page = layout.chunks[0][0].pages[0];
  // Header: 0x15 <type>, 0x15 <uncompressed zigzag varint> ...
  ASSERT_EQ(static_cast<unsigned char>(bytes[page.header_offset + 2]), 0x15);
  bytes[page.header_offset + 3] = static_cast<char>(bytes[page.header_offset + 3] + 2);  // +1 byte
  const std::string got = error_of(bytes);
  EXPECT_NE(got.find("ZSTD decompression failed: the data decompresses to "), std::string::npos) << got;
}

TEST(ParquetErrors, DictionaryIndexOutOfRange) {
  ChunkOptions o;
  o.encoding = Encoding::kRleDictionary;
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32, Repetition::kRequired)};
  std::vector<Cell> cells;
  for (int i = 0; i < 10; ++i) cells.push_back(raw<int32_t>(i % 3));  // dictionary of 3 entries, width 2
  spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
  FileLayout layout;
  std::string bytes = write_parquet(spec, &layout);
  const PageLayout& page = layout.chunks[0][0].pages[1];
  // Body: [width 2][bit-packed header (2 groups) = 0x05][4 bytes of packed indexes].
  ASSERT_EQ(static_cast<unsigned char>(bytes[page.body_offset]), 2);
  ASSERT_EQ(static_cast<unsigned char>(bytes[page.body_offset + 1]), 0x05);
  bytes[page.body_offset + 2] = static_cast<char>(0xFF);  // indexes 3, 3, 3, 3
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'a', page 1 at offset " +
                                 std::to_string(page.header_offset) +
                                 ": dictionary index 3 is out of range (the dictionary has 3 entries)");
}

TEST(ParquetErrors, DictionaryPageMissing) {
  ChunkOptions o;
  o.encoding = Encoding::kRleDictionary;
  FileLayout layout;
  std::string bytes = int_file(o, &layout);
  // Turn the dictionary page into an index page (type 1): the data page then has no dictionary.
  const PageLayout& dict = layout.chunks[0][0].pages[0];
  ASSERT_EQ(bytes[dict.header_offset], 0x15);
  bytes[dict.header_offset + 1] = 2;  // zigzag(1)
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'a', page 1 at offset " +
                                 std::to_string(layout.chunks[0][0].pages[1].header_offset) +
                                 ": a dictionary-encoded page, but the column chunk has no dictionary page");
}

TEST(ParquetErrors, UnsupportedCodecEncodingAndType) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1)}, {}}}}};
  spec.extra_column_metadata = [](size_t, size_t, ThriftWriter& w) { w.i32(4, 4); };  // codec BROTLI
  EXPECT_EQ(error_of(write_parquet(spec)),
            "DataError: FILE: row group 0, column 'a': unsupported compression codec BROTLI (tsum reads UNCOMPRESSED, "
            "SNAPPY, GZIP and ZSTD)");
  spec.extra_column_metadata = [](size_t, size_t, ThriftWriter& w) { w.i32(4, 7); };
  EXPECT_NE(error_of(write_parquet(spec)).find("unsupported compression codec LZ4_RAW"), std::string::npos);

  // A DOUBLE column whose page says DELTA_BINARY_PACKED (valid for integers only).
  FileSpec d;
  d.schema = {leaf("x", PhysicalType::kDouble, Repetition::kRequired)};
  d.row_groups = {RowGroupData{{ChunkData{{raw_double(1.5)}, {}}}}};
  FileLayout layout;
  std::string bytes = write_parquet(d, &layout);
  const PageLayout& page = layout.chunks[0][0].pages[0];
  // The DataPageHeader's encoding field follows num_values: find "0x15 0x00" (encoding PLAIN).
  std::string header = bytes.substr(page.header_offset, page.header_size);
  size_t at = header.find("\x15\x02\x15\x00"s);  // num_values 1, encoding 0
  ASSERT_NE(at, std::string::npos);
  bytes[page.header_offset + at + 3] = 10;  // zigzag(5): DELTA_BINARY_PACKED
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'x', page 0 at offset 4: unsupported encoding "
                             "DELTA_BINARY_PACKED for DOUBLE values");
  bytes[page.header_offset + at + 3] = 2;  // zigzag(1): GROUP_VAR_INT
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'x', page 0 at offset 4: unsupported encoding "
                             "GROUP_VAR_INT for DOUBLE values");
  bytes[page.header_offset + at + 3] = 100;  // zigzag(50): unknown
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'x', page 0 at offset 4: unsupported encoding "
                             "encoding 50 for DOUBLE values");

  FileSpec t;
  Element iv = leaf("iv", PhysicalType::kFixedLenByteArray);
  iv.type_length = 8;
  iv.converted = ConvertedType::kInterval;
  Element variant = leaf("v", PhysicalType::kByteArray);
  variant.logical = [](ThriftWriter& w) {
    w.begin_struct(16);
    w.end();
  };
  t.schema = {iv, variant};
  EXPECT_EQ(error_of(write_parquet(t)), "DataError: FILE: column 'iv': unsupported type FIXED_LEN_BYTE_ARRAY INTERVAL");
  t.schema = {variant};
  EXPECT_EQ(error_of(write_parquet(t)), "DataError: FILE: column 'v': unsupported type BYTE_ARRAY VARIANT");
  Element bad_length = leaf("f", PhysicalType::kFixedLenByteArray);
  t.schema = {bad_length};
  EXPECT_EQ(error_of(write_parquet(t)), "DataError: FILE: column 'f': FIXED_LEN_BYTE_ARRAY column has type_length 0");
}

TEST(ParquetErrors, InvalidUtf8) {
  FileSpec spec;
  Element s = leaf("s", PhysicalType::kByteArray);
  s.converted = ConvertedType::kUtf8;
  spec.schema = {s};
  spec.row_groups = {RowGroupData{{ChunkData{{"ok", "a\xFFz"}, {}}}}};
  EXPECT_EQ(error_of(write_parquet(spec)), "DataError: FILE: row group 0, column 's', page 0 at offset 4: invalid UTF-8 "
                                           "in a string value (byte 0xff at offset 1 of a value)");
  spec.schema = {leaf("b", PhysicalType::kByteArray)};
  spec.row_groups = {RowGroupData{{ChunkData{{"\xC3\x28"}, {}}}}};
  EXPECT_EQ(error_of(write_parquet(spec)),
            "DataError: FILE: row group 0, column 'b', page 0 at offset 4: binary value that is not UTF-8 text (byte 0xc3 "
            "at offset 0 of a value); tsum reads BYTE_ARRAY values without a STRING annotation as text, so leave this "
            "column out");
}

TEST(ParquetErrors, RowCountsThatDoNotAddUp) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1), raw<int32_t>(2), raw<int32_t>(3)}, {}}}, 5}};
  EXPECT_EQ(error_of(write_parquet(spec)),
            "DataError: FILE: row group 0, column 'a': the column chunk ends after 3 of the row group's 5 rows");
  spec.row_groups[0].rows = 2;
  EXPECT_EQ(error_of(write_parquet(spec)), "DataError: FILE: row group 0, column 'a', page 0 at offset 4: the page has 3 "
                                           "values, more than the 2 rows left in the row group");
}

TEST(ParquetErrors, LevelsAndValuesRunningShort) {
  // A v1 page whose definition levels claim more bytes than the page has.
  FileLayout layout;
  std::string bytes = int_file({}, &layout);
  const PageLayout& page = layout.chunks[0][0].pages[0];
  put_u32(bytes, page.body_offset, 1000);
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'a', page 0 at offset 4: definition levels runs past the "
                             "end of the data (needs 1000 bytes, " + std::to_string(page.body_size - 4) + " left)");
  // PLAIN values cut short: a REQUIRED column whose page holds fewer values than it says.
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt64, Repetition::kRequired)};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int64_t>(1), raw<int64_t>(2)}, {}}}, 3}};
  bytes = write_parquet(spec, &layout);
  const PageLayout& p = layout.chunks[0][0].pages[0];
  std::string header = bytes.substr(p.header_offset, p.header_size);
  size_t at = header.find("\x15\x04\x15\x00"s);  // num_values 2, encoding PLAIN
  ASSERT_NE(at, std::string::npos);
  bytes[p.header_offset + at + 1] = 6;  // num_values 3
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'a', page 0 at offset 4: PLAIN values run past the end "
                             "of the data (3 values of 8 bytes, 16 bytes left)");
}

TEST(ParquetErrors, V2LevelLengthsPastThePage) {
  ChunkOptions o;
  o.v2 = true;
  FileLayout layout;
  std::string bytes = int_file(o, &layout);
  const PageLayout& page = layout.chunks[0][0].pages[0];
  std::string header = bytes.substr(page.header_offset, page.header_size);
  // DataPageHeaderV2 field 5 (definition_levels_byte_length): delta 1, i32 -> 0x15.
  // Find the struct: field 8 header 0x5C? (delta from 3 is 5, type 12) then fields 1..6.
  size_t at = header.find('\x5C');
  ASSERT_NE(at, std::string::npos);
  // Fields inside: 0x15 nv, 0x15 nulls, 0x15 rows, 0x15 enc, 0x15 deflen, 0x15 replen.
  size_t pos = at + 1;
  for (int field = 1; field <= 4; ++field) {
    ASSERT_EQ(header[pos], '\x15');
    pos += 2;  // all values here fit one varint byte
  }
  ASSERT_EQ(header[pos], '\x15');
  bytes[page.header_offset + pos + 1] = 100;  // 50 bytes of levels
  EXPECT_EQ(error_of(bytes), "DataError: FILE: row group 0, column 'a', page 0 at offset 4: level lengths (0 + 50 bytes) "
                             "run past the end of the page (" + std::to_string(page.body_size) + " bytes)");
}

TEST(ParquetErrors, FirstErrorInFileOrderWhateverTheThreads) {
  // Row groups 3 and 7 are corrupt (bad zstd data); row group 3 is always the one named.
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32)};
  ChunkOptions o;
  o.codec = Codec::kZstd;
  for (int g = 0; g < 10; ++g) spec.row_groups.push_back(RowGroupData{{ChunkData{{raw<int32_t>(g), raw<int32_t>(g)}, o}}});
  FileLayout layout;
  std::string bytes = write_parquet(spec, &layout);
  for (int g : {3, 7}) {
    const PageLayout& page = layout.chunks[g][0].pages[0];
    bytes[page.body_offset] = 0;  // breaks the zstd magic
  }
  const std::string expected = "DataError: FILE: row group 3, column 'a', page 0 at offset " +
                               std::to_string(layout.chunks[3][0].pages[0].header_offset) +
                               ": ZSTD decompression failed: not a ZSTD frame";
  for (unsigned t : {1u, 2u, 4u, 8u}) EXPECT_EQ(error_of(bytes, threads(t)), expected) << t;
}

// ---- Never a crash ----------------------------------------------------------------------

// A small file using many decoders: dictionary and delta encodings, v1 and v2 pages,
// NULLs, two row groups.
std::string varied_file(Codec codec) {
  FileSpec spec;
  Element s = leaf("s", PhysicalType::kByteArray);
  s.converted = ConvertedType::kUtf8;
  Element d = leaf("d", PhysicalType::kInt64);
  d.logical = logical_decimal(2, 18);
  Element f = leaf("f", PhysicalType::kFloat, Repetition::kRequired);
  Element b = leaf("b", PhysicalType::kBoolean);
  Element x = leaf("x", PhysicalType::kFixedLenByteArray);
  x.type_length = 3;
  spec.schema = {s, d, f, b, x};
  for (int g = 0; g < 2; ++g) {
    std::vector<Cell> cs, cd, cf, cb, cx;
    for (int i = 0; i < 12; ++i) {
      cs.push_back(i % 5 == 1 ? Cell() : Cell(numbered("v", i % 3 + g)));
      cd.push_back(i % 4 == 2 ? Cell() : Cell(raw<int64_t>(i * 37 - 100)));
      cf.push_back(raw_float(static_cast<float>(i) / 4));
      cb.push_back(i % 3 == 0 ? Cell() : Cell(std::string(1, static_cast<char>(i & 1))));
      cx.push_back(Cell(numbered("a", 10 + i % 4)));
    }
    ChunkOptions os, od, of, ob, ox;
    os.encoding = g ? Encoding::kDeltaByteArray : Encoding::kRleDictionary;
    od.encoding = Encoding::kDeltaBinaryPacked;
    od.v2 = g == 1;
    of.encoding = Encoding::kByteStreamSplit;
    ob.encoding = Encoding::kRle;
    ob.v2 = true;
    ox.encoding = g ? Encoding::kPlainDictionary : Encoding::kDeltaByteArray;
    ox.definition_encoding = Encoding::kBitPacked;
    for (ChunkOptions* o : {&os, &od, &of, &ob, &ox}) {
      o->codec = codec;
      o->page_rows = 5;
    }
    spec.row_groups.push_back(RowGroupData{{ChunkData{cs, os}, ChunkData{cd, od}, ChunkData{cf, of}, ChunkData{cb, ob},
                                            ChunkData{cx, ox}}});
  }
  return write_parquet(spec);
}

// Every outcome must be a table or a DataError/UsageError (never a crash, another
// exception, or - under ASan - an out-of-bounds read).
void survive(const std::string& bytes) {
  try {
    read_parquet(bytes, "FILE", threads(1));
  } catch (const DataError&) {
  } catch (const UsageError&) {
  }
}

TEST(ParquetErrors, EveryTruncationAndByteFlipIsHandled) {
  for (Codec codec : {Codec::kUncompressed, Codec::kZstd}) {
    const std::string good = varied_file(codec);
    ASSERT_TRUE(read_bytes(good).table) << read_bytes(good).error;
    for (size_t n = 0; n < good.size(); ++n) survive(good.substr(0, n) + good.substr(good.size() - 8));
    for (size_t i = 0; i < good.size(); ++i) {
      for (uint8_t mask : {0x01, 0x80, 0xFF, 0x3C}) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ mask);
        survive(bad);
      }
    }
  }
}

}  // namespace
}  // namespace tsum::parquet_test
