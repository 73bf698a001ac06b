#include "io/parquet/thrift_compact.h"

namespace tsum::parquet {

namespace {

const char* type_name(ThriftType type) {
  switch (type) {
    case ThriftType::kStop: return "stop";
    case ThriftType::kTrue:
    case ThriftType::kFalse: return "bool";
    case ThriftType::kByte: return "i8";
    case ThriftType::kI16: return "i16";
    case ThriftType::kI32: return "i32";
    case ThriftType::kI64: return "i64";
    case ThriftType::kDouble: return "double";
    case ThriftType::kBinary: return "binary";
    case ThriftType::kList: return "list";
    case ThriftType::kSet: return "set";
    case ThriftType::kMap: return "map";
    case ThriftType::kStruct: return "struct";
  }
  return "unknown";
}

bool valid_type(uint8_t t) { return t <= static_cast<uint8_t>(ThriftType::kStruct); }

}  // namespace

void ThriftReader::error(const std::string& what) const {
  fail("bad Thrift data: " + what + " at byte " + std::to_string(cursor_.offset()));
}

void ThriftReader::enter() {
  if (depth_ >= kMaxDepth) error("structures nested more than " + std::to_string(kMaxDepth) + " deep");
  ++depth_;
}

void ThriftReader::begin_struct() {
  enter();
  last_id_[depth_] = 0;
}

void ThriftReader::end_struct() { leave(); }

bool ThriftReader::next_field(ThriftField& field) {
  if (cursor_.empty()) error("struct not terminated (data ends)");
  uint8_t header = cursor_.byte("field header");
  uint8_t type = header & 0x0F;
  if (type == 0) {
    if (header != 0) error("bad field header (stop type with field id delta " + std::to_string(header >> 4) + ")");
    return false;
  }
  if (!valid_type(type)) error("unknown field type " + std::to_string(type));
  uint8_t delta = header >> 4;
  int64_t id;
  if (delta != 0) {
    id = last_id_[depth_] + delta;
  } else {
    id = cursor_.zigzag("field id");
  }
  if (id < INT16_MIN || id > INT16_MAX) error("field id " + std::to_string(id) + " out of range");
  last_id_[depth_] = static_cast<int16_t>(id);
  field.id = static_cast<int16_t>(id);
  field.type = static_cast<ThriftType>(type);
  return true;
}

void ThriftReader::check_type(bool ok, ThriftType type, const char* what, const char* expected) const {
  if (!ok) error(std::string(what) + " is a " + type_name(type) + ", expected " + expected);
}

int64_t ThriftReader::read_int(ThriftType type, const char* what) {
  switch (type) {
    case ThriftType::kByte: return static_cast<int8_t>(cursor_.byte(what));
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: return cursor_.zigzag(what);
    default: check_type(false, type, what, "an integer");
  }
  return 0;
}

bool ThriftReader::read_bool(ThriftType type, const char* what) {
  check_type(type == ThriftType::kTrue || type == ThriftType::kFalse, type, what, "a bool");
  return type == ThriftType::kTrue;
}

std::string_view ThriftReader::read_binary(ThriftType type, const char* what) {
  check_type(type == ThriftType::kBinary, type, what, "a binary");
  uint64_t n = cursor_.uleb(what);
  if (n > cursor_.remaining()) {
    error(std::string(what) + " of " + std::to_string(n) + " bytes runs past the end (" +
          std::to_string(cursor_.remaining()) + " left)");
  }
  const uint8_t* p = cursor_.take(n, what);
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(n)};
}

ThriftList ThriftReader::read_list(ThriftType type, const char* what) {
  check_type(type == ThriftType::kList || type == ThriftType::kSet, type, what, "a list");
  uint8_t header = cursor_.byte(what);
  uint64_t size = header >> 4;
  if (size == 15) size = cursor_.uleb(what);
  uint8_t element = header & 0x0F;
  if (element == 0 || !valid_type(element)) {
    if (size == 0) return {0, ThriftType::kI32};  // some writers leave the type of an empty list 0
    error(std::string(what) + " has unknown element type " + std::to_string(element));
  }
  // Every element takes at least one byte (bool elements included): a larger size is a lie.
  if (size > cursor_.remaining()) {
    error(std::string(what) + " declares " + std::to_string(size) + " elements but only " +
          std::to_string(cursor_.remaining()) + " bytes remain");
  }
  return {static_cast<uint32_t>(size), static_cast<ThriftType>(element)};
}

void ThriftReader::expect_struct(ThriftType type, const char* what) {
  check_type(type == ThriftType::kStruct, type, what, "a struct");
}

void ThriftReader::skip_value(ThriftType type, bool element) {
  switch (type) {
    case ThriftType::kTrue:
    case ThriftType::kFalse:
      if (element) cursor_.skip(1, "bool");
      return;
    case ThriftType::kByte: cursor_.skip(1, "i8"); return;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: cursor_.uleb("integer"); return;
    case ThriftType::kDouble: cursor_.skip(8, "double"); return;
    case ThriftType::kBinary: read_binary(type, "binary"); return;
    case ThriftType::kList:
    case ThriftType::kSet: {
      ThriftList list = read_list(type, "list");
      enter();
      for (uint32_t i = 0; i < list.size; ++i) skip_value(list.element, true);
      leave();
      return;
    }
    case ThriftType::kMap: {
      uint64_t size = cursor_.uleb("map size");
      if (size == 0) return;
      uint8_t kv = cursor_.byte("map types");
      uint8_t k = kv >> 4, v = kv & 0x0F;
      if (k == 0 || v == 0 || !valid_type(k) || !valid_type(v)) error("map has unknown key or value type");
      if (size > cursor_.remaining()) error("map declares more entries than bytes remain");
      enter();
      for (uint64_t i = 0; i < size; ++i) {
        skip_value(static_cast<ThriftType>(k), true);
        skip_value(static_cast<ThriftType>(v), true);
      }
      leave();
      return;
    }
    case ThriftType::kStruct: {
      begin_struct();
      ThriftField f;
      while (next_field(f)) skip_value(f.type, false);
      end_struct();
      return;
    }
    case ThriftType::kStop: error("unexpected stop");
  }
}

}  // namespace tsum::parquet
