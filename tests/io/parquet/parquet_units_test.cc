// Unit tests of the Parquet decoders on their own: Thrift compact protocol, bit unpacking
// and the RLE/bit-packed hybrid, DELTA_BINARY_PACKED, codecs, canonical text.
#include <gtest/gtest.h>

#include <cstring>

#include "io/parquet/parquet_decompress.h"
#include "io/parquet/parquet_encodings.h"
#include "io/parquet/parquet_metadata.h"
#include "io/parquet/parquet_rle.h"
#include "io/parquet/parquet_text.h"
#include "io/parquet/parquet_writer.h"
#include "io/parquet/thrift_compact.h"
#include "support/error_message.h"

namespace tsum::parquet_test {
namespace {

using namespace tsum::parquet;
using namespace std::string_literals;

std::string error_message(const std::function<void()>& f) { return tsum::test::error_message<DecodeError>(f); }

// ---- Thrift ---------------------------------------------------------------------------

TEST(ParquetThrift, ReadsFieldsOfEveryKindAndSkipsUnknownOnes) {
  ThriftWriter w;
  w.begin();
  w.i32(1, -42);
  w.i64(2, INT64_MIN);
  w.binary(3, "héllo");
  w.boolean(4, true);
  w.i8(5, -7);
  w.begin_struct(40);  // long-form field id, skipped
  w.list(1, 8, 20);    // a list of 20 strings (long-form list header)
  for (int i = 0; i < 20; ++i) {
    w.varint(1);
    w.out += "x";
  }
  w.field(2, 11);  // a map<i32, bool> of 2 entries
  w.varint(2);
  w.out.push_back(static_cast<char>(0x51));
  w.zigzag(1);
  w.out.push_back(1);
  w.zigzag(2);
  w.out.push_back(2);
  w.field(3, 7);  // a double
  w.out += std::string(8, '\0');
  w.end();
  w.i32(41, 99);
  w.end();

  ThriftReader r{ByteCursor(w.out)};
  r.begin_struct();
  ThriftField f;
  std::vector<std::string> seen;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: EXPECT_EQ(r.read_int(f.type, "a"), -42); break;
      case 2: EXPECT_EQ(r.read_int(f.type, "b"), INT64_MIN); break;
      case 3: EXPECT_EQ(r.read_binary(f.type, "c"), "héllo"); break;
      case 4: EXPECT_TRUE(r.read_bool(f.type, "d")); break;
      case 5: EXPECT_EQ(r.read_int(f.type, "e"), -7); break;
      case 41: EXPECT_EQ(r.read_int(f.type, "g"), 99); break;
      default: r.skip(f.type); break;
    }
    seen.push_back(std::to_string(f.id));
  }
  r.end_struct();
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3", "4", "5", "40", "41"}));
  EXPECT_EQ(r.offset(), w.out.size());
}

TEST(ParquetThrift, Errors) {
  auto read_all = [](const std::string& bytes) {
    return error_message([&] {
      ThriftReader r{ByteCursor(bytes)};
      r.begin_struct();
      ThriftField f;
      while (r.next_field(f)) r.skip(f.type);
      r.end_struct();
    });
  };
  EXPECT_EQ(read_all(""), "bad Thrift data: struct not terminated (data ends) at byte 0");
  EXPECT_EQ(read_all("\x15"), "integer runs past the end of the data (needs 1 bytes, 0 left)");
  EXPECT_EQ(read_all("\x18\x05"s + "ab"), "bad Thrift data: binary of 5 bytes runs past the end (2 left) at byte 2");
  EXPECT_EQ(read_all("\x1E"), "bad Thrift data: unknown field type 14 at byte 1");
  EXPECT_EQ(read_all("\x15\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01"s),
            "integer is a varint longer than 10 bytes");
  const std::string i32_field = "\x15\x02"s;
  ThriftReader r{ByteCursor(i32_field)};
  r.begin_struct();
  ThriftField f;
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(error_message([&] { r.read_binary(f.type, "SchemaElement.name"); }),
            "bad Thrift data: SchemaElement.name is a i32, expected a binary at byte 1");
}

TEST(ParquetThrift, PageHeaderRoundTrip) {
  ThriftWriter w;
  w.begin();
  w.i32(1, 3);
  w.i32(2, 1000);
  w.i32(3, 400);
  w.begin_struct(8);
  w.i32(1, 100);
  w.i32(2, 7);
  w.i32(3, 100);
  w.i32(4, 8);
  w.i32(5, 12);
  w.i32(6, 0);
  w.boolean(7, false);
  w.end();
  w.end();
  size_t length = 0;
  PageHeader h = parse_page_header(w.out + "trailing", length);
  EXPECT_EQ(length, w.out.size());
  EXPECT_EQ(h.type, PageType::kDataPageV2);
  EXPECT_EQ(h.uncompressed_page_size, 1000);
  EXPECT_EQ(h.compressed_page_size, 400);
  EXPECT_TRUE(h.has_data_v2);
  EXPECT_EQ(h.num_values, 100);
  EXPECT_EQ(h.num_nulls, 7);
  EXPECT_EQ(h.encoding, Encoding::kRleDictionary);
  EXPECT_EQ(h.definition_levels_byte_length, 12);
  EXPECT_FALSE(h.is_compressed);
}

// ---- Bits, RLE, deltas ---------------------------------------------------------------

TEST(ParquetRle, UnpacksEveryBitWidth) {
  for (int w = 0; w <= 64; ++w) {
    std::vector<uint64_t> values;
    for (uint64_t i = 0; i < 100; ++i) {
      const uint64_t mask = w == 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1;
      values.push_back((i * 0x9E3779B97F4A7C15ull) & mask);
    }
    std::string packed((100 * static_cast<size_t>(w) + 7) / 8, '\0');
    for (size_t i = 0; i < values.size(); ++i) {
      for (int k = 0; k < w; ++k) {
        const size_t bit = i * static_cast<size_t>(w) + static_cast<size_t>(k);
        if ((values[i] >> k) & 1) packed[bit / 8] = static_cast<char>(packed[bit / 8] | (1 << (bit % 8)));
      }
    }
    std::vector<uint64_t> out(100);
    unpack_bits(reinterpret_cast<const uint8_t*>(packed.data()), packed.size(), 0, w, 100, out.data());
    EXPECT_EQ(out, values) << "width " << w;
  }
}

TEST(ParquetRle, HybridRunsAndErrors) {
  std::vector<uint32_t> values;
  for (uint32_t i = 0; i < 1000; ++i) values.push_back(i < 300 ? 5 : (i * 7) % 13);
  for (int w : {4, 5, 13, 32}) {
    std::string bytes = encode_hybrid(values, w);
    RleDecoder d(ByteCursor(bytes), w);
    std::vector<uint32_t> out(values.size());
    d.decode(out.data(), 600, "values");
    d.decode(out.data() + 600, 400, "values");
    EXPECT_EQ(out, values) << w;
    RleDecoder short_data(ByteCursor(bytes), w);
    std::vector<uint32_t> more(1100);
    EXPECT_EQ(error_message([&] { short_data.decode(more.data(), 1100, "dictionary indexes"); }),
              "dictionary indexes end after 1004 of 1100 values")  // the last bit-packed group is padded to 8
        << w;
  }
  EXPECT_EQ(error_message([] { RleDecoder(ByteCursor(""), 33); }), "bit width 33 is out of range (0..32)");
  // A bit-packed run cut short yields the values its bytes hold.
  std::string cut = "\x03\xFF"s;  // 1 group of 8 at width 4 needs 4 bytes; 1 byte holds 2 values
  RleDecoder d(ByteCursor(cut), 4);
  uint32_t two[2];
  d.decode(two, 2, "v");
  EXPECT_EQ(two[0], 15u);
  EXPECT_EQ(two[1], 15u);
}

TEST(ParquetRle, DeltaBinaryPacked) {
  std::vector<int64_t> values = {5, 4, 3, 1000000, -1000000, INT64_MAX, INT64_MIN, 0};
  for (int i = 0; i < 500; ++i) values.push_back(i * i - 3 * i);
  std::string bytes = encode_delta_binary_packed(values);
  ByteCursor in(bytes);
  std::vector<uint64_t> out;
  decode_delta_binary_packed(in, values.size(), out);
  ASSERT_EQ(out.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(static_cast<int64_t>(out[i]), values[i]) << i;
  EXPECT_TRUE(in.empty());
  ByteCursor again(bytes);
  EXPECT_EQ(error_message([&] { decode_delta_binary_packed(again, 10, out); }),
            "DELTA_BINARY_PACKED declares 508 values, more than the page's 10");
  // 1000 values declared, no bytes to hold them.
  std::string empty = "\x80\x01\x04\xE8\x07\x00"s;
  ByteCursor e(empty);
  EXPECT_EQ(error_message([&] { decode_delta_binary_packed(e, 5000, out); }),
            "DELTA_BINARY_PACKED declares 1000 values, more than its 0 bytes can hold");
  std::string bad = "\x80\x01\x03\x02\x00"s;  // block 128 in 3 miniblocks
  ByteCursor b(bad);
  EXPECT_EQ(error_message([&] { decode_delta_binary_packed(b, 10, out); }),
            "DELTA_BINARY_PACKED has 3 miniblocks per block of 128 values (miniblocks must hold a multiple of 32 values)");
}

// ---- Codecs -----------------------------------------------------------------------------

TEST(ParquetCodecs, RoundTripAndErrors) {
  std::string data;
  for (int i = 0; i < 10000; ++i) data += "row " + std::to_string(i % 97) + ";";
  Decompressor d;
  Buffer buffer;
  for (Codec c : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd}) {
    std::string packed = compress(c, data);
    EXPECT_EQ(d.decompress(c, packed, data.size(), buffer), data) << name(c);
    EXPECT_EQ(error_message([&] { d.decompress(c, packed, data.size() + 1, buffer); }).substr(0, name(c).size() + 23),
              name(c) + " decompression failed: ")
        << name(c);
  }
  std::string gz = compress(Codec::kGzip, data);
  EXPECT_EQ(error_message([&] { d.decompress(Codec::kGzip, gz.substr(0, gz.size() / 2), data.size(), buffer); }),
            "GZIP decompression failed: truncated data");
  EXPECT_EQ(error_message([&] { d.decompress(Codec::kGzip, gz, 100, buffer); }),
            "GZIP decompression failed: the data decompresses to more than the 100 bytes the page header says");
  // Sizes no codec can reach from the input are refused before anything is allocated.
  for (Codec c : {Codec::kSnappy, Codec::kGzip, Codec::kZstd}) {
    EXPECT_EQ(error_message([&] { d.decompress(c, "x", 1u << 30, buffer); }),
              name(c) + " decompression failed: the page header claims 1073741824 bytes from 1");
  }
  EXPECT_EQ(error_message([&] { d.decompress(Codec::kBrotli, "x", 1, buffer); }),
            "unsupported compression codec BROTLI (tsum reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD)");
}

// ---- Canonical text ---------------------------------------------------------------------

std::string text(const ValueFormat& f, const std::string& raw) {
  std::string buffer;
  return std::string(format_value(f, raw, buffer));
}

ValueFormat format_of(PhysicalType type, const std::function<void(SchemaElement&)>& annotate = nullptr) {
  SchemaElement e;
  e.name = "c";
  e.type = type;
  if (annotate) annotate(e);
  return resolve_format(e);
}

TEST(ParquetText, Utf8Validation) {
  EXPECT_EQ(find_invalid_utf8("plain ascii text, long enough for the fast path"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("héllo 日本 😀"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\x80"), 8u);
  EXPECT_EQ(find_invalid_utf8("\xC0\x80"), 0u);          // overlong
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xE6\x97"), 2u);        // truncated
}

TEST(ParquetText, DecimalEdgeCases) {
  auto dec = [](PhysicalType t, int scale, int length = 0) {
    return format_of(t, [=](SchemaElement& e) {
      e.logical.kind = LogicalType::Kind::kDecimal;
      e.logical.scale = scale;
      e.type_length = length;
    });
  };
  EXPECT_EQ(text(dec(PhysicalType::kInt32, 0), raw<int32_t>(-1)), "-1");
  EXPECT_EQ(text(dec(PhysicalType::kInt32, 3), raw<int32_t>(0)), "0.000");
  EXPECT_EQ(text(dec(PhysicalType::kInt32, 3), raw<int32_t>(-1000)), "-1.000");
  EXPECT_EQ(text(dec(PhysicalType::kInt64, 18), raw<int64_t>(INT64_MIN)), "-9.223372036854775808");
  std::string max128(16, '\xFF');
  max128[0] = 0x7F;
  EXPECT_EQ(text(dec(PhysicalType::kFixedLenByteArray, 0, 16), max128), "170141183460469231731687303715884105727");
  std::string min128(16, '\0');
  min128[0] = static_cast<char>(0x80);
  EXPECT_EQ(text(dec(PhysicalType::kFixedLenByteArray, 38, 16), min128), "-1.70141183460469231731687303715884105728");
  EXPECT_EQ(text(dec(PhysicalType::kByteArray, 2), std::string(40, '\0')), "0.00");
  EXPECT_EQ(text(dec(PhysicalType::kByteArray, 2), std::string(40, '\xFF')), "-0.01");
  EXPECT_EQ(error_message([&] { text(dec(PhysicalType::kByteArray, 2), std::string(300, '\x01')); }),
            "DECIMAL value of 300 bytes is too long");
  EXPECT_EQ(error_message([&] { dec(PhysicalType::kInt32, -1); }), "unsupported DECIMAL scale -1");
}

TEST(ParquetText, NumbersAreTypedAsNumbers) {
  EXPECT_TRUE(format_of(PhysicalType::kInt32).is_number);
  EXPECT_TRUE(format_of(PhysicalType::kDouble).is_number);
  EXPECT_FALSE(format_of(PhysicalType::kBoolean).is_number);
  EXPECT_FALSE(format_of(PhysicalType::kInt96).is_number);
  EXPECT_FALSE(format_of(PhysicalType::kInt32, [](SchemaElement& e) { e.converted_type = ConvertedType::kDate; }).is_number);
  EXPECT_FALSE(format_of(PhysicalType::kByteArray).is_number);
}

}  // namespace
}  // namespace tsum::parquet_test
