// Thrift compact protocol: the serialization of Parquet's file metadata and page headers.
//
// A pull reader over a bounded byte range. Structs are read field by field:
//   while (reader.next_field(field)) switch (field.id) { case 1: x = reader.read_i32(field); ... default: reader.skip(field); }
// Every read is bounds-checked (ByteCursor). Malformed input throws DecodeError with
// "bad Thrift data: <what> at byte B" (B counts from the start of the range). Safety
// limits against hostile input: nesting deeper than 64 structs/containers, a list
// declaring more elements than bytes remain, and strings longer than the range are
// errors; nothing is allocated from a declared size before it has been checked.
//
// Wire format (https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md):
//   field header  one byte: high nibble = field id delta (1..15) or 0 (then a zigzag
//                 varint i16 id follows), low nibble = type; 0x00 ends the struct
//   types         1/2 bool true/false (value in the header), 3 i8, 4 i16, 5 i32,
//                 6 i64 (zigzag varints, i8 a raw byte), 7 double (8 bytes LE),
//                 8 binary (varint length + bytes), 9 list, 10 set, 11 map, 12 struct
//   list/set      one byte: high nibble = size (15: a varint size follows), low nibble
//                 = element type; booleans in containers are one byte each (1 = true)
//   map           varint size, then (if size > 0) one byte: key type << 4 | value type
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/parquet/byte_cursor.h"

namespace tsum::parquet {

enum class ThriftType : uint8_t {
  kStop = 0, kTrue = 1, kFalse = 2, kByte = 3, kI16 = 4, kI32 = 5, kI64 = 6,
  kDouble = 7, kBinary = 8, kList = 9, kSet = 10, kMap = 11, kStruct = 12,
};

struct ThriftField {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
};

struct ThriftList {
  uint32_t size = 0;
  ThriftType element = ThriftType::kStop;
};

class ThriftReader {
 public:
  explicit ThriftReader(ByteCursor cursor) : cursor_(cursor) {}

  // Bytes consumed so far (a page header's length once it has been read).
  size_t offset() const { return cursor_.offset(); }

  // Structs: begin_struct(), then next_field() until it returns false (the stop byte),
  // then end_struct(). They track the nesting depth and the field-id deltas.
  void begin_struct();
  void end_struct();
  bool next_field(ThriftField& field);

  // Values. `type` is the field's (or list element's) wire type; a value of another
  // kind than asked for is an error naming `what` (the field, e.g. "SchemaElement.name").
  int64_t read_int(ThriftType type, const char* what);       // i8, i16, i32, i64
  bool read_bool(ThriftType type, const char* what);         // a bool field (not a list element)
  std::string_view read_binary(ThriftType type, const char* what);
  ThriftList read_list(ThriftType type, const char* what);   // list (or set) header
  // Checks that a struct-typed field or element is one, for begin_struct().
  void expect_struct(ThriftType type, const char* what);

  // Skips a field's value of the given type (a whole struct or container included).
  void skip(ThriftType type) { skip_value(type, false); }

  [[noreturn]] void error(const std::string& what) const;

 private:
  void enter();
  void leave() { --depth_; }
  void check_type(bool ok, ThriftType type, const char* what, const char* expected) const;
  void skip_value(ThriftType type, bool element);

  static constexpr int kMaxDepth = 64;
  ByteCursor cursor_;
  int depth_ = 0;
  int16_t last_id_[kMaxDepth + 2] = {};
};

}  // namespace tsum::parquet
