// The buffers of one Arrow IPC message body (a record batch's or a dictionary batch's).
//
// A RecordBatch lists its buffers as (offset, length) ranges of the body. Each must lie
// inside the body. When the batch has a BodyCompression, every non-empty buffer is an
// int64 uncompressed length (-1: the bytes follow uncompressed) and then the LZ4 frame or
// ZSTD data, decompressed here into storage the caller keeps alive. A buffer that is not
// 8-byte aligned in memory is copied, so that the readers may load offsets and values in
// place. An empty buffer is a pointer to static zeros, never null.
//
// Errors are DataError "<what> at byte N" (N from the start of the data); the caller
// adds the input's name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "arrow_ipc_generated.h"

namespace tsum::ipc {

// "<what> at byte <at>".
std::string located(const std::string& what, size_t at);

// Element `i` of a verified flatbuffers vector of structs or scalars, copied out: the
// Verifier checks the alignment of a vector's length, not of its 8-byte elements, so
// reading them in place could be a misaligned load.
template <class T, class Vector>
T element(const Vector& vector, size_t i) {
  T out;
  std::memcpy(&out, vector.Data() + i * sizeof(T), sizeof(T));
  return out;
}

class Body {
 public:
  // `owned` receives decompressed and realigned buffers; it must outlive their use.
  Body(std::string_view body, size_t body_offset, const fb::RecordBatch& batch,
       std::deque<std::unique_ptr<uint64_t[]>>& owned);

  size_t count() const { return buffers_ ? buffers_->size() : 0; }
  // Buffer `i` (i < count()), ready to read.
  std::string_view buffer(size_t i);
  // Where buffer `i` starts in the data (for messages).
  size_t position(size_t i) const;

 private:
  std::string_view body_;
  size_t body_offset_;
  const flatbuffers::Vector<const fb::Buffer*>* buffers_;
  int codec_ = -1;  // -1: uncompressed; else the fb::CompressionType
  std::deque<std::unique_ptr<uint64_t[]>>& owned_;
};

}  // namespace tsum::ipc
