// Progress while reading, for the readers other than CSV (progress_test.cc has CSV and the
// search): Parquet reports rows of fully decoded row groups of the rows its footer
// declares, JSON the bytes of each parsed work unit of the input's size, SQLite the rows
// received (no total: a database does not say how many rows are coming). PostgreSQL's
// hook is exercised against a real server in tests/io/postgres/postgres_server_test.cc.
//
// Each reader is driven directly with a meter that reports every call (interval 0) on one
// thread, so the exact sequence of reports is known; then through read_table() on two
// threads, where only the start, the order and the end are fixed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/json/json_reader.h"
#include "io/arrow/ipc/ipc_test_util.h"
#include "io/csv/csv_reader.h"
#include "io/parquet/parquet_reader.h"
#include "io/parquet/parquet_writer.h"
#include "io/sqlite/sqlite_reader.h"
#include "report/progress.h"
#include "terminal_progress.h"
#include "tsum/read.h"

namespace tsum {
namespace {

namespace fs = std::filesystem;
using parquet_test::Cell;
using parquet_test::ChunkData;
using parquet_test::Element;
using parquet_test::FileSpec;
using parquet_test::RowGroupData;

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("tsum-progress-readers-" + std::to_string(getpid()) + "-" + name)).string();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A Parquet file of `groups` row groups of `rows` rows, columns a (INT32) and b (INT64).
std::string parquet_file(size_t groups, size_t rows) {
  FileSpec spec;
  Element a, b;
  a.name = "a";
  a.type = parquet::PhysicalType::kInt32;
  b.name = "b";
  b.type = parquet::PhysicalType::kInt64;
  spec.schema = {a, b};
  for (size_t g = 0; g < groups; ++g) {
    std::vector<Cell> ca, cb;
    for (size_t i = 0; i < rows; ++i) {
      int32_t va = static_cast<int32_t>(i % 7);
      int64_t vb = static_cast<int64_t>(g * rows + i);
      ca.push_back(std::string(reinterpret_cast<const char*>(&va), 4));
      cb.push_back(std::string(reinterpret_cast<const char*>(&vb), 8));
    }
    spec.row_groups.push_back(RowGroupData{{ChunkData{ca, {}}, ChunkData{cb, {}}}});
  }
  return parquet_test::write_parquet(spec);
}

// The reports of `read(meter)`, through a meter that reports every call at once.
template <class Read>
std::vector<Progress> reports_of(uint64_t bytes_total, Read&& read) {
  std::vector<Progress> seen;
  ProgressCallback callback = [&](const Progress& p) { seen.push_back(p); };
  {
    ProgressMeter meter(callback, Progress{.stage = Progress::Stage::kRead, .bytes_total = bytes_total},
                        std::chrono::milliseconds(0));
    read(meter);
  }
  return seen;
}

// Checks what every sequence of read reports must satisfy.
void expect_well_formed(const std::vector<Progress>& seen) {
  ASSERT_GE(seen.size(), 2u);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].stage, Progress::Stage::kRead) << i;
    EXPECT_EQ(seen[i].done, i + 1 == seen.size()) << i;
    if (seen[i].rows_total > 0) {
      EXPECT_LE(seen[i].rows_done, seen[i].rows_total) << i;
    }
    EXPECT_LE(seen[i].bytes_done, seen[i].bytes_total) << i;
    if (i > 0) {
      EXPECT_GE(seen[i].rows_done, seen[i - 1].rows_done) << i;
      EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done) << i;
    }
  }
  EXPECT_EQ(seen.front().rows_done, 0u);
  EXPECT_EQ(seen.front().bytes_done, 0u);
}

TEST(ProgressReaders, ParquetReportsRowsOfTheDeclaredTotalPerRowGroup) {
  const std::string bytes = parquet_file(4, 1000);
  const std::vector<Progress> seen = reports_of(bytes.size(), [&](ProgressMeter& meter) {
    ParquetOptions o;
    o.threads = 1;
    o.progress = &meter;
    EXPECT_EQ(read_parquet(bytes, "p.parquet", o).rows(), 4000u);
  });
  expect_well_formed(seen);
  // The start, the footer's total, each row group once both of its chunks are decoded
  // (a half-decoded row group counts nothing), then the end.
  std::vector<uint64_t> rows;
  for (const Progress& p : seen) rows.push_back(p.rows_done);
  EXPECT_EQ(rows, (std::vector<uint64_t>{0, 0, 1000, 2000, 3000, 4000, 4000}));
  EXPECT_EQ(seen[0].rows_total, 0u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_EQ(seen[i].rows_total, 4000u) << i;
  EXPECT_EQ(seen.back().bytes_done, bytes.size());

  // Through read_table on two threads.
  const std::string path = temp_path("p.parquet");
  write_file(path, bytes);
  std::vector<Progress> again;
  ReadOptions ro;
  ro.threads = 2;
  ro.progress = [&](const Progress& p) { again.push_back(p); };
  EXPECT_EQ(read_table(path, ro).rows(), 4000u);
  fs::remove(path);
  expect_well_formed(again);
  EXPECT_EQ(again.back().rows_done, 4000u);
  EXPECT_EQ(again.back().rows_total, 4000u);
}

TEST(ProgressReaders, JsonReportsBytesOfEachWorkUnit) {
  for (bool lines : {false, true}) {
    std::string text = lines ? "" : "[";
    for (int i = 0; i < 3000; ++i) {
      std::string record = "{\"k\": " + std::to_string(i % 9) + ", \"s\": \"v" + std::to_string(i % 13) + "\"}";
      text += lines ? record + "\n" : (i ? ",\n" : "\n") + record;
    }
    if (!lines) text += "\n]\n";
    const std::vector<Progress> seen = reports_of(text.size(), [&](ProgressMeter& meter) {
      JsonOptions o;
      o.threads = 1;
      o.chunk_bytes = 4096;  // several units
      o.progress = &meter;
      EXPECT_EQ(read_json(text, "x.json", o).rows(), 3000u);
    });
    SCOPED_TRACE(lines ? "JSON Lines" : "array");
    expect_well_formed(seen);
    // One report per unit in between, each adding about 4 KiB (the unit size is a target:
    // a unit ends after the record that reaches it), none past the input.
    ASSERT_GE(seen.size(), 2u + text.size() / 8192);
    for (size_t i = 1; i + 1 < seen.size(); ++i) {
      EXPECT_GT(seen[i].bytes_done, seen[i - 1].bytes_done) << i;
      EXPECT_LE(seen[i].bytes_done - seen[i - 1].bytes_done, 2 * 4096u) << i;
    }
    // The units' bytes are the records' (the array's brackets and separators aside).
    EXPECT_GT(seen[seen.size() - 2].bytes_done, text.size() * 9 / 10);
    EXPECT_EQ(seen.back().bytes_done, text.size());
    EXPECT_EQ(seen.back().rows_total, 0u);
  }
}

// Records of thousands of keys: a work unit pays per key, so units hold at least 16
// records of the first one's size, beyond the usual ~1/4 of the input per thread
// (json_reader.cc, target_unit_bytes). One progress report per unit shows the units.
TEST(ProgressReaders, JsonUnitsOfWideRecordsHoldAtLeastSixteenRecords) {
  std::string record = "{";
  for (int k = 0; k < 20000; ++k) record += (k ? ", \"k" : "\"k") + std::to_string(k) + "\": " + std::to_string(k % 7);
  record += "}";
  for (bool lines : {true, false}) {
    SCOPED_TRACE(lines ? "JSON Lines" : "array");
    // 40 records, ~9.5 MB: a quarter of it per unit would be 10 records.
    std::string text = lines ? "" : "[";
    for (int r = 0; r < 40; ++r) text += lines ? record + "\n" : (r ? "," : "") + record;
    if (!lines) text += "]";
    const std::vector<Progress> seen = reports_of(text.size(), [&](ProgressMeter& meter) {
      JsonOptions o;
      o.threads = 1;
      o.progress = &meter;
      const Table t = read_json(text, lines ? "wide.jsonl" : "wide.json", o);
      EXPECT_EQ(t.rows(), 40u);
      EXPECT_EQ(t.num_columns(), 20000u);
    });
    expect_well_formed(seen);
    // The start, units of 16, 16 and 8 records (a unit's bytes: its lines with their line
    // feeds, or its elements and the 15 commas between them), the end.
    ASSERT_EQ(seen.size(), 5u);
    const size_t unit = lines ? 16 * (record.size() + 1) : 16 * record.size() + 15;
    EXPECT_EQ(seen[1].bytes_done, unit);
    EXPECT_EQ(seen[2].bytes_done, 2 * unit);
    EXPECT_EQ(seen.back().bytes_done, text.size());
  }
}

// Very wide CSV: a chunk pays per column, so chunks hold at least 2,048 bytes per column,
// beyond the usual 1-8 MiB, while every thread still gets one (csv_reader.cc). The CSV
// reader reports each chunk once parsed.
TEST(ProgressReaders, CsvChunksOfVeryWideTablesHoldAtLeast2KiBPerColumn) {
  constexpr size_t kColumns = 4096;
  std::string text;
  for (size_t c = 0; c < kColumns; ++c) text += (c ? ",c" : "c") + std::to_string(c);
  text += '\n';
  const size_t header = text.size();
  std::string row;
  for (size_t c = 0; c < kColumns; ++c) row += c ? ",1" : "1";
  row += '\n';
  for (int r = 0; r < 2500; ++r) text += row;  // 20 MB: usually 8 chunks of 2.6 MB
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    const std::vector<Progress> seen = reports_of(text.size(), [&](ProgressMeter& meter) {
      CsvOptions o;
      o.threads = threads;
      o.progress = &meter;
      const Table t = read_csv(text, "wide.csv", o);
      EXPECT_EQ(t.rows(), 2500u);
      EXPECT_EQ(t.num_columns(), kColumns);
    });
    expect_well_formed(seen);
    if (threads == 1) {
      // The start, chunks of 4096 * 2048 bytes (1,024 records of 8,192 bytes), cut at
      // record ends: 3 of them, then the end.
      ASSERT_EQ(seen.size(), 2u + (text.size() - header + kColumns * 2048 - 1) / (kColumns * 2048));
      for (size_t i = 1; i + 2 < seen.size(); ++i) {
        EXPECT_GE(seen[i].bytes_done - seen[i - 1].bytes_done, kColumns * 2048) << i;
      }
    } else {
      // Reported from the meter's thread only: at most one report per chunk in between.
      EXPECT_LE(seen.size(), 5u);
    }
    EXPECT_EQ(seen.back().bytes_done, text.size());
  }
}

TEST(ProgressReaders, ArrowIpcReportsBytesOfEachEncodedBatch) {
  // pyarrow's files of 8 rows in batches of 3 (tests/data/arrow-ipc/make_fixtures.py):
  // a stream, the same compressed, and a file (its footer follows the last batch).
  for (const char* name : {"primitives.arrows", "strings-zstd.arrows", "primitives.arrow"}) {
    SCOPED_TRACE(name);
    const std::string bytes = ipc_test::fixture(name);
    const std::vector<Progress> seen = reports_of(bytes.size(), [&](ProgressMeter& meter) {
      ArrowReadOptions o;
      o.threads = 1;
      EXPECT_EQ(read_arrow_ipc(bytes, o, &meter).rows(), 8u);
    });
    expect_well_formed(seen);
    // The start, one report per batch (3), each further on, then the end.
    ASSERT_EQ(seen.size(), 5u);
    for (size_t i = 1; i < 4; ++i) EXPECT_GT(seen[i].bytes_done, seen[i - 1].bytes_done) << i;
    EXPECT_LT(seen[3].bytes_done, bytes.size());  // the end-of-stream marker or the footer is left
    EXPECT_EQ(seen.back().bytes_done, bytes.size());
    EXPECT_EQ(seen.back().rows_total, 0u);
  }
}

TEST(ProgressReaders, SqliteReportsRowsReceivedWithoutATotal) {
  const std::string path = temp_path("t.db");
  fs::remove(path);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const char* sql =
        "CREATE TABLE t(a INTEGER, b TEXT);"
        "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 2499)"
        "INSERT INTO t SELECT i % 5, 'x' || (i % 3) FROM r;";
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  const std::string url = "sqlite://" + path + "?table=t";
  std::vector<Progress> seen;
  ProgressCallback callback = [&](const Progress& p) { seen.push_back(p); };
  {
    ProgressMeter meter(callback, Progress{.stage = Progress::Stage::kRead}, std::chrono::milliseconds(0));
    SqliteOptions o;
    o.chunk_rows = 1000;
    o.progress = &meter;
    EXPECT_EQ(read_sqlite(url, o).rows(), 2500u);
  }
  expect_well_formed(seen);
  std::vector<uint64_t> rows;
  for (const Progress& p : seen) {
    rows.push_back(p.rows_done);
    EXPECT_EQ(p.rows_total, 0u);
    EXPECT_EQ(p.bytes_total, 0u);
  }
  EXPECT_EQ(rows, (std::vector<uint64_t>{0, 1000, 2000, 2500, 2500}));

  std::vector<Progress> again;
  ReadOptions ro;
  ro.progress = [&](const Progress& p) { again.push_back(p); };
  EXPECT_EQ(read_table(url, ro).rows(), 2500u);
  fs::remove(path);
  expect_well_formed(again);
  EXPECT_EQ(again.back().rows_done, 2500u);
}

TEST(ProgressReaders, TerminalLineShowsRowsWhenTheReaderCountsRows) {
  TerminalProgress::Style plain{.color = false, .escapes = true, .unicode = false};
  Progress parquet{.stage = Progress::Stage::kRead, .bytes_total = 1 << 20, .rows_done = 750000, .rows_total = 3000000};
  std::string line = TerminalProgress::line(parquet, "f.parquet", 0, 1, 2, 100, plain);
  EXPECT_EQ(line.rfind("reading f.parquet  [", 0), 0u) << line;
  EXPECT_NE(line.find(" 25 %  750,000 / 3,000,000 rows  0:02"), std::string::npos) << line;

  Progress db{.stage = Progress::Stage::kRead, .rows_done = 1234567};
  line = TerminalProgress::line(db, "shard.db", 0, 1, 5, 100, plain);
  EXPECT_EQ(line, "reading shard.db  1,234,567 rows  0:05");
  db.rows_done = 1;
  EXPECT_NE(TerminalProgress::line(db, "s", 0, 1, 5, 100, plain).find(" 1 row  "), std::string::npos);
}

}  // namespace
}  // namespace tsum
