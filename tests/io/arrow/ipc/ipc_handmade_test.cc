// Arrow IPC streams built here, message by message, with the flatbuffers builder of the
// generated metadata code: the damaged shapes pyarrow never writes (big-endian data,
// lengths without data, offsets past the data, buffers outside the body, a missing
// dictionary, surplus arrays) each give their one-line error, and the limits are not
// off by one (a long all-NULL column still reads).
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <vector>

#include "arrow_ipc_generated.h"
#include "io/arrow/ipc/ipc_test_util.h"
#include "support/plain_table.h"

namespace tsum {
namespace {

namespace fb = ipc::fb;
using ipc_test::ipc_error;
using ipc_test::read_ipc;
using Builder = flatbuffers::FlatBufferBuilder;
using FieldMaker = std::function<flatbuffers::Offset<fb::Field>(Builder&)>;

// One stream message: continuation marker, size, metadata padded to 8 bytes, body.
std::string frame(Builder& b, const std::string& body) {
  std::string meta(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  meta.resize((meta.size() + 7) / 8 * 8, '\0');
  std::string out("\xff\xff\xff\xff", 4);
  const int32_t n = static_cast<int32_t>(meta.size());
  out.append(reinterpret_cast<const char*>(&n), 4);
  return out + meta + body;
}

std::string schema(const std::vector<FieldMaker>& fields, fb::Endianness endianness = fb::Endianness::Little) {
  Builder b;
  std::vector<flatbuffers::Offset<fb::Field>> made;
  for (const FieldMaker& f : fields) made.push_back(f(b));
  const auto s = fb::CreateSchema(b, endianness, b.CreateVector(made));
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::Schema, s.Union(), 0));
  return frame(b, "");
}

flatbuffers::Offset<fb::RecordBatch> batch(Builder& b, int64_t length, const std::vector<fb::FieldNode>& nodes,
                                           const std::vector<fb::Buffer>& buffers) {
  return fb::CreateRecordBatch(b, length, b.CreateVectorOfStructs(nodes), b.CreateVectorOfStructs(buffers));
}

std::string record_batch(int64_t length, const std::vector<fb::FieldNode>& nodes,
                         const std::vector<fb::Buffer>& buffers, const std::string& body) {
  Builder b;
  const auto rb = batch(b, length, nodes, buffers);
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::RecordBatch, rb.Union(),
                             static_cast<int64_t>(body.size())));
  return frame(b, body);
}

FieldMaker null_field(const char* name) {
  return [name](Builder& b) { return fb::CreateField(b, b.CreateString(name), true, fb::Type::Null, fb::CreateNull(b).Union()); };
}
FieldMaker utf8_field(const char* name) {
  return [name](Builder& b) { return fb::CreateField(b, b.CreateString(name), true, fb::Type::Utf8, fb::CreateUtf8(b).Union()); };
}
FieldMaker int32_field(const char* name) {
  return [name](Builder& b) {
    return fb::CreateField(b, b.CreateString(name), true, fb::Type::Int, fb::CreateInt(b, 32, true).Union());
  };
}

template <class T>
std::string bytes_of(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  std::memcpy(out.data(), values.data(), out.size());
  out.resize((out.size() + 7) / 8 * 8, '\0');
  return out;
}

TEST(IpcHandmade, ALongAllNullColumnReads) {
  const std::string s = schema({null_field("x")}) + record_batch(1000, {{1000, 1000}}, {}, "");
  const Table t = read_ipc(s);
  EXPECT_EQ(t.rows(), 1000u);
  EXPECT_EQ(test::plain(t).rows[999][0], test::PlainCell());
}

TEST(IpcHandmade, LengthsWithoutDataAreRefused) {
  const int64_t huge = int64_t{1} << 40;
  const std::string head = schema({null_field("x")});
  EXPECT_EQ(ipc_error(head + record_batch(huge, {{huge, huge}}, {}, "")),
            "t.arrow: field 'x' has an array of 1099511627776 elements in a body of 0 bytes at byte " +
                std::to_string(head.size()));
  Builder b;
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::RecordBatch,
                             batch(b, huge, {}, {}).Union(), 0));
  EXPECT_EQ(ipc_error(schema({}) + frame(b, "")),
            "t.arrow: the record batch has 1099511627776 rows and no columns at byte " + std::to_string(schema({}).size()));
}

// A flatbuffers union's id and table are separate fields, and the Verifier accepts an id
// without its table: found by arrow_ipc_fuzz (a segfault before the reader checked).
TEST(IpcHandmade, TypeIdWithoutItsTableIsRefused) {
  for (fb::Type type : {fb::Type::Int, fb::Type::FloatingPoint, fb::Type::Decimal, fb::Type::Date, fb::Type::Time,
                        fb::Type::Timestamp, fb::Type::Interval, fb::Type::FixedSizeBinary, fb::Type::Map,
                        fb::Type::Union, fb::Type::Utf8}) {
    const FieldMaker no_table = [type](Builder& b) {
      const auto name = b.CreateString("x");
      fb::FieldBuilder f(b);
      f.add_name(name);
      f.add_nullable(true);
      f.add_type_type(type);
      return f.Finish();
    };
    EXPECT_EQ(ipc_error(schema({no_table})), "t.arrow: the schema's field 'x' has a type id but no type at byte 0")
        << fb::EnumNameType(type);
  }
}

TEST(IpcHandmade, BigEndianIsRefused) {
  EXPECT_EQ(ipc_error(schema({utf8_field("s")}, fb::Endianness::Big)),
            "t.arrow: the Arrow IPC data is big-endian, which tsum does not read at byte 0");
}

TEST(IpcHandmade, StringOffsetsAreChecked) {
  const std::string head = schema({utf8_field("s")});
  const std::string data = bytes_of(std::vector<char>{'a', 'b', 'c'});
  const std::string fine = bytes_of(std::vector<int32_t>{0, 1, 3});
  const std::string good = head + record_batch(2, {{2, 0}}, {{0, 0}, {0, 16}, {16, 3}}, fine + data);
  EXPECT_EQ(test::plain(read_ipc(good)).rows[1][0], test::PlainCell("bc"));
  const std::string past = head + record_batch(2, {{2, 0}}, {{0, 0}, {0, 16}, {16, 3}},
                                               bytes_of(std::vector<int32_t>{0, 1, 10}) + data);
  EXPECT_NE(ipc_error(past).find("t.arrow: field 's' has offsets that end at 10, past its 3 bytes of data at byte "),
            std::string::npos) << ipc_error(past);
  const std::string backwards = head + record_batch(2, {{2, 0}}, {{0, 0}, {0, 16}, {16, 3}},
                                                    bytes_of(std::vector<int32_t>{0, 2, 1}) + data);
  EXPECT_NE(ipc_error(backwards).find("field 's' has offsets that go backwards at element 1 at byte "),
            std::string::npos) << ipc_error(backwards);
  const std::string short_offsets = head + record_batch(2, {{2, 0}}, {{0, 0}, {0, 8}, {16, 3}}, fine + data);
  EXPECT_NE(ipc_error(short_offsets).find("field 's' has 8 bytes of offsets for 2 elements"), std::string::npos)
      << ipc_error(short_offsets);
}

TEST(IpcHandmade, BuffersAndValidityAreChecked) {
  const std::string head = schema({int32_field("n")});
  const std::string values = bytes_of(std::vector<int32_t>{1, 2, 3, 4});
  EXPECT_EQ(read_ipc(head + record_batch(4, {{4, 0}}, {{0, 0}, {0, 16}}, values)).rows(), 4u);
  EXPECT_NE(ipc_error(head + record_batch(4, {{4, 0}}, {{0, 0}, {8, 16}}, values))
                .find("buffer 1 (16 bytes from body offset 8) lies outside its message body of 16 bytes"),
            std::string::npos);
  EXPECT_NE(ipc_error(head + record_batch(5, {{5, 0}}, {{0, 0}, {0, 16}}, values))
                .find("field 'n' has 16 bytes of values for 5 elements of 4 bytes"),
            std::string::npos);
  // NULLs need a validity bitmap.
  EXPECT_NE(ipc_error(head + record_batch(4, {{4, 1}}, {{0, 0}, {0, 16}}, values))
                .find("field 'n' has a validity bitmap of 0 bytes for 4 elements"),
            std::string::npos);
  // A surplus array or buffer.
  EXPECT_NE(ipc_error(head + record_batch(4, {{4, 0}, {4, 0}}, {{0, 0}, {0, 16}}, values))
                .find("the record batch has 2 arrays and 2 buffers; its schema uses 1 and 2"),
            std::string::npos);
  // Columns of another length than the batch.
  EXPECT_NE(ipc_error(head + record_batch(3, {{4, 0}}, {{0, 0}, {0, 16}}, values))
                .find("the record batch has 3 rows, one of its columns 4"),
            std::string::npos);
}

TEST(IpcHandmade, DictionaryMustBeDefinedFirst) {
  const FieldMaker coded = [](Builder& b) {
    const auto encoding = fb::CreateDictionaryEncoding(b, 5, fb::CreateInt(b, 8, true));
    return fb::CreateField(b, b.CreateString("d"), true, fb::Type::Utf8, fb::CreateUtf8(b).Union(), encoding);
  };
  const std::string head = schema({coded});
  const std::string indices = bytes_of(std::vector<int8_t>{0, 0});
  EXPECT_EQ(ipc_error(head + record_batch(2, {{2, 0}}, {{0, 0}, {0, 2}}, indices)),
            "t.arrow: field 'd' uses dictionary 5, which no dictionary batch before it defines at byte " +
                std::to_string(head.size()));
  // With its dictionary first, it reads.
  Builder b;
  const auto values = batch(b, 1, {{1, 0}}, {{0, 0}, {0, 8}, {8, 2}});
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::DictionaryBatch,
                             fb::CreateDictionaryBatch(b, 5, values).Union(), 16));
  const std::string dictionary = frame(b, bytes_of(std::vector<int32_t>{0, 2}) + bytes_of(std::vector<char>{'o', 'k'}));
  EXPECT_EQ(test::plain(read_ipc(head + dictionary + record_batch(2, {{2, 0}}, {{0, 0}, {0, 2}}, indices))).rows[1][0],
            test::PlainCell("ok"));
}

}  // namespace
}  // namespace tsum
