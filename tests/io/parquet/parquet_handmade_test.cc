// Hand-made Parquet files (parquet_writer.h): every physical and logical type with its
// canonical text, every encoding in both page versions with every codec, layouts other
// writers produce (dictionary page without its offset, index pages, many pages and row
// groups), column selection, and thread-count independence.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "io/parquet/parquet_test_util.h"
#include "io/parquet/parquet_writer.h"

namespace tsum::parquet_test {
namespace {

using namespace std::string_literals;

using parquet::PageType;

const Text N = std::nullopt;

std::string be_bytes(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

std::string int96(int64_t nanos, int32_t julian) { return raw<int64_t>(nanos) + raw<int32_t>(julian); }

std::string interval(uint32_t months, uint32_t days, uint32_t millis) {
  return raw<uint32_t>(months) + raw<uint32_t>(days) + raw<uint32_t>(millis);
}

// One column, one row group, one chunk with `options`.
struct OneColumn {
  Element element;
  std::vector<Cell> cells;
  std::vector<Text> expected;
  ValueType type;
};

Plain read_ok(const std::string& bytes, const ParquetOptions& options = {}) {
  Outcome o = read_bytes(bytes, options);
  EXPECT_TRUE(o.table.has_value()) << o.error;
  return o.table ? *o.table : Plain{};
}

void check_column(const OneColumn& c, const ChunkOptions& options = {}) {
  FileSpec spec;
  spec.schema = {c.element};
  spec.row_groups = {RowGroupData{{ChunkData{c.cells, options}}}};
  Plain p = read_ok(write_parquet(spec));
  ASSERT_EQ(p.names, std::vector<std::string>{c.element.name});
  EXPECT_EQ(column_cells(p, 0), c.expected) << c.element.name;
  EXPECT_EQ(p.types[0], c.type) << c.element.name;
}

// ---- Types and their canonical text ------------------------------------------------

TEST(ParquetTypes, Boolean) {
  check_column({leaf("b", PhysicalType::kBoolean), {"\1", "\0"s, std::nullopt, "\1"}, {"true", "false", N, "true"},
                ValueType::kString});
}

TEST(ParquetTypes, Int32AndItsAnnotations) {
  Element plain = leaf("i", PhysicalType::kInt32);
  check_column({plain, {raw<int32_t>(-5), raw<int32_t>(INT32_MIN), raw<int32_t>(INT32_MAX), std::nullopt},
                {"-5", "-2147483648", "2147483647", N}, ValueType::kNumeric});
  Element i8 = leaf("i8", PhysicalType::kInt32);
  i8.logical = logical_int(8, true);
  check_column({i8, {raw<int32_t>(-128), raw<int32_t>(127)}, {"-128", "127"}, ValueType::kNumeric});
  Element u32 = leaf("u32", PhysicalType::kInt32);
  u32.converted = ConvertedType::kUint32;
  check_column({u32, {raw<int32_t>(-1), raw<int32_t>(7)}, {"4294967295", "7"}, ValueType::kNumeric});
  Element u16 = leaf("u16", PhysicalType::kInt32);
  u16.logical = logical_int(16, false);
  check_column({u16, {raw<int32_t>(65535)}, {"65535"}, ValueType::kNumeric});
  Element i16 = leaf("i16", PhysicalType::kInt32);
  i16.converted = ConvertedType::kInt16;
  check_column({i16, {raw<int32_t>(-32768)}, {"-32768"}, ValueType::kNumeric});
}

TEST(ParquetTypes, Int64AndItsAnnotations) {
  check_column({leaf("i", PhysicalType::kInt64), {raw<int64_t>(INT64_MIN), raw<int64_t>(INT64_MAX), raw<int64_t>(0)},
                {"-9223372036854775808", "9223372036854775807", "0"}, ValueType::kNumeric});
  Element u64 = leaf("u", PhysicalType::kInt64);
  u64.converted = ConvertedType::kUint64;
  check_column({u64, {raw<int64_t>(-1)}, {"18446744073709551615"}, ValueType::kNumeric});
  Element ul = leaf("ul", PhysicalType::kInt64);
  ul.logical = logical_int(64, false);
  check_column({ul, {raw<int64_t>(INT64_MIN)}, {"9223372036854775808"}, ValueType::kNumeric});
}

TEST(ParquetTypes, FloatsUseTheShortestRoundTrip) {
  check_column({leaf("f", PhysicalType::kFloat),
                {raw_float(0.1f), raw_float(1e10f), raw_float(-0.0f), raw_float(std::nanf("")),
                 raw_float(-std::numeric_limits<float>::infinity()), raw_float(3.0f), raw_float(1.5e-7f),
                 raw_float(std::numeric_limits<float>::denorm_min())},
                {"0.1", "1e+10", "-0", "nan", "-inf", "3", "1.5e-07", "1e-45"}, ValueType::kNumeric});
  check_column({leaf("d", PhysicalType::kDouble),
                {raw_double(1.0 / 3), raw_double(1e15), raw_double(123456.5), raw_double(-std::nan("")),
                 raw_double(std::numeric_limits<double>::infinity()), raw_double(5e-324), raw_double(0.1 + 0.2)},
                {"0.3333333333333333", "1e+15", "123456.5", "nan", "inf", "5e-324", "0.30000000000000004"},
                ValueType::kNumeric});
  Element half = leaf("h", PhysicalType::kFixedLenByteArray);
  half.type_length = 2;
  half.logical = logical_empty(15);
  check_column({half,
                {raw<uint16_t>(0x3C00), raw<uint16_t>(0x3555), raw<uint16_t>(0x7C00), raw<uint16_t>(0x0001),
                 raw<uint16_t>(0xC000), raw<uint16_t>(0x8000), raw<uint16_t>(0x7E00)},
                {"1", "0.3333", "inf", "6e-08", "-2", "-0", "nan"}, ValueType::kNumeric});
}

TEST(ParquetTypes, DecimalsKeepTheirScale) {
  Element d32 = leaf("d32", PhysicalType::kInt32);
  d32.logical = logical_decimal(2, 9);
  check_column({d32, {raw<int32_t>(1230), raw<int32_t>(-5), raw<int32_t>(INT32_MIN), raw<int32_t>(0)},
                {"12.30", "-0.05", "-21474836.48", "0.00"}, ValueType::kNumeric});
  Element d64 = leaf("d64", PhysicalType::kInt64);  // converted type only, scale 0
  d64.converted = ConvertedType::kDecimal;
  d64.scale = 0;
  d64.precision = 18;
  check_column({d64, {raw<int64_t>(7), raw<int64_t>(INT64_MIN)}, {"7", "-9223372036854775808"}, ValueType::kNumeric});
  Element tiny = leaf("tiny", PhysicalType::kInt64);
  tiny.logical = logical_decimal(20, 38);
  check_column({tiny, {raw<int64_t>(1), raw<int64_t>(-123)}, {"0.00000000000000000001", "-0.00000000000000000123"},
                ValueType::kNumeric});
  Element fixed = leaf("fixed", PhysicalType::kFixedLenByteArray);
  fixed.type_length = 5;
  fixed.logical = logical_decimal(3, 10);
  check_column({fixed, {be_bytes({0, 0, 1, 0xE2, 0x40}), be_bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF}), be_bytes({0x80, 0, 0, 0, 0})},
                {"123.456", "-0.001", "-549755813.888"}, ValueType::kNumeric});
  Element bytes = leaf("bytes", PhysicalType::kByteArray);
  bytes.converted = ConvertedType::kDecimal;
  bytes.scale = 1;
  bytes.precision = 5;
  check_column({bytes, {"\xFF", "", "\x7F\xFF", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"s},
                {"-0.1", "0.0", "3276.7", "0.1"}, ValueType::kNumeric});
  // 2^100 and -(2^100) in 20 bytes (longer than 128 bits: the big-number path).
  std::string pos(20, '\0'), neg(20, '\xFF');
  pos[7] = 0x10;
  neg[7] = static_cast<char>(0xF0);
  for (int i = 0; i < 7; ++i) neg[i] = static_cast<char>(0xFF);
  for (int i = 8; i < 20; ++i) neg[i] = 0;
  Element big = leaf("big", PhysicalType::kFixedLenByteArray);
  big.type_length = 20;
  big.logical = logical_decimal(5, 45);
  check_column({big, {pos, neg}, {"12676506002282294014967032.05376", "-12676506002282294014967032.05376"},
                ValueType::kNumeric});
}

TEST(ParquetTypes, Dates) {
  Element d = leaf("d", PhysicalType::kInt32);
  d.logical = logical_empty(6);
  check_column({d,
                {raw<int32_t>(0), raw<int32_t>(-719162), raw<int32_t>(-719163), raw<int32_t>(2932896),
                 raw<int32_t>(2932897), raw<int32_t>(11016), raw<int32_t>(-1)},
                {"1970-01-01", "0001-01-01", "0001-12-31 (BC)", "9999-12-31", "10000-01-01", "2000-02-29", "1969-12-31"},
                ValueType::kString});
  Element c = leaf("c", PhysicalType::kInt32);
  c.converted = ConvertedType::kDate;
  check_column({c, {raw<int32_t>(18262)}, {"2020-01-01"}, ValueType::kString});
}

TEST(ParquetTypes, TimestampsInEveryUnit) {
  Element ms = leaf("ms", PhysicalType::kInt64);
  ms.logical = logical_time(true, 1);
  check_column({ms, {raw<int64_t>(1), raw<int64_t>(-1), raw<int64_t>(1000000000500), raw<int64_t>(0)},
                {"1970-01-01 00:00:00.001", "1969-12-31 23:59:59.999", "2001-09-09 01:46:40.5", "1970-01-01 00:00:00"},
                ValueType::kString});
  Element us = leaf("us", PhysicalType::kInt64);
  us.converted = ConvertedType::kTimestampMicros;
  check_column({us, {raw<int64_t>(1), raw<int64_t>(978307200000000)}, {"1970-01-01 00:00:00.000001", "2001-01-01 00:00:00"},
                ValueType::kString});
  Element msc = leaf("msc", PhysicalType::kInt64);
  msc.converted = ConvertedType::kTimestampMillis;
  check_column({msc, {raw<int64_t>(-62135596800000)}, {"0001-01-01 00:00:00"}, ValueType::kString});
  Element ns = leaf("ns", PhysicalType::kInt64);
  ns.logical = logical_time(true, 3, true);
  check_column({ns, {raw<int64_t>(1500000000), raw<int64_t>(INT64_MIN), raw<int64_t>(123)},
                {"1970-01-01 00:00:01.5", "1677-09-21 00:12:43.145224192", "1970-01-01 00:00:00.000000123"},
                ValueType::kString});
  Element bc = leaf("bc", PhysicalType::kInt64);
  bc.logical = logical_time(true, 2);
  check_column({bc, {raw<int64_t>(-63517824000000000)}, {"0044-03-15 (BC) 00:00:00"}, ValueType::kString});
  check_column({leaf("legacy", PhysicalType::kInt96),
                {int96(1, 2440588), int96(45296789000000, 2451545), int96(0, 2440587), int96(-1, 2440588)},
                {"1970-01-01 00:00:00.000000001", "2000-01-01 12:34:56.789", "1969-12-31 00:00:00",
                 "1969-12-31 23:59:59.999999999"},
                ValueType::kString});
}

TEST(ParquetTypes, Times) {
  Element ms = leaf("ms", PhysicalType::kInt32);
  ms.logical = logical_time(false, 1);
  check_column({ms, {raw<int32_t>(3723004), raw<int32_t>(0)}, {"01:02:03.004", "00:00:00"}, ValueType::kString});
  Element us = leaf("us", PhysicalType::kInt64);
  us.converted = ConvertedType::kTimeMicros;
  check_column({us, {raw<int64_t>(1), raw<int64_t>(86399999999)}, {"00:00:00.000001", "23:59:59.999999"},
                ValueType::kString});
  Element ns = leaf("ns", PhysicalType::kInt64);
  ns.logical = logical_time(false, 3, true);
  check_column({ns, {raw<int64_t>(86399999999999), raw<int64_t>(45000000000000)}, {"23:59:59.999999999", "12:30:00"},
                ValueType::kString});
  Element msc = leaf("msc", PhysicalType::kInt32);
  msc.converted = ConvertedType::kTimeMillis;
  check_column({msc, {raw<int32_t>(500)}, {"00:00:00.5"}, ValueType::kString});
}

TEST(ParquetTypes, TextAndBinary) {
  Element s = leaf("s", PhysicalType::kByteArray);
  s.logical = logical_empty(1);
  check_column({s, {"héllo", "", "日本", "😀", std::nullopt}, {"héllo", "", "日本", "😀", N}, ValueType::kString});
  Element u = leaf("utf8", PhysicalType::kByteArray);
  u.converted = ConvertedType::kUtf8;
  check_column({u, {"a,b"}, {"a,b"}, ValueType::kString});
  Element e = leaf("enum", PhysicalType::kByteArray);
  e.converted = ConvertedType::kEnum;
  check_column({e, {"red", "green"}, {"red", "green"}, ValueType::kString});
  Element j = leaf("json", PhysicalType::kByteArray);
  j.logical = logical_empty(12);
  check_column({j, {"{\"a\": 1}"}, {"{\"a\": 1}"}, ValueType::kString});
  check_column({leaf("bin", PhysicalType::kByteArray), {"raw text", "3"}, {"raw text", "3"}, ValueType::kString});
  Element f = leaf("flba", PhysicalType::kFixedLenByteArray);
  f.type_length = 3;
  check_column({f, {"abc", "xyz"}, {"abc", "xyz"}, ValueType::kString});
}

TEST(ParquetTypes, UuidAndInterval) {
  Element u = leaf("u", PhysicalType::kFixedLenByteArray);
  u.type_length = 16;
  u.logical = logical_empty(14);
  check_column({u, {be_bytes({0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff})},
                {"00112233-4455-6677-8899-aabbccddeeff"}, ValueType::kString});
  Element iv = leaf("iv", PhysicalType::kFixedLenByteArray);
  iv.type_length = 12;
  iv.converted = ConvertedType::kInterval;
  check_column({iv,
                {interval(14, 3, 3723500), interval(0, 0, 0), interval(1, 1, 0), interval(24, 0, 0), interval(0, 0, 1),
                 interval(0, 2, 90000000)},
                {"1 year 2 months 3 days 01:02:03.5", "00:00:00", "1 month 1 day", "2 years", "00:00:00.001",
                 "2 days 25:00:00"},
                ValueType::kString});
}

TEST(ParquetTypes, NullTypedColumnIsAllNull) {
  Element n = leaf("n", PhysicalType::kInt32);
  n.logical = logical_empty(11);  // UNKNOWN: always null
  check_column({n, {std::nullopt, std::nullopt}, {N, N}, ValueType::kString});
}

// ---- Encodings x page versions x codecs -----------------------------------------------

// A column of each physical type with repeats, NULLs and distinct values, its raw cells
// and expected text.
struct Sample {
  Element element;
  std::vector<Cell> cells;
  std::vector<Text> expected;
};

Sample sample(PhysicalType type, size_t rows, bool required) {
  Sample s;
  s.element = leaf("c", type, required ? Repetition::kRequired : Repetition::kOptional);
  if (type == PhysicalType::kFixedLenByteArray) s.element.type_length = 6;
  if (type == PhysicalType::kByteArray) s.element.logical = logical_empty(1);
  for (size_t i = 0; i < rows; ++i) {
    if (!required && i % 7 == 3) {
      s.cells.push_back(std::nullopt);
      s.expected.push_back(N);
      continue;
    }
    // Mostly a few repeated values (runs and dictionary reuse), sometimes unique ones.
    const int64_t v = i % 5 == 0 ? static_cast<int64_t>(i) * 1000003 - 50000 : static_cast<int64_t>(i % 4) - 1;
    switch (type) {
      case PhysicalType::kBoolean:
        s.cells.push_back(std::string(1, static_cast<char>(v & 1)));
        s.expected.push_back(v & 1 ? "true" : "false");
        break;
      case PhysicalType::kInt32:
        s.cells.push_back(raw<int32_t>(static_cast<int32_t>(v)));
        s.expected.push_back(std::to_string(static_cast<int32_t>(v)));
        break;
      case PhysicalType::kInt64:
        s.cells.push_back(raw<int64_t>(v * 1000000007));
        s.expected.push_back(std::to_string(v * 1000000007));
        break;
      case PhysicalType::kFloat:
        s.cells.push_back(raw_float(static_cast<float>(v) + 0.5f));
        break;
      case PhysicalType::kDouble:
        s.cells.push_back(raw_double(static_cast<double>(v) * 0.25));
        break;
      case PhysicalType::kByteArray: {
        std::string text = i % 11 == 5 ? std::string() : "value-" + std::to_string(v) + (i % 3 == 0 ? "-suffix" : "");
        s.cells.push_back(text);
        s.expected.push_back(text);
        break;
      }
      case PhysicalType::kFixedLenByteArray: {
        std::string text = "fx" + std::to_string(1000 + (v % 1000 + 1000) % 1000).substr(0, 4);
        s.cells.push_back(text);
        s.expected.push_back(text);
        break;
      }
      default: break;
    }
  }
  // Floats and doubles: the expected text is the shortest round trip of the stored value.
  if (type == PhysicalType::kFloat || type == PhysicalType::kDouble) {
    s.expected.clear();
    for (const Cell& c : s.cells) {
      if (!c) {
        s.expected.push_back(N);
        continue;
      }
      char buf[64];
      char* end;
      if (type == PhysicalType::kFloat) {
        float f;
        std::memcpy(&f, c->data(), 4);
        end = std::to_chars(buf, buf + 64, f).ptr;
      } else {
        double d;
        std::memcpy(&d, c->data(), 8);
        end = std::to_chars(buf, buf + 64, d).ptr;
      }
      s.expected.push_back(std::string(buf, end));
    }
  }
  return s;
}

std::vector<Encoding> encodings_for(PhysicalType type) {
  std::vector<Encoding> e = {Encoding::kPlain, Encoding::kPlainDictionary, Encoding::kRleDictionary};
  switch (type) {
    case PhysicalType::kBoolean: e.push_back(Encoding::kRle); break;
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      e.push_back(Encoding::kDeltaBinaryPacked);
      e.push_back(Encoding::kByteStreamSplit);
      break;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: e.push_back(Encoding::kByteStreamSplit); break;
    case PhysicalType::kByteArray:
      e.push_back(Encoding::kDeltaLengthByteArray);
      e.push_back(Encoding::kDeltaByteArray);
      break;
    case PhysicalType::kFixedLenByteArray:
      e.push_back(Encoding::kDeltaByteArray);
      e.push_back(Encoding::kByteStreamSplit);
      break;
    default: break;
  }
  return e;
}

TEST(ParquetEncodings, EveryEncodingPageVersionAndCodec) {
  const PhysicalType types[] = {PhysicalType::kBoolean, PhysicalType::kInt32, PhysicalType::kInt64, PhysicalType::kFloat,
                                PhysicalType::kDouble, PhysicalType::kByteArray, PhysicalType::kFixedLenByteArray};
  const Codec codecs[] = {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd};
  size_t combinations = 0;
  for (PhysicalType type : types) {
    for (bool required : {false, true}) {
      Sample s = sample(type, 300, required);
      for (Encoding encoding : encodings_for(type)) {
        for (bool v2 : {false, true}) {
          for (Codec codec : codecs) {
            ChunkOptions o;
            o.encoding = encoding;
            o.v2 = v2;
            o.codec = codec;
            o.page_rows = 70;  // several pages, the last one short
            // Two row groups of the same data.
            FileSpec spec;
            spec.schema = {s.element};
            spec.row_groups = {RowGroupData{{ChunkData{s.cells, o}}}, RowGroupData{{ChunkData{s.cells, o}}}};
            const std::string label = parquet::name(type) + (required ? " REQUIRED " : " OPTIONAL ") +
                                      parquet::name(encoding) + (v2 ? " v2 " : " v1 ") + parquet::name(codec);
            Outcome out = read_bytes(write_parquet(spec), threads(2));
            ASSERT_TRUE(out.table) << label << ": " << out.error;
            std::vector<Text> expected = s.expected;
            expected.insert(expected.end(), s.expected.begin(), s.expected.end());
            ASSERT_EQ(column_cells(*out.table, 0), expected) << label;
            ++combinations;
          }
        }
      }
    }
  }
  EXPECT_EQ(combinations, 2u * 2 * 4 * (4 + 5 + 5 + 4 + 4 + 5 + 5));
}

TEST(ParquetEncodings, DefinitionLevelsBitPackedAndRle) {
  Sample s = sample(PhysicalType::kInt32, 100, false);
  for (Encoding levels : {Encoding::kRle, Encoding::kBitPacked}) {
    ChunkOptions o;
    o.definition_encoding = levels;
    o.page_rows = 33;
    FileSpec spec;
    spec.schema = {s.element};
    spec.row_groups = {RowGroupData{{ChunkData{s.cells, o}}}};
    Plain p = read_ok(write_parquet(spec));
    EXPECT_EQ(column_cells(p, 0), s.expected) << parquet::name(levels);
  }
}

TEST(ParquetEncodings, V2PagesWithUncompressedValues) {
  Sample s = sample(PhysicalType::kByteArray, 50, false);
  ChunkOptions o;
  o.v2 = true;
  o.v2_compressed = false;
  o.codec = Codec::kZstd;  // declared for the chunk, but this page's values are stored raw
  FileSpec spec;
  spec.schema = {s.element};
  spec.row_groups = {RowGroupData{{ChunkData{s.cells, o}}}};
  EXPECT_EQ(column_cells(read_ok(write_parquet(spec)), 0), s.expected);
}

TEST(ParquetEncodings, DeltaBinaryPackedIn32BitArithmetic) {
  // parquet-mr computes INT32 deltas in 32 bits, wrapping around.
  Element e = leaf("i", PhysicalType::kInt32, Repetition::kRequired);
  std::vector<Cell> cells;
  std::vector<Text> expected;
  for (int32_t v : {INT32_MAX, INT32_MIN, 0, INT32_MIN, INT32_MAX, -1, 1, 5}) {
    cells.push_back(raw<int32_t>(v));
    expected.push_back(std::to_string(v));
  }
  for (bool int32 : {false, true}) {
    ChunkOptions o;
    o.encoding = Encoding::kDeltaBinaryPacked;
    o.int32_deltas = int32;
    FileSpec spec;
    spec.schema = {e};
    spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
    EXPECT_EQ(column_cells(read_ok(write_parquet(spec)), 0), expected);
  }
}

TEST(ParquetEncodings, AllNullPages) {
  Element e = leaf("s", PhysicalType::kByteArray);
  std::vector<Cell> cells(20, std::nullopt);
  for (Encoding enc : {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kDeltaLengthByteArray}) {
    for (bool v2 : {false, true}) {
      ChunkOptions o;
      o.encoding = enc;
      o.v2 = v2;
      o.codec = Codec::kZstd;
      FileSpec spec;
      spec.schema = {e};
      spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
      Plain p = read_ok(write_parquet(spec));
      EXPECT_EQ(column_cells(p, 0), std::vector<Text>(20, N));
      EXPECT_EQ(p.types[0], ValueType::kString);
    }
  }
}

TEST(ParquetEncodings, LargePagesAcrossBatchBoundaries) {
  // One page of 200,000 rows (the reader works through pages in batches of 65,536 rows).
  Element s = leaf("s", PhysicalType::kByteArray);
  Element b = leaf("b", PhysicalType::kBoolean);
  Element i = leaf("i", PhysicalType::kInt64);
  std::vector<Cell> cs, cb, ci;
  std::vector<Text> es, eb, ei;
  for (int r = 0; r < 200000; ++r) {
    const bool null = r % 1000 < 3 || (r > 70000 && r < 140000 && r % 2);
    cs.push_back(null ? Cell() : Cell(numbered("k", r % 37)));
    es.push_back(null ? N : Text(numbered("k", r % 37)));
    cb.push_back(null ? Cell() : Cell(std::string(1, static_cast<char>(r / 7 % 2))));
    eb.push_back(null ? N : Text(r / 7 % 2 ? "true" : "false"));
    ci.push_back(null ? Cell() : Cell(raw<int64_t>(r % 5000)));
    ei.push_back(null ? N : Text(std::to_string(r % 5000)));
  }
  ChunkOptions os, ob, oi;
  os.encoding = Encoding::kRleDictionary;
  ob.encoding = Encoding::kRle;
  ob.v2 = true;
  oi.encoding = Encoding::kDeltaBinaryPacked;
  oi.codec = Codec::kZstd;
  FileSpec spec;
  spec.schema = {s, b, i};
  spec.row_groups = {RowGroupData{{ChunkData{cs, os}, ChunkData{cb, ob}, ChunkData{ci, oi}}}};
  Plain p = read_ok(write_parquet(spec));
  EXPECT_EQ(column_cells(p, 0), es);
  EXPECT_EQ(column_cells(p, 1), eb);
  EXPECT_EQ(column_cells(p, 2), ei);
}

// ---- Layouts ---------------------------------------------------------------------------

TEST(ParquetLayout, CodesFollowFirstAppearanceWhateverTheDictionaryOrder) {
  Element e = leaf("s", PhysicalType::kByteArray);
  std::vector<Cell> cells = {"b", "a", std::nullopt, "c", "a", "b"};
  for (bool reverse : {false, true}) {
    for (bool offset : {true, false}) {
      ChunkOptions o;
      o.encoding = Encoding::kRleDictionary;
      o.reverse_dictionary = reverse;
      o.dictionary_offset = offset;  // false: dictionary page first but unannounced (Polars)
      FileSpec spec;
      spec.schema = {e};
      spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
      Plain p = read_ok(write_parquet(spec));
      EXPECT_EQ(p.dictionaries[0], (std::vector<std::string>{"b", "a", "c"}));
      EXPECT_EQ(column_cells(p, 0), (std::vector<Text>{"b", "a", N, "c", "a", "b"}));
    }
  }
}

TEST(ParquetLayout, IndexPagesAreSkipped) {
  Sample s = sample(PhysicalType::kInt64, 40, false);
  ChunkOptions o;
  o.index_page = true;
  o.encoding = Encoding::kPlainDictionary;
  FileSpec spec;
  spec.schema = {s.element};
  spec.row_groups = {RowGroupData{{ChunkData{s.cells, o}}}};
  EXPECT_EQ(column_cells(read_ok(write_parquet(spec)), 0), s.expected);
}

TEST(ParquetLayout, DictionaryDoesNotDependOnChunkingOrThreads) {
  // Many row groups and columns with different encodings: the Table must be the same for
  // every thread count, with codes in order of first appearance across row groups.
  Element a = leaf("a", PhysicalType::kByteArray);
  a.logical = logical_empty(1);
  Element b = leaf("b", PhysicalType::kInt64, Repetition::kRequired);
  FileSpec spec;
  spec.schema = {a, b};
  std::vector<Text> expected_a;
  std::vector<Text> expected_b;
  for (int g = 0; g < 24; ++g) {
    std::vector<Cell> ca, cb;
    for (int i = 0; i < 50 + g; ++i) {
      const int v = (i * 7 + g * 13) % (10 + g);
      if ((i + g) % 9 == 0) {
        ca.push_back(std::nullopt);
        expected_a.push_back(N);
      } else {
        ca.push_back(numbered("k", v));
        expected_a.push_back(numbered("k", v));
      }
      cb.push_back(raw<int64_t>(v * 3 - g));
      expected_b.push_back(std::to_string(v * 3 - g));
    }
    ChunkOptions oa, ob;
    oa.encoding = g % 3 == 0 ? Encoding::kPlain : Encoding::kRleDictionary;
    oa.codec = g % 2 ? Codec::kSnappy : Codec::kZstd;
    oa.v2 = g % 4 == 1;
    ob.encoding = g % 2 ? Encoding::kDeltaBinaryPacked : Encoding::kPlainDictionary;
    ob.page_rows = 16;
    spec.row_groups.push_back(RowGroupData{{ChunkData{ca, oa}, ChunkData{cb, ob}}});
  }
  const std::string bytes = write_parquet(spec);
  Plain one = read_ok(bytes, threads(1));
  EXPECT_EQ(column_cells(one, 0), expected_a);
  EXPECT_EQ(column_cells(one, 1), expected_b);
  EXPECT_EQ(one.types, (std::vector<ValueType>{ValueType::kString, ValueType::kNumeric}));
  for (unsigned t : {2u, 3u, 8u}) EXPECT_EQ(read_ok(bytes, threads(t)), one) << t << " threads";
}

// A text column whose values seldom repeat, in PLAIN pages: a row group's dictionary and
// the merged one are sized ahead once 4,096 values look nearly distinct (1 % repeats in
// the first row group). The third row group repeats values of the first and of its own,
// and one row group is dictionary-encoded; codes must still follow first appearance, with
// the counts of every value, for any number of threads.
TEST(ParquetLayout, NearlyDistinctTextAcrossRowGroups) {
  Element a = leaf("a", PhysicalType::kByteArray);
  a.logical = logical_empty(1);
  FileSpec spec;
  spec.schema = {a};
  const int rows = 6000;
  std::vector<Text> cells, dictionary;
  std::map<std::string, uint64_t> counts;
  uint64_t nulls = 0;
  for (int g = 0; g < 4; ++g) {
    std::vector<Cell> column;
    for (int i = 0; i < rows; ++i) {
      const int n = g * rows + i;
      std::optional<std::string> v = numbered("t", 1000000 + n);
      if (g == 0 && i % 97 == 96) v = cells[static_cast<size_t>(i / 2)];
      if (g == 2 && i >= 5000) v = cells[static_cast<size_t>((i * 37) % 13000)];
      if (i % 1000 == 500) v = std::nullopt;
      column.push_back(v);
      cells.push_back(v);
      if (!v) {
        ++nulls;
      } else if (counts[*v]++ == 0) {
        dictionary.push_back(*v);
      }
    }
    ChunkOptions options;
    options.encoding = g == 3 ? Encoding::kRleDictionary : Encoding::kPlain;
    options.page_rows = 2500;
    spec.row_groups.push_back(RowGroupData{{ChunkData{column, options}}});
  }
  const std::string bytes = write_parquet(spec);
  const Plain one = read_ok(bytes, threads(1));
  EXPECT_EQ(column_cells(one, 0), cells);
  ASSERT_EQ(one.dictionaries.size(), 1u);
  std::vector<std::string> expected_dictionary;
  for (const Text& v : dictionary) expected_dictionary.push_back(*v);
  EXPECT_EQ(one.dictionaries[0], expected_dictionary);
  std::vector<uint64_t> expected_counts{nulls};
  for (const Text& v : dictionary) expected_counts.push_back(counts[*v]);
  EXPECT_EQ(one.counts[0], expected_counts);
  for (unsigned t : {2u, 3u}) EXPECT_EQ(read_ok(bytes, threads(t)), one) << t << " threads";
}

TEST(ParquetLayout, ZeroRowGroupsAndEmptyRowGroups) {
  FileSpec spec;
  spec.schema = {leaf("a", PhysicalType::kInt32), leaf("b", PhysicalType::kByteArray)};
  Plain p = read_ok(write_parquet(spec));
  EXPECT_EQ(p.names, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(p.rows.empty());
  EXPECT_EQ(p.types, (std::vector<ValueType>{ValueType::kString, ValueType::kString}));
  spec.row_groups = {RowGroupData{{ChunkData{{}, {}}, ChunkData{{}, {}}}},
                     RowGroupData{{ChunkData{{raw<int32_t>(4)}, {}}, ChunkData{{"x"}, {}}}}};
  p = read_ok(write_parquet(spec));
  EXPECT_EQ(p.rows, (Rows{{"4", "x"}}));
}

// ---- Column selection and nested fields ------------------------------------------------

FileSpec nested_spec() {
  FileSpec spec;
  Element group;
  group.name = "g";
  group.num_children = 2;
  Element list;
  list.name = "l";
  list.num_children = 1;
  list.converted = ConvertedType::kList;
  Element list_inner;
  list_inner.name = "list";
  list_inner.repetition = Repetition::kRepeated;
  list_inner.num_children = 1;
  spec.schema = {leaf("a", PhysicalType::kInt32), group, leaf("x", PhysicalType::kInt32), leaf("y", PhysicalType::kByteArray),
                 leaf("r", PhysicalType::kInt64, Repetition::kRepeated), list, list_inner,
                 leaf("element", PhysicalType::kInt32), leaf("z", PhysicalType::kByteArray)};
  // Leaves: a, x, y, r, element, z. Nested leaves get empty chunks (never read).
  std::vector<ChunkData> chunks = {
      ChunkData{{raw<int32_t>(1), raw<int32_t>(2)}, {}}, ChunkData{{}, {}}, ChunkData{{}, {}},
      ChunkData{{}, {}}, ChunkData{{}, {}}, ChunkData{{"p", std::nullopt}, {}}};
  spec.row_groups = {RowGroupData{chunks, 2}};
  return spec;
}

TEST(ParquetColumns, NestedFieldsAreErrorsUnlessLeftOut) {
  const std::string bytes = write_parquet(nested_spec());
  EXPECT_EQ(error_of(bytes),
            "DataError: FILE: column 'g' is nested (a group of 2 fields); tsum reads flat columns only: leave it out");
  ParquetOptions o;
  o.columns = {"z", "a"};
  Plain p = read_ok(bytes, o);
  EXPECT_EQ(p.names, (std::vector<std::string>{"a", "z"}));  // file order
  EXPECT_EQ(p.rows, (Rows{{"1", "p"}, {"2", N}}));
  o.columns = {"a", "r"};
  EXPECT_EQ(error_of(bytes, o),
            "DataError: FILE: column 'r' is nested (a REPEATED INT64); tsum reads flat columns only: leave it out");
  o.columns = {"l"};
  EXPECT_EQ(error_of(bytes, o), "DataError: FILE: column 'l' is nested (a LIST); tsum reads flat columns only: leave it out");
  o.columns = {"zz"};
  EXPECT_EQ(error_of(bytes, o), "UsageError: unknown column 'zz' (did you mean 'z'?)");
}

TEST(ParquetColumns, UnsupportedTypesOnlyMatterWhenSelected) {
  FileSpec spec;
  Element bad = leaf("bad", PhysicalType::kInt32);
  bad.logical = logical_time(true, 2);  // TIMESTAMP on INT32: not a valid combination
  spec.schema = {leaf("ok", PhysicalType::kInt32), bad};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1)}, {}}, ChunkData{{raw<int32_t>(2)}, {}}}}};
  const std::string bytes = write_parquet(spec);
  EXPECT_EQ(error_of(bytes), "DataError: FILE: column 'bad': unsupported type INT32 TIMESTAMP");
  ParquetOptions o;
  o.columns = {"ok"};
  EXPECT_EQ(read_ok(bytes, o).rows, (Rows{{"1"}}));
}

}  // namespace
}  // namespace tsum::parquet_test
