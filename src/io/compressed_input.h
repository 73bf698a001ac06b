// Compressed inputs: gzip, zstd, bzip2 and xz files are decompressed in memory before
// they are read, whatever their name (data.csv.gz, events.jsonl.zst, or a compressed
// file with no telling extension): the compression is recognised by the magic bytes at
// the start, and the format underneath by the name without its compression suffix, else
// sniffed from the decompressed bytes. Decompression uses the Debian libraries (zlib,
// libzstd, libbz2, liblzma); concatenated members/frames/streams are read to the end.
#pragma once

#include <string>
#include <string_view>

namespace tsum {

class MemoryLimit;

enum class Compression { kNone, kGzip, kZstd, kBzip2, kXz };

// The compression the bytes start with: gzip 1f 8b, zstd 28 b5 2f fd, bzip2 "BZh" and a
// block size digit, xz fd 37 7a 58 5a 00.
Compression detect_compression(std::string_view bytes);

// "gzip", "zstd", "bzip2", "xz".
const char* compression_name(Compression kind);

// The path without a compression suffix (.gz, .gzip, .zst, .zstd, .bz2, .xz, any case).
std::string without_compression_suffix(const std::string& path);

// The decompressed bytes. Throws DataError "<name>: corrupt or truncated <kind> data
// (<library's reason>)" for bad data, and MemoryLimit's error when the output outgrows
// `limit` (checked every 16 MiB).
std::string decompress(std::string_view bytes, Compression kind, const std::string& name, const MemoryLimit* limit);

}  // namespace tsum
