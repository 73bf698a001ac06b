// The Arrow IPC reader (src/io/arrow/ipc) on files pyarrow wrote (tests/data/arrow-ipc):
// every variant of a table reads as its Parquet twin does; selection, dictionaries,
// dispatch by name and by magic; errors name the input and the byte.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "io/arrow/ipc/ipc_test_util.h"
#include "io/csv/csv_test_util.h"
#include "support/plain_table.h"
#include "tsum/read.h"

namespace tsum {
namespace {

using ipc_test::fixture;
using ipc_test::ipc_error;
using ipc_test::read_ipc;
using ipc_test::read_parquet_fixture;
using test::plain;

class Variants : public testing::TestWithParam<const char*> {};

// Uncompressed, LZ4 and ZSTD files, plain and ZSTD streams, and the pre-0.15 framing
// (no continuation marker), each of several batches.
TEST_P(Variants, ReadsAsTheParquetTwin) {
  const std::string table = GetParam();
  const Table oracle = read_parquet_fixture(table + ".parquet");
  ASSERT_EQ(oracle.rows(), 8u);
  for (const char* suffix : {".arrow", "-lz4.arrow", "-zstd.arrow", ".arrows", "-zstd.arrows"}) {
    SCOPED_TRACE(table + suffix);
    const Table t = read_ipc(fixture(table + suffix));
    EXPECT_EQ(plain(t), plain(oracle));
  }
}

INSTANTIATE_TEST_SUITE_P(Tables, Variants, testing::Values("primitives", "strings"));

TEST(IpcReader, LegacyFramingWithoutContinuationMarkers) {
  EXPECT_EQ(plain(read_ipc(fixture("primitives-legacy.arrows"))), plain(read_parquet_fixture("primitives.parquet")));
}

TEST(IpcReader, TypesAreTheArrowReaders) {
  const Table t = read_ipc(fixture("primitives.arrow"));
  const test::PlainTable p = plain(t);
  ASSERT_EQ(t.column_names().size(), 18u);
  EXPECT_EQ(t.column(3).type(), ValueType::kNumeric);  // i64
  EXPECT_EQ(t.column(16).type(), ValueType::kString);  // name
  // Rows 2 (NULLs) and 8 of the decimal and the timestamp, a batch apart.
  EXPECT_EQ(p.rows[1][15], test::PlainCell());
  EXPECT_EQ(p.rows[7][15], test::PlainCell("99999999.99"));
  EXPECT_EQ(p.rows[0][12], test::PlainCell("2020-01-01 12:30:00"));
}

TEST(IpcReader, DictionaryReplacedBetweenBatches) {
  EXPECT_EQ(plain(read_ipc(fixture("dictionary-replaced.arrows"))), plain(read_parquet_fixture("dictionary-replaced.parquet")));
}

TEST(IpcReader, DeltaDictionaryIsRefused) {
  EXPECT_EQ(ipc_error(fixture("dictionary-delta.arrows")),
            "t.arrow: a dictionary batch is a delta (it adds to an earlier dictionary), which tsum does not read at byte 648");
}

TEST(IpcReader, NestedColumnsLeftOutReadAndSelectedAreRefused) {
  ArrowReadOptions leave_out;
  leave_out.exclude = {"list", "s", "u", "ree"};
  EXPECT_EQ(plain(read_ipc(fixture("nested.arrow"), leave_out)), plain(read_parquet_fixture("nested-flat.parquet")));
  ArrowReadOptions flat;
  flat.columns = {"b", "a"};
  EXPECT_EQ(plain(read_ipc(fixture("nested.arrow"), flat)), plain(read_parquet_fixture("nested-flat.parquet")));
  ArrowReadOptions list;
  list.columns = {"list"};
  EXPECT_EQ(ipc_error(fixture("nested.arrow"), list),
            "t.arrow: column 'list' has type list<item: int64>, which tsum cannot summarize (it reads numbers, strings, "
            "booleans, dates, times, timestamps, decimals and dictionaries of those); leave it out");
  ArrowReadOptions ree;
  ree.columns = {"ree"};
  EXPECT_NE(ipc_error(fixture("nested.arrow"), ree).find("column 'ree' has type run_end_encoded<run_ends: int32"),
            std::string::npos);
}

TEST(IpcReader, TruncatedFileNamesTheByte) {
  const std::string file = fixture("primitives.arrow");
  EXPECT_EQ(ipc_error(file.substr(0, 100)),
            "t.arrow: the Arrow IPC file is truncated: it does not end with the ARROW1 magic at byte 100");
  const std::string stream = fixture("primitives.arrows");
  const std::string message = ipc_error(stream.substr(0, 2000));
  EXPECT_EQ(message.rfind("t.arrow: ", 0), 0u) << message;
  EXPECT_NE(message.find("runs past the end of the data at byte "), std::string::npos) << message;
}

TEST(IpcReader, NotAStreamAtAll) {
  EXPECT_EQ(ipc_error(std::string("\xff\xff\xff\xff\x08\x00\x00\x00", 8) + std::string(8, 'x')),
            "t.arrow: a message's metadata is not a valid Arrow IPC Message at byte 0");
  EXPECT_EQ(ipc_error(""), "t.arrow: the Arrow IPC data does not start with a schema message at byte 0");
}

TEST(IpcReader, ReadTableDispatchesByNameAndByMagic) {
  ReadOptions o;
  o.threads = 1;
  const test::PlainTable want = plain(read_parquet_fixture("primitives.parquet"));
  for (const char* suffix : {".feather", ".arrow", ".ipc", "", ".dat"}) {
    SCOPED_TRACE(suffix);
    csv_test::TempFile file(fixture("primitives-lz4.arrow"), suffix);
    EXPECT_EQ(plain(read_table(file.path(), o)), want);
  }
  for (const char* suffix : {".arrows", ""}) {
    SCOPED_TRACE(suffix);
    csv_test::TempFile file(fixture("primitives.arrows"), suffix);
    EXPECT_EQ(plain(read_table(file.path(), o)), want);
  }
  // The legacy framing has no magic to sniff: the extension or --input-format says it.
  csv_test::TempFile legacy(fixture("primitives-legacy.arrows"), ".bin");
  o.format = parse_input_format("arrow");
  EXPECT_EQ(plain(read_table(legacy.path(), o)), want);
}

TEST(IpcReader, ReadTableSelectsBeforeTyping) {
  csv_test::TempFile file(fixture("nested.arrow"), ".arrow");
  ReadOptions o;
  o.threads = 1;
  o.exclude = {"list", "s", "u", "ree"};
  EXPECT_EQ(plain(read_table(file.path(), o)), plain(read_parquet_fixture("nested-flat.parquet")));
  o.exclude = {"nope"};
  EXPECT_THROW(read_table(file.path(), o), UsageError);
}

}  // namespace
}  // namespace tsum
