#include "io/parquet/parquet_decompress.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "io/parquet/parquet_error.h"

namespace tsum::parquet {

namespace {

[[noreturn]] void failed(Codec codec, const std::string& why) {
  fail(name(codec) + " decompression failed: " + why);
}

void check_size(Codec codec, size_t got, size_t want) {
  if (got != want) {
    failed(codec, "the data decompresses to " + std::to_string(got) + " bytes, the page header says " +
                      std::to_string(want));
  }
}

// How much each codec can expand its input at most (deflate ~1032:1; snappy ~21:1, a
// 3-byte copy of 64 bytes; zstd 32768:1, a 4-byte RLE block of 128 KiB). A page header
// claiming more is corrupt, and is refused before its buffer is allocated.
constexpr size_t kMaxDeflateRatio = 1040;
constexpr size_t kMaxSnappyRatio = 22;
constexpr size_t kMaxZstdRatio = 32768;

[[noreturn]] void claims_too_much(Codec codec, size_t size, size_t from) {
  failed(codec, "the page header claims " + std::to_string(size) + " bytes from " + std::to_string(from));
}

}  // namespace

bool codec_supported(Codec codec) {
  return codec == Codec::kUncompressed || codec == Codec::kSnappy || codec == Codec::kGzip || codec == Codec::kZstd;
}

Decompressor::Decompressor() = default;

Decompressor::~Decompressor() {
  if (zstd_) ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(zstd_));
}

std::string_view Decompressor::decompress(Codec codec, std::string_view in, size_t size, Buffer& out) {
  if (size == 0 && in.empty() && codec_supported(codec)) return {};  // e.g. a v2 page of NULLs only
  switch (codec) {
    case Codec::kUncompressed:
      check_size(codec, in.size(), size);
      return in;
    case Codec::kSnappy: {
      if (size > (in.size() + 16) * kMaxSnappyRatio) claims_too_much(codec, size, in.size());
      size_t length = 0;
      if (snappy_uncompressed_length(in.data(), in.size(), &length) != SNAPPY_OK) failed(codec, "corrupt data");
      check_size(codec, length, size);
      char* dst = out.resize(size);
      size_t got = size;
      if (snappy_uncompress(in.data(), in.size(), dst, &got) != SNAPPY_OK) failed(codec, "corrupt data");
      check_size(codec, got, size);
      return out.view();
    }
    case Codec::kGzip: {
      if (size > (in.size() + 64) * kMaxDeflateRatio) claims_too_much(codec, size, in.size());
      char* dst = out.resize(size);
      z_stream zs{};
      if (inflateInit2(&zs, 15 + 32) != Z_OK) failed(codec, "cannot initialise zlib");
      // Page sizes are int32 in the format, so both fit zlib's uInt counters.
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      zs.avail_in = static_cast<uInt>(in.size());
      zs.next_out = reinterpret_cast<Bytef*>(dst);
      zs.avail_out = static_cast<uInt>(size);
      int rc;
      while (true) {
        rc = inflate(&zs, Z_FINISH);
        // Concatenated gzip members: go on while input and room remain.
        if (rc == Z_STREAM_END && zs.avail_in > 0 && zs.avail_out > 0 && inflateReset(&zs) == Z_OK) continue;
        break;
      }
      const std::string msg = zs.msg ? zs.msg : "";
      const bool out_full = zs.avail_out == 0, in_empty = zs.avail_in == 0;
      const size_t got = size - zs.avail_out;
      inflateEnd(&zs);
      if (rc != Z_STREAM_END) {
        if (rc == Z_BUF_ERROR && out_full) {
          failed(codec, "the data decompresses to more than the " + std::to_string(size) + " bytes the page header says");
        }
        if (rc == Z_BUF_ERROR && in_empty) failed(codec, "truncated data");
        failed(codec, msg.empty() ? "corrupt data (zlib error " + std::to_string(rc) + ")" : msg);
      }
      check_size(codec, got, size);
      return out.view();
    }
    case Codec::kZstd: {
      if (size > (in.size() + 16) * kMaxZstdRatio) claims_too_much(codec, size, in.size());
      const unsigned long long content = ZSTD_getFrameContentSize(in.data(), in.size());
      if (content == ZSTD_CONTENTSIZE_ERROR) failed(codec, "not a ZSTD frame");
      if (content != ZSTD_CONTENTSIZE_UNKNOWN && content > size) check_size(codec, static_cast<size_t>(content), size);
      if (!zstd_) {
        zstd_ = ZSTD_createDCtx();
        if (!zstd_) failed(codec, "cannot allocate a context");
      }
      char* dst = out.resize(size);
      const size_t got = ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(zstd_), dst, size, in.data(), in.size());
      if (ZSTD_isError(got)) failed(codec, ZSTD_getErrorName(got));
      check_size(codec, got, size);
      return out.view();
    }
    default:
      fail("unsupported compression codec " + name(codec) + " (tsum reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD)");
  }
}

}  // namespace tsum::parquet
