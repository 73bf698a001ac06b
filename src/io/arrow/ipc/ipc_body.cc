#include "io/arrow/ipc/ipc_body.h"

#include <lz4frame.h>
#include <zstd.h>

#include <cstring>

#include "tsum/error.h"

namespace tsum::ipc {
namespace {

// What an empty buffer points to.
alignas(64) const uint8_t kEmpty[64] = {};

// How much each codec can expand its input at most (LZ4: a 255:1 run, plus framing;
// ZSTD: 32768:1, a 4-byte RLE block of 128 KiB). A buffer claiming more is corrupt and is
// refused before its storage is allocated.
constexpr uint64_t kMaxLz4Ratio = 256;
constexpr uint64_t kMaxZstdRatio = 32768;

}  // namespace

std::string located(const std::string& what, size_t at) { return what + " at byte " + std::to_string(at); }

Body::Body(std::string_view body, size_t body_offset, const fb::RecordBatch& batch,
           std::deque<std::unique_ptr<uint64_t[]>>& owned)
    : body_(body), body_offset_(body_offset), buffers_(batch.buffers()), owned_(owned) {
  if (const fb::BodyCompression* compression = batch.compression()) {
    if (compression->method() != fb::BodyCompressionMethod::BUFFER) {
      throw DataError(located("a record batch uses an unknown body compression method", body_offset));
    }
    const fb::CompressionType codec = compression->codec();
    if (codec != fb::CompressionType::LZ4_FRAME && codec != fb::CompressionType::ZSTD) {
      throw DataError(located("a record batch uses an unknown compression codec " +
                                  std::to_string(static_cast<int>(codec)),
                              body_offset));
    }
    codec_ = static_cast<int>(codec);
  }
}

size_t Body::position(size_t i) const {
  const int64_t offset = element<fb::Buffer>(*buffers_, i).offset();
  return offset >= 0 && static_cast<uint64_t>(offset) <= body_.size() ? body_offset_ + static_cast<size_t>(offset)
                                                                       : body_offset_;
}

std::string_view Body::buffer(size_t i) {
  const fb::Buffer b = element<fb::Buffer>(*buffers_, i);
  const int64_t offset = b.offset(), length = b.length();
  if (offset < 0 || length < 0 || static_cast<uint64_t>(offset) > body_.size() ||
      static_cast<uint64_t>(length) > body_.size() - static_cast<uint64_t>(offset)) {
    throw DataError(located("buffer " + std::to_string(i) + " (" + std::to_string(length) + " bytes from body offset " +
                                std::to_string(offset) + ") lies outside its message body of " +
                                std::to_string(body_.size()) + " bytes",
                            body_offset_));
  }
  const auto empty = [] { return std::string_view(reinterpret_cast<const char*>(kEmpty), 0); };
  if (length == 0) return empty();
  std::string_view bytes = body_.substr(static_cast<size_t>(offset), static_cast<size_t>(length));
  const size_t at = body_offset_ + static_cast<size_t>(offset);
  if (codec_ >= 0) {
    if (bytes.size() < 8) {
      throw DataError(located("compressed buffer " + std::to_string(i) + " is shorter than its 8-byte length", at));
    }
    int64_t size;
    std::memcpy(&size, bytes.data(), 8);
    bytes.remove_prefix(8);
    if (size == 0) return empty();
    if (size != -1) {
      const bool lz4 = codec_ == static_cast<int>(fb::CompressionType::LZ4_FRAME);
      const char* name = lz4 ? "LZ4" : "ZSTD";
      const uint64_t most = (bytes.size() + 64) * (lz4 ? kMaxLz4Ratio : kMaxZstdRatio);
      if (size < 0 || static_cast<uint64_t>(size) > most) {
        throw DataError(located(std::string(name) + " buffer " + std::to_string(i) + " claims " + std::to_string(size) +
                                    " bytes from " + std::to_string(bytes.size()),
                                at));
      }
      const size_t n = static_cast<size_t>(size);
      std::unique_ptr<uint64_t[]>& out = owned_.emplace_back(new uint64_t[(n + 7) / 8]);
      char* dst = reinterpret_cast<char*>(out.get());
      size_t got = 0;
      std::string problem;
      if (lz4) {
        LZ4F_dctx* context = nullptr;
        if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) throw std::bad_alloc();
        size_t in_left = bytes.size(), in_done = 0;
        size_t hint = 1;
        while (hint != 0 && in_done < bytes.size()) {
          size_t dst_size = n - got, src_size = in_left;
          hint = LZ4F_decompress(context, dst + got, &dst_size, bytes.data() + in_done, &src_size, nullptr);
          if (LZ4F_isError(hint)) {
            problem = LZ4F_getErrorName(hint);
            break;
          }
          got += dst_size;
          in_done += src_size;
          in_left -= src_size;
          if (dst_size == 0 && src_size == 0) break;  // no progress: the output is full
        }
        if (problem.empty() && hint != 0) problem = "the frame is incomplete";
        LZ4F_freeDecompressionContext(context);
      } else {
        const size_t r = ZSTD_decompress(dst, n, bytes.data(), bytes.size());
        if (ZSTD_isError(r)) problem = ZSTD_getErrorName(r);
        else got = r;
      }
      if (problem.empty() && got != n) {
        problem = "the data decompresses to " + std::to_string(got) + " bytes, its length says " + std::to_string(n);
      }
      if (!problem.empty()) {
        throw DataError(
            located(std::string(name) + " decompression of buffer " + std::to_string(i) + " failed: " + problem, at));
      }
      return {dst, n};
    }
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {
    std::unique_ptr<uint64_t[]>& copy = owned_.emplace_back(new uint64_t[(bytes.size() + 7) / 8]);
    std::memcpy(copy.get(), bytes.data(), bytes.size());
    return {reinterpret_cast<const char*>(copy.get()), bytes.size()};
  }
  return bytes;
}

}  // namespace tsum::ipc
