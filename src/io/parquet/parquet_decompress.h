// Page decompression: UNCOMPRESSED, SNAPPY (libsnappy), GZIP (zlib; gzip or zlib
// framing) and ZSTD (libzstd). Other codecs (LZO, BROTLI, LZ4, LZ4_RAW) are reported as
// "unsupported compression codec <NAME>".
//
// The output must be exactly the page header's uncompressed size; otherwise, or when the
// codec rejects the data, DecodeError "<CODEC> decompression failed: <reason>".
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "io/parquet/parquet_format.h"

namespace tsum::parquet {

// A growable byte buffer that does not zero what it allocates.
class Buffer {
 public:
  char* resize(size_t n) {
    if (n > capacity_) {
      size_t cap = std::max(n, capacity_ + capacity_ / 2);
      data_.reset(new char[cap]);
      capacity_ = cap;
    }
    size_ = n;
    return data_.get();
  }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

// True for the codecs tsum can decompress.
bool codec_supported(Codec codec);

// One per thread of work (it keeps a ZSTD context).
class Decompressor {
 public:
  Decompressor();
  ~Decompressor();
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Decompresses `in` into `out` and returns the bytes (in itself when UNCOMPRESSED).
  std::string_view decompress(Codec codec, std::string_view in, size_t uncompressed_size, Buffer& out);

 private:
  void* zstd_ = nullptr;  // ZSTD_DCtx
};

}  // namespace tsum::parquet
