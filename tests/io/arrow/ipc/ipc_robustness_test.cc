// Damaged Arrow IPC data: every truncation of a small file and stream, and a few hundred
// deterministic byte flips per file (a second byte overwritten every third time), give a Table or a tsum::Error, never a crash or an
// out-of-bounds read (the ASan build runs this too). LZ4, ZSTD and uncompressed files and
// streams, views, dictionaries and nested columns, so that every check is reached.
#include <gtest/gtest.h>

#include <cstdint>

#include "io/arrow/ipc/ipc_test_util.h"

namespace tsum {
namespace {

using ipc_test::fixture;
using ipc_test::read_ipc;

// Reads, returning whether it succeeded; anything but a tsum::Error fails the test.
bool reads(const std::string& bytes) {
  try {
    read_ipc(bytes);
    return true;
  } catch (const Error&) {
    return false;
  }
}

TEST(IpcRobustness, EveryTruncation) {
  for (const char* name : {"primitives-lz4.arrow", "strings.arrows"}) {
    const std::string bytes = fixture(name);
    ASSERT_TRUE(reads(bytes)) << name;
    size_t read = 0;
    for (size_t n = 0; n < bytes.size(); ++n) read += reads(bytes.substr(0, n));
    // A stream cut between messages is a shorter stream; a file needs its footer.
    if (std::string(name).ends_with(".arrow")) EXPECT_EQ(read, 0u) << name;
    else EXPECT_GT(read, 0u) << name;
  }
}

TEST(IpcRobustness, ByteFlips) {
  for (const char* name : {"primitives-lz4.arrow", "strings.arrows", "nested.arrow", "strings-zstd.arrow",
                           "dictionary-replaced.arrows"}) {
    const std::string bytes = fixture(name);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    size_t failed = 0;
    for (int k = 0; k < 300; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;  // a fixed LCG
      std::string damaged = bytes;
      const size_t at = static_cast<size_t>(state >> 33) % damaged.size();
      damaged[at] = static_cast<char>(damaged[at] ^ static_cast<char>(1 + (state >> 20) % 255));
      if (k % 3 == 0) damaged[static_cast<size_t>(state >> 7) % damaged.size()] = static_cast<char>(state >> 40);
      failed += !reads(damaged);
    }
    EXPECT_GT(failed, 0u) << name;  // the flips do reach checked bytes
  }
}

}  // namespace
}  // namespace tsum
