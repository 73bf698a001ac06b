#include "io/compressed_input.h"

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <climits>

#include "io/memory_limit.h"
#include "tsum/error.h"

namespace tsum {
namespace {

constexpr size_t kBlock = size_t{1} << 20;            // output grown by this much at a time
constexpr size_t kCheckEvery = size_t{16} << 20;      // memory limit checked this often

[[noreturn]] void corrupt(const std::string& name, Compression kind, const std::string& why) {
  throw DataError(name + ": corrupt or truncated " + compression_name(kind) + " data (" + why + ")");
}

// Grows `out` by a block and returns the free space; checks the limit now and then.
struct Output {
  std::string& out;
  size_t used = 0;
  size_t next_check = kCheckEvery;
  const std::string& name;
  const MemoryLimit* limit;

  char* room(size_t& size) {
    if (limit && used >= next_check) {
      limit->check(name, "after decompressing " + MemoryLimit::describe(used) + " of it");
      next_check = used + kCheckEvery;
    }
    if (out.size() - used < kBlock / 2) out.resize(out.size() + kBlock);
    size = out.size() - used;
    return out.data() + used;
  }
};

void gunzip(std::string_view in, Output& o) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw DataError(o.name + ": cannot start gzip decompression");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  size_t left = in.size();
  for (;;) {
    const uInt feed = static_cast<uInt>(std::min<size_t>(left, UINT_MAX));
    z.avail_in = feed;
    size_t size = 0;
    char* at = o.room(size);
    z.next_out = reinterpret_cast<Bytef*>(at);
    z.avail_out = static_cast<uInt>(std::min<size_t>(size, UINT_MAX));
    const uInt before_out = z.avail_out;
    int rc = inflate(&z, Z_NO_FLUSH);
    left -= feed - z.avail_in;
    o.used += before_out - z.avail_out;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (cat a.gz b.gz); trailing zeros are padding.
      const char* rest = reinterpret_cast<const char*>(z.next_in);
      if (left == 0 || std::all_of(rest, rest + left, [](char c) { return c == 0; })) break;
      inflateReset(&z);
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      std::string why = z.msg ? z.msg : "error " + std::to_string(rc);
      inflateEnd(&z);
      corrupt(o.name, Compression::kGzip, why);
    }
    if (rc == Z_BUF_ERROR && left == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      corrupt(o.name, Compression::kGzip, "unexpected end of data");
    }
  }
  inflateEnd(&z);
}

void unzstd(std::string_view in, Output& o) {
  ZSTD_DStream* z = ZSTD_createDStream();
  if (!z) throw DataError(o.name + ": cannot start zstd decompression");
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  size_t last = 0;
  while (input.pos < input.size) {
    size_t size = 0;
    char* at = o.room(size);
    ZSTD_outBuffer output{at, size, 0};
    last = ZSTD_decompressStream(z, &output, &input);
    o.used += output.pos;
    if (ZSTD_isError(last)) {
      std::string why = ZSTD_getErrorName(last);
      ZSTD_freeDStream(z);
      corrupt(o.name, Compression::kZstd, why);
    }
  }
  // Flush what the frame still holds.
  while (last != 0) {
    size_t size = 0;
    char* at = o.room(size);
    ZSTD_outBuffer output{at, size, 0};
    last = ZSTD_decompressStream(z, &output, &input);
    o.used += output.pos;
    if (ZSTD_isError(last) || (output.pos == 0 && last != 0)) {
      ZSTD_freeDStream(z);
      corrupt(o.name, Compression::kZstd, "unexpected end of data");
    }
  }
  ZSTD_freeDStream(z);
}

void bunzip2(std::string_view in, Output& o) {
  size_t offset = 0;
  while (offset < in.size()) {  // one bzip2 stream after another (pbzip2, cat)
    bz_stream z{};
    if (BZ2_bzDecompressInit(&z, 0, 0) != BZ_OK) throw DataError(o.name + ": cannot start bzip2 decompression");
    z.next_in = const_cast<char*>(in.data() + offset);
    int rc = BZ_OK;
    while (rc != BZ_STREAM_END) {
      const size_t left = in.size() - offset;
      const unsigned feed = static_cast<unsigned>(std::min<size_t>(left, UINT_MAX));
      z.avail_in = feed;
      size_t size = 0;
      z.next_out = o.room(size);
      z.avail_out = static_cast<unsigned>(std::min<size_t>(size, UINT_MAX));
      const unsigned before_out = z.avail_out;
      rc = BZ2_bzDecompress(&z);
      offset += feed - z.avail_in;
      o.used += before_out - z.avail_out;
      if (rc != BZ_OK && rc != BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&z);
        corrupt(o.name, Compression::kBzip2,
                rc == BZ_DATA_ERROR_MAGIC ? "bad stream header"
                : rc == BZ_DATA_ERROR ? "data integrity error"
                : rc == BZ_MEM_ERROR ? "out of memory"
                                     : "error " + std::to_string(rc));
      }
      if (rc == BZ_OK && offset == in.size() && z.avail_out != 0) {
        BZ2_bzDecompressEnd(&z);
        corrupt(o.name, Compression::kBzip2, "unexpected end of data");
      }
    }
    BZ2_bzDecompressEnd(&z);
    if (detect_compression(in.substr(offset)) != Compression::kBzip2) break;
  }
}

void unxz(std::string_view in, Output& o) {
  lzma_stream z = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&z, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    throw DataError(o.name + ": cannot start xz decompression");
  }
  z.next_in = reinterpret_cast<const uint8_t*>(in.data());
  z.avail_in = in.size();
  for (;;) {
    size_t size = 0;
    z.next_out = reinterpret_cast<uint8_t*>(o.room(size));
    z.avail_out = size;
    const lzma_ret rc = lzma_code(&z, z.avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
    o.used += size - z.avail_out;
    if (rc == LZMA_STREAM_END) break;
    if (rc != LZMA_OK) {
      lzma_end(&z);
      corrupt(o.name, Compression::kXz,
              rc == LZMA_BUF_ERROR ? "unexpected end of data"
              : rc == LZMA_FORMAT_ERROR ? "not in the xz format"
              : rc == LZMA_OPTIONS_ERROR ? "unsupported stream options"
              : rc == LZMA_DATA_ERROR ? "data integrity error"
              : rc == LZMA_MEM_ERROR ? "out of memory"
                                      : "error " + std::to_string(rc));
    }
  }
  lzma_end(&z);
}

}  // namespace

Compression detect_compression(std::string_view b) {
  if (b.starts_with("\x1f\x8b")) return Compression::kGzip;
  if (b.starts_with("\x28\xb5\x2f\xfd")) return Compression::kZstd;
  if (b.size() >= 4 && b.starts_with("BZh") && b[3] >= '1' && b[3] <= '9') return Compression::kBzip2;
  if (b.starts_with(std::string_view("\xfd" "7zXZ\0", 6))) return Compression::kXz;
  return Compression::kNone;
}

const char* compression_name(Compression kind) {
  switch (kind) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kBzip2: return "bzip2";
    case Compression::kXz: return "xz";
    case Compression::kNone: break;
  }
  return "uncompressed";
}

std::string without_compression_suffix(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  const size_t slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path;
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {"gz", "gzip", "zst", "zstd", "bz2", "xz"}) {
    if (ext == known) return path.substr(0, dot);
  }
  return path;
}

std::string decompress(std::string_view bytes, Compression kind, const std::string& name, const MemoryLimit* limit) {
  std::string out;
  Output o{out, 0, kCheckEvery, name, limit};
  switch (kind) {
    case Compression::kGzip: gunzip(bytes, o); break;
    case Compression::kZstd: unzstd(bytes, o); break;
    case Compression::kBzip2: bunzip2(bytes, o); break;
    case Compression::kXz: unxz(bytes, o); break;
    case Compression::kNone: return std::string(bytes);
  }
  out.resize(o.used);
  out.shrink_to_fit();
  return out;
}

}  // namespace tsum
