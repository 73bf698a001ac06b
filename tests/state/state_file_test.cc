// The state file layout: a round trip keeps rows and metadata, and damaged files (random
// bytes changed and the checksum recomputed, so that the structure checks are reached, or
// cut short) are refused with a DataError, never read out of bounds (run under ASan by
// `make test-asan`).
#include "state/state_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "tsum/error.h"

namespace tsum {
namespace {

StateStore sample_store() {
  StateStore store;
  store.set_columns({"id", "name", "score"});
  store.set_key_name("id");
  store.resolve_key();
  store.table_name = "public.person";
  store.position = SourcePosition{7, 9};
  for (int i = 300; i > 0; --i) {  // inserted in descending order: serialize sorts
    uint32_t slot = store.insert(store.intern(0, std::to_string(i)));
    std::string name = "n";
    name += static_cast<char>('0' + i % 5);
    store.slot_codes(slot)[1] = i % 7 ? store.intern(1, name) : 0;
    store.slot_codes(slot)[2] = store.intern(2, std::to_string(i * 1.5));
  }
  return store;
}

void fix_checksum(std::string& bytes) {
  const size_t body = bytes.size() - 12;
  uint32_t crc = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(body)));
  for (int i = 0; i < 4; ++i) bytes[body + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

TEST(StateFile, RoundTripInKeyOrder) {
  const std::string bytes = state::serialize(sample_store());
  StateStore back = state::parse(bytes, "s");
  EXPECT_EQ(back.rows(), 300u);
  EXPECT_EQ(back.table_name, "public.person");
  ASSERT_TRUE(back.position);
  EXPECT_EQ(back.position->major, 7u);
  EXPECT_EQ(state::serialize(back), bytes);  // the bytes depend only on the rows
  Table t = state::read_state_table(bytes, "s");
  ASSERT_EQ(t.rows(), 300u);
  EXPECT_EQ(t.column(0).value(t.column(0).code_at(0)), "1");
  EXPECT_EQ(t.column(0).value(t.column(0).code_at(299)), "300");
  EXPECT_EQ(t.column(1).code_at(6), 0u);  // id 7: NULL name
  EXPECT_EQ(t.column(2).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(1).type(), ValueType::kString);
}

TEST(StateFile, DamagedFilesAreRefusedNeverMisread) {
  const std::string good = state::serialize(sample_store());
  std::mt19937 random(99);
  int refused = 0, read = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = good;
    const int changes = 1 + static_cast<int>(random() % 4);
    for (int k = 0; k < changes; ++k) {
      // Mostly the header and dictionaries, where the lengths and counts are.
      size_t at = random() % 3 ? random() % std::min<size_t>(bytes.size() - 12, 200) : random() % (bytes.size() - 12);
      bytes[at] = static_cast<char>(random() % 4 ? random() : bytes[at] ^ 0x80);
    }
    fix_checksum(bytes);
    for (bool as_table : {false, true}) {
      try {
        if (as_table) {
          state::read_state_table(bytes, "s");
        } else {
          state::parse(bytes, "s");
        }
        ++read;
      } catch (const DataError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("s: ", 0), 0u) << e.what();
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 1000);
  // Cut short anywhere: always refused.
  for (size_t n = 0; n < good.size(); n += 7) {
    EXPECT_THROW(state::parse(good.substr(0, n), "s"), DataError) << n;
  }
  std::printf("%d damaged files refused, %d read (a changed value or code that is still valid)\n", refused, read);
}

}  // namespace
}  // namespace tsum
