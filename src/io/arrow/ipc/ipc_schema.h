// Arrow IPC schema fields -> the C data interface's ArrowSchema, and the physical layout
// the batch reader (ipc_batch.h) walks for each field.
//
// A field's type becomes its C data interface format string (int64 -> "l", utf8 -> "u",
// timestamp[ms, tz] -> "tsm:tz", dense union -> "+ud:0,1", ...), every type of the IPC
// format included: read_arrow decides what tsum can summarize and names the rest in its
// usual error, so nested and exotic columns are described here, not refused. A
// dictionary-encoded field is its index type with the value type as its dictionary; the
// field's custom metadata is carried over (it marks extension types).
//
// Errors are DataError with a message naming the field and no input; the caller adds the
// input and byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "arrow_ipc_generated.h"
#include "tsum/arrow.h"

namespace tsum::ipc {

// How a field's arrays are laid out in a record batch, after its node: which buffers
// follow and how many child arrays.
enum class Layout : uint8_t {
  kNull,         // no buffers
  kBits,         // validity, bit-packed values (bool)
  kFixed,        // validity, `width` bytes per value
  kOffsets32,    // validity, int32 offsets, data (binary, utf8)
  kOffsets64,    // validity, int64 offsets, data (large_*)
  kView,         // validity, 16-byte views, then the variadic data buffers
  kList32,       // validity, int32 offsets; one child (list, map)
  kList64,       // validity, int64 offsets; one child
  kListView32,   // validity, int32 offsets, int32 sizes; one child
  kListView64,   // validity, int64 offsets, int64 sizes; one child
  kFixedList,    // validity; one child
  kStruct,       // validity; the children
  kSparseUnion,  // type ids; the children
  kDenseUnion,   // type ids, int32 offsets; the children
  kRunEnd,       // no buffers; two children (run ends, values)
};

struct FieldLayout {
  Layout layout = Layout::kNull;
  size_t width = 0;  // kFixed: bytes per value
};

// The layout of the field's value type (of its dictionary's values, when encoded).
FieldLayout layout_of(const fb::Field& field);

// Fills `out` with the fields as a struct ("+s") schema whose root's release frees it.
void export_schema(const fb::Schema& schema, ArrowSchema* out);

// A field's name for messages ("" when it has none).
std::string field_name(const fb::Field& field);

}  // namespace tsum::ipc
