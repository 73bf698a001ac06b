#include "io/arrow/ipc/ipc_batch.h"

#include <cstring>
#include <string>

#include "io/arrow/ipc/ipc_body.h"
#include "io/arrow/ipc/ipc_schema.h"
#include "tsum/error.h"

namespace tsum::ipc {
namespace {

void release_root(ArrowArray* array) {
  delete static_cast<ArrayStorage*>(array->private_data);
  array->release = nullptr;
}

// Children are freed with the root; their release only marks them released.
void release_child(ArrowArray* array) { array->release = nullptr; }

// How many more elements than its body has bits an array may have (see Loader::load).
constexpr uint64_t kRowsWithoutData = uint64_t{1} << 24;

// True when `size` bytes hold `count` items of `width` bytes.
bool holds(size_t size, int64_t count, size_t width) {
  return count >= 0 && static_cast<uint64_t>(count) <= size / width;
}

// Walks the fields of one RecordBatch: one node per array, its buffers in order.
class Loader {
 public:
  Loader(const fb::RecordBatch& batch, const BodyInfo& info, const Dictionaries& dictionaries, ArrayStorage& storage)
      : batch_(batch), info_(info), body_(info.bytes, info.offset, batch, storage.owned),
        dictionaries_(dictionaries), storage_(storage) {}

  // The array of `field`; `values`: its dictionary's values rather than its indices.
  ArrowArray* load(const fb::Field& field, bool values) {
    const fb::FieldNode node = next_node(field);
    const int64_t length = node.length(), nulls = node.null_count();
    if (length < 0 || nulls < 0 || nulls > length) {
      fail(field, "has an array of " + std::to_string(length) + " elements with " + std::to_string(nulls) + " NULLs",
           info_.message_offset);
    }
    // Only arrays without data (the null type) can be longer than their body has bits;
    // beyond that slack a length is corrupt, not a table worth encoding row by row.
    if (static_cast<uint64_t>(length) > kRowsWithoutData + 8 * static_cast<uint64_t>(info_.bytes.size())) {
      fail(field, "has an array of " + std::to_string(length) + " elements in a body of " +
                      std::to_string(info_.bytes.size()) + " bytes", info_.message_offset);
    }
    ArrowArray* array = &storage_.nodes.emplace_back();
    *array = ArrowArray{};
    array->length = length;
    array->null_count = nulls;
    array->release = release_child;
    std::vector<const void*>& buffers = storage_.buffer_lists.emplace_back();
    const fb::DictionaryEncoding* dictionary = values ? nullptr : field.dictionary();
    if (dictionary) {
      buffers.push_back(validity(field, length, nulls));
      const fb::Int* index = dictionary->indexType();
      const int bits = index ? index->bitWidth() : 32;
      if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
        fail(field, "has dictionary indices of " + std::to_string(bits) + " bits", info_.message_offset);
      }
      buffers.push_back(fixed(field, length, static_cast<size_t>(bits / 8)));
      const auto found = dictionaries_.find(dictionary->id());
      if (found == dictionaries_.end()) {
        fail(field, "uses dictionary " + std::to_string(dictionary->id()) + ", which no dictionary batch before it defines",
             info_.message_offset);
      }
      storage_.dictionaries.push_back(found->second);
      array->dictionary = const_cast<ArrowArray*>(found->second->values);
    } else {
      load_value(field, *array, buffers);
    }
    array->n_buffers = static_cast<int64_t>(buffers.size());
    array->buffers = buffers.data();
    return array;
  }

  // Every node and buffer of the batch was used.
  void finish() {
    const size_t nodes = batch_.nodes() ? batch_.nodes()->size() : 0;
    if (node_ != nodes || buffer_ != body_.count()) {
      throw DataError(located("the record batch has " + std::to_string(nodes) + " arrays and " +
                                  std::to_string(body_.count()) + " buffers; its schema uses " + std::to_string(node_) +
                                  " and " + std::to_string(buffer_),
                              info_.message_offset));
    }
  }

 private:
  [[noreturn]] void fail(const fb::Field& field, const std::string& what, size_t at) {
    throw DataError(located("field '" + field_name(field) + "' " + what, at));
  }

  fb::FieldNode next_node(const fb::Field& field) {
    const size_t n = batch_.nodes() ? batch_.nodes()->size() : 0;
    if (node_ >= n) fail(field, "has no array: the record batch has only " + std::to_string(n), info_.message_offset);
    return element<fb::FieldNode>(*batch_.nodes(), node_++);
  }

  std::string_view next_buffer(const fb::Field& field, size_t& at) {
    if (buffer_ >= body_.count()) {
      fail(field, "is missing buffers: the record batch has only " + std::to_string(body_.count()), info_.message_offset);
    }
    at = body_.position(buffer_);
    return body_.buffer(buffer_++);
  }

  const void* validity(const fb::Field& field, int64_t length, int64_t nulls) {
    size_t at;
    const std::string_view bits = next_buffer(field, at);
    if (nulls == 0) return nullptr;
    if (bits.size() < (static_cast<uint64_t>(length) + 7) / 8) {
      fail(field, "has a validity bitmap of " + std::to_string(bits.size()) + " bytes for " + std::to_string(length) +
                      " elements", at);
    }
    return bits.data();
  }

  const void* fixed(const fb::Field& field, int64_t length, size_t width) {
    size_t at;
    const std::string_view values = next_buffer(field, at);
    if (!holds(values.size(), length, width)) {
      fail(field, "has " + std::to_string(values.size()) + " bytes of values for " + std::to_string(length) +
                      " elements of " + std::to_string(width) + " bytes", at);
    }
    return values.data();
  }

  // Offsets: length + 1 entries (none at all for an empty array), from 0 or more, never
  // backwards, the last at most `limit`; or limit < 0: read the limit from `data`.
  template <class Offset>
  const void* offsets(const fb::Field& field, int64_t length, int64_t limit, const char* unit) {
    size_t at;
    const std::string_view bytes = next_buffer(field, at);
    alignas(8) static const Offset kZero[1] = {0};
    if (length == 0 && bytes.size() < sizeof(Offset)) return kZero;
    if (static_cast<uint64_t>(length) >= bytes.size() / sizeof(Offset)) {  // length + 1 entries
      fail(field, "has " + std::to_string(bytes.size()) + " bytes of offsets for " + std::to_string(length) + " elements", at);
    }
    const Offset* o = reinterpret_cast<const Offset*>(bytes.data());
    if (o[0] < 0) fail(field, "has a negative first offset", at);
    for (int64_t i = 0; i < length; ++i) {
      if (o[i + 1] < o[i]) fail(field, "has offsets that go backwards at element " + std::to_string(i), at);
    }
    if (static_cast<int64_t>(o[length]) > limit) {
      fail(field, "has offsets that end at " + std::to_string(o[length]) + ", past its " + std::to_string(limit) + unit, at);
    }
    return bytes.data();
  }

  template <class Offset>
  void strings(const fb::Field& field, int64_t length, std::vector<const void*>& buffers) {
    // The offsets come before the data, but are checked against it: peek at the data first.
    const size_t offsets_index = buffers.size();
    buffers.push_back(nullptr);
    const size_t saved = buffer_;
    ++buffer_;
    size_t data_at;
    const std::string_view data = next_buffer(field, data_at);
    const size_t after = buffer_;
    buffer_ = saved;
    buffers[offsets_index] = offsets<Offset>(field, length, static_cast<int64_t>(data.size()), " bytes of data");
    buffer_ = after;
    buffers.push_back(data.data());
  }

  void views(const fb::Field& field, int64_t length, std::vector<const void*>& buffers) {
    buffers.push_back(fixed(field, length, 16));
    const auto* counts = batch_.variadicBufferCounts();
    if (!counts || variadic_ >= counts->size()) {
      fail(field, "is a view array without its count of data buffers", info_.message_offset);
    }
    const int64_t count = element<int64_t>(*counts, variadic_++);
    if (count < 0 || static_cast<uint64_t>(count) > body_.count() - buffer_) {
      fail(field, "claims " + std::to_string(count) + " data buffers, more than the record batch has", info_.message_offset);
    }
    std::vector<int64_t>& sizes = storage_.view_sizes.emplace_back();
    for (int64_t k = 0; k < count; ++k) {
      size_t at;
      const std::string_view data = next_buffer(field, at);
      buffers.push_back(data.data());
      sizes.push_back(static_cast<int64_t>(data.size()));
    }
    buffers.push_back(sizes.data());
  }

  // The child arrays, `expected` of them (0: as many as the field has).
  void children(const fb::Field& field, ArrowArray& array, size_t expected) {
    const auto* fields = field.children();
    const size_t n = fields ? fields->size() : 0;
    if (expected && n != expected) {
      fail(field, "has " + std::to_string(n) + " child fields, its type has " + std::to_string(expected), info_.message_offset);
    }
    if (n == 0) return;
    std::vector<ArrowArray*>& list = storage_.child_lists.emplace_back();
    for (const fb::Field* child : *fields) {
      if (!child) fail(field, "has a missing child field", info_.message_offset);
      list.push_back(load(*child, false));
    }
    array.n_children = static_cast<int64_t>(list.size());
    array.children = list.data();
  }

  void load_value(const fb::Field& field, ArrowArray& array, std::vector<const void*>& buffers) {
    const FieldLayout layout = layout_of(field);
    const int64_t length = array.length, nulls = array.null_count;
    switch (layout.layout) {
      case Layout::kNull:
        return;
      case Layout::kBits: {
        buffers.push_back(validity(field, length, nulls));
        size_t at;
        const std::string_view bits = next_buffer(field, at);
        if (bits.size() < (static_cast<uint64_t>(length) + 7) / 8) {
          fail(field, "has " + std::to_string(bits.size()) + " bytes of booleans for " + std::to_string(length) +
                          " elements", at);
        }
        buffers.push_back(bits.data());
        return;
      }
      case Layout::kFixed:
        buffers.push_back(validity(field, length, nulls));
        buffers.push_back(fixed(field, length, layout.width));
        return;
      case Layout::kOffsets32:
        buffers.push_back(validity(field, length, nulls));
        return strings<int32_t>(field, length, buffers);
      case Layout::kOffsets64:
        buffers.push_back(validity(field, length, nulls));
        return strings<int64_t>(field, length, buffers);
      case Layout::kView:
        buffers.push_back(validity(field, length, nulls));
        return views(field, length, buffers);
      case Layout::kList32:
      case Layout::kList64: {
        buffers.push_back(validity(field, length, nulls));
        // The child's length bounds the offsets; it comes after them: load it first.
        const size_t offsets_buffer = buffer_++;
        children(field, array, 1);
        const int64_t child_length = array.children[0]->length;
        const size_t after = buffer_;
        buffer_ = offsets_buffer;
        buffers.push_back(layout.layout == Layout::kList32 ? offsets<int32_t>(field, length, child_length, " child elements")
                                                           : offsets<int64_t>(field, length, child_length, " child elements"));
        buffer_ = after;
        return;
      }
      case Layout::kListView32:
      case Layout::kListView64:
        // Not read by tsum: bounds only.
        for (int k = 0; k < 3; ++k) buffers.push_back(k == 0 ? validity(field, length, nulls) : any_buffer(field));
        return children(field, array, 1);
      case Layout::kFixedList:
        buffers.push_back(validity(field, length, nulls));
        return children(field, array, 1);
      case Layout::kStruct:
        buffers.push_back(validity(field, length, nulls));
        return children(field, array, 0);
      case Layout::kSparseUnion:
      case Layout::kDenseUnion:
        if (info_.unions_have_validity) any_buffer(field);
        buffers.push_back(any_buffer(field));
        if (layout.layout == Layout::kDenseUnion) buffers.push_back(any_buffer(field));
        return children(field, array, 0);
      case Layout::kRunEnd:
        return children(field, array, 2);
    }
  }

  const void* any_buffer(const fb::Field& field) {
    size_t at;
    return next_buffer(field, at).data();
  }

  const fb::RecordBatch& batch_;
  const BodyInfo& info_;
  Body body_;
  const Dictionaries& dictionaries_;
  ArrayStorage& storage_;
  size_t node_ = 0;
  size_t buffer_ = 0;
  size_t variadic_ = 0;
};

}  // namespace

void load_record_batch(const fb::Schema& schema, const fb::RecordBatch& batch, const BodyInfo& body,
                       const Dictionaries& dictionaries, ArrowArray* out) {
  auto storage = std::make_unique<ArrayStorage>();
  Loader loader(batch, body, dictionaries, *storage);
  std::vector<ArrowArray*>& columns = storage->child_lists.emplace_back();
  if (const auto* fields = schema.fields()) {
    for (const fb::Field* field : *fields) columns.push_back(loader.load(*field, false));
  }
  loader.finish();
  // Each column has the batch's length (read_arrow checks the columns it reads); with no
  // column at all, nothing else bounds it.
  if (batch.length() < 0 || (columns.empty() && batch.length() > 0)) {
    throw DataError(located("the record batch has " + std::to_string(batch.length()) + " rows and no columns",
                            body.message_offset));
  }
  for (const ArrowArray* column : columns) {
    if (column->length != batch.length()) {
      throw DataError(located("the record batch has " + std::to_string(batch.length()) + " rows, one of its columns " +
                                  std::to_string(column->length), body.message_offset));
    }
  }
  std::vector<const void*>& validity = storage->buffer_lists.emplace_back(1, nullptr);
  *out = ArrowArray{};
  out->length = batch.length();
  out->n_buffers = 1;
  out->buffers = validity.data();
  out->n_children = static_cast<int64_t>(columns.size());
  out->children = columns.data();
  out->private_data = storage.release();
  out->release = release_root;
}

std::shared_ptr<const Dictionary> load_dictionary(const fb::Field& field, const fb::RecordBatch& batch,
                                                  const BodyInfo& body, const Dictionaries& dictionaries) {
  auto dictionary = std::make_shared<Dictionary>();
  Loader loader(batch, body, dictionaries, dictionary->storage);
  dictionary->values = loader.load(field, true);
  loader.finish();
  return dictionary;
}

}  // namespace tsum::ipc
