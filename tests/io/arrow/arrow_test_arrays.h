// Hand-made Arrow C data for the Arrow reader's tests: schemas, arrays and streams laid
// out by hand from the C data interface specification, so the tests do not depend on
// any Arrow library. An Arrays object owns all the memory; the release callbacks it
// installs only mark the struct released and count the call, so a test can check that
// the reader releases everything exactly once.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tsum/arrow.h"

namespace tsum::arrow_test {

using Bytes = std::vector<uint8_t>;

template <class T>
Bytes bytes_of(const std::vector<T>& values) {
  Bytes out(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

// A validity (or boolean) bitmap, least significant bit first.
inline Bytes bits_of(const std::vector<bool>& bits) {
  Bytes out((bits.size() + 7) / 8 + 8, 0);  // + padding, as producers leave
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) out[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  return out;
}

class Arrays {
 public:
  int schema_releases = 0;
  int array_releases = 0;

  ArrowSchema* schema(const std::string& format, const std::string& name = "", std::vector<ArrowSchema*> children = {},
                      ArrowSchema* dictionary = nullptr, const std::string& metadata = "") {
    ArrowSchema& s = schemas_.emplace_back();
    s.format = strings_.emplace_back(format).c_str();
    s.name = strings_.emplace_back(name).c_str();
    s.metadata = metadata.empty() ? nullptr : strings_.emplace_back(metadata).data();
    s.flags = ARROW_FLAG_NULLABLE;
    s.n_children = static_cast<int64_t>(children.size());
    s.children = children_of(children);
    s.dictionary = dictionary;
    s.release = [](ArrowSchema* p) {
      static_cast<Arrays*>(p->private_data)->schema_releases++;
      p->release = nullptr;
    };
    s.private_data = this;
    return &s;
  }

  // Buffers in order; an empty Bytes is a null pointer (an absent validity bitmap).
  ArrowArray* array(int64_t length, int64_t null_count, int64_t offset, std::vector<Bytes> buffers,
                    std::vector<ArrowArray*> children = {}, ArrowArray* dictionary = nullptr) {
    ArrowArray& a = arrays_.emplace_back();
    a.length = length;
    a.null_count = null_count;
    a.offset = offset;
    a.n_buffers = static_cast<int64_t>(buffers.size());
    std::vector<const void*>& pointers = pointer_lists_.emplace_back();
    for (Bytes& b : buffers) {
      if (b.empty()) {
        pointers.push_back(nullptr);
        continue;
      }
      b.resize(b.size() + 16, 0);  // 16 readable bytes past the end, as Arrow allocations have
      pointers.push_back(buffers_.emplace_back(std::move(b)).data());
    }
    a.buffers = pointers.data();
    std::vector<ArrowArray*>& kids = child_lists_.emplace_back(children);
    a.n_children = static_cast<int64_t>(children.size());
    a.children = kids.data();
    a.dictionary = dictionary;
    a.release = [](ArrowArray* p) {
      static_cast<Arrays*>(p->private_data)->array_releases++;
      p->release = nullptr;
    };
    a.private_data = this;
    return &a;
  }

  // A utf8 ("u") array of these cells (nullopt = NULL).
  ArrowArray* strings(const std::vector<std::optional<std::string>>& cells) {
    std::vector<int32_t> offsets{0};
    std::string data;
    std::vector<bool> valid;
    int64_t nulls = 0;
    for (const auto& c : cells) {
      if (c) data += *c;
      else ++nulls;
      valid.push_back(c.has_value());
      offsets.push_back(static_cast<int32_t>(data.size()));
    }
    return array(static_cast<int64_t>(cells.size()), nulls, 0,
                 {nulls ? bits_of(valid) : Bytes{}, bytes_of(offsets), Bytes(data.begin(), data.end())});
  }

  // A fixed-width array of these values (all valid).
  template <class T>
  ArrowArray* values(const std::vector<T>& v) {
    return array(static_cast<int64_t>(v.size()), 0, 0, {Bytes{}, bytes_of(v)});
  }

  // A record batch (struct array) of these columns.
  ArrowArray* batch(std::vector<ArrowArray*> columns) {
    const int64_t length = columns.empty() ? 0 : columns[0]->length;
    return array(length, 0, 0, {Bytes{}}, std::move(columns));
  }

 private:
  ArrowSchema** children_of(const std::vector<ArrowSchema*>& children) {
    return schema_lists_.emplace_back(children).data();
  }

  std::deque<ArrowSchema> schemas_;
  std::deque<ArrowArray> arrays_;
  std::deque<std::string> strings_;
  std::deque<Bytes> buffers_;
  std::deque<std::vector<const void*>> pointer_lists_;
  std::deque<std::vector<ArrowArray*>> child_lists_;
  std::deque<std::vector<ArrowSchema*>> schema_lists_;
};

// A stream over a schema and batches (moved out one by one); fails with `error` instead
// of returning batch `fail_at` when set.
struct TestStream {
  TestStream(ArrowSchema* s, std::vector<ArrowArray*> b) : schema(s), batches(std::move(b)) {}
  ArrowSchema* schema = nullptr;
  std::vector<ArrowArray*> batches;
  std::optional<size_t> fail_at;
  std::string error = "producer exploded";
  size_t next = 0;
  int releases = 0;

  ArrowArrayStream make() {
    ArrowArrayStream s{};
    s.get_schema = [](ArrowArrayStream* self, ArrowSchema* out) {
      *out = *static_cast<TestStream*>(self->private_data)->schema;
      return 0;
    };
    s.get_next = [](ArrowArrayStream* self, ArrowArray* out) {
      auto* t = static_cast<TestStream*>(self->private_data);
      if (t->fail_at && t->next == *t->fail_at) return 5;  // EIO
      if (t->next == t->batches.size()) {
        out->release = nullptr;
        return 0;
      }
      *out = *t->batches[t->next++];
      return 0;
    };
    s.get_last_error = [](ArrowArrayStream* self) { return static_cast<TestStream*>(self->private_data)->error.c_str(); };
    s.release = [](ArrowArrayStream* self) {
      static_cast<TestStream*>(self->private_data)->releases++;
      self->release = nullptr;
    };
    s.private_data = this;
    return s;
  }
};

}  // namespace tsum::arrow_test
