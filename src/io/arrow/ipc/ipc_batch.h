// Arrow IPC record batches -> ArrowArray trees for read_arrow, checked first.
//
// The C data interface carries no buffer sizes, and read_arrow trusts its producer for
// them; an IPC file is untrusted. So before an array is handed over, everything
// read_arrow may read is checked against the bytes that are really there: each buffer
// lies inside the message body; a validity bitmap covers the array when it has NULLs;
// fixed-width values, bits and views cover its length; offsets are length + 1 entries
// that start at 0 or more, never go backwards and end inside the data (or the child
// array); each field has its node and buffers, and the batch has no more than its schema
// needs; dictionaries exist before they are used. View arrays get the C interface's
// trailing buffer of data-buffer sizes, from the real sizes, which read_arrow checks each
// view against. Arrays of types read_arrow refuses (unions, run-end encoded, list views,
// ...) are walked for their nodes and buffers, so that the fields after them line up,
// and their buffers are bounds-checked, but their contents are never read.
//
// Buffers point into the input's bytes, or into storage the array owns (decompressed
// or realigned buffers, ipc_body.h). Errors are DataError "<what> at byte N".
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "arrow_ipc_generated.h"
#include "tsum/arrow.h"

namespace tsum::ipc {

struct Dictionary;

// Everything one ArrowArray tree points to.
struct ArrayStorage {
  std::deque<ArrowArray> nodes;
  std::deque<std::vector<const void*>> buffer_lists;
  std::deque<std::vector<ArrowArray*>> child_lists;
  std::deque<std::vector<int64_t>> view_sizes;
  std::deque<std::unique_ptr<uint64_t[]>> owned;
  std::vector<std::shared_ptr<const Dictionary>> dictionaries;  // the ones the tree uses
};

// The values of one dictionary batch.
struct Dictionary {
  ArrayStorage storage;
  const ArrowArray* values = nullptr;
};

using Dictionaries = std::map<int64_t, std::shared_ptr<const Dictionary>>;

// Where a message's body is and how its metadata reads it.
struct BodyInfo {
  std::string_view bytes;
  size_t offset = 0;          // of the body in the data
  size_t message_offset = 0;  // of the message in the data
  bool unions_have_validity = false;  // metadata before V5: union arrays start with a validity buffer
};

// Fills `out` with the record batch as a struct array of the schema's fields; the root's
// release frees everything (dictionaries are shared with later batches).
void load_record_batch(const fb::Schema& schema, const fb::RecordBatch& batch, const BodyInfo& body,
                       const Dictionaries& dictionaries, ArrowArray* out);

// The values of a dictionary batch whose field is `field` (its value type).
std::shared_ptr<const Dictionary> load_dictionary(const fb::Field& field, const fb::RecordBatch& batch,
                                                  const BodyInfo& body, const Dictionaries& dictionaries);

}  // namespace tsum::ipc
