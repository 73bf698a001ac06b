// The hand-made files, checked by a second reader. parquet_handmade_test.cc covers what
// DuckDB cannot write (DELTA_BYTE_ARRAY, DATA_PAGE_V2, INT96, TIME, DECIMAL on
// FIXED_LEN_BYTE_ARRAY, unsigned annotations, BYTE_STREAM_SPLIT, each codec) with files
// from tests/io/parquet/parquet_writer.cc, whose expected text the same authors wrote. Here
// DuckDB (@duckdb/node-api, pinned; scripts/duckdb-run.mjs) reads such files too and
// exports every cell as text: tsum's cells must equal DuckDB's. So a misreading of the
// format shared by the test writer and the reader would show up here.
//
// Annotations are written both ways, as real writers do (ConvertedType and LogicalType):
// DuckDB 1.5 ignores a LogicalType STRING, DECIMAL or INTEGER that has no ConvertedType
// beside it (it reads such columns as BLOB, the raw bytes, and signed integers), while
// the format says LogicalType wins, as tsum does; parquet_handmade_test.cc covers
// LogicalType-only columns.
//
// Needs `make testdata` (node_modules with DuckDB); fails, never skips, without it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/input_file.h"
#include "io/json/json_reader.h"
#include "io/parquet/parquet_test_util.h"
#include "io/parquet/parquet_writer.h"
#include "support/run_command.h"

namespace tsum::parquet_test {
namespace {

namespace fs = std::filesystem;

// Big-endian two's complement of v in `n` bytes (DECIMAL on FIXED_LEN_BYTE_ARRAY).
std::string big_endian(int64_t v, size_t n) {
  std::string out(n, v < 0 ? '\xFF' : '\0');  // sign extension beyond 8 bytes
  for (size_t i = 0; i < std::min<size_t>(n, 8); ++i) out[n - 1 - i] = static_cast<char>(static_cast<uint64_t>(v) >> (8 * i));
  return out;
}

// One file: 600 rows in two row groups, NULLs in every column, each column with the
// encoding DuckDB cannot write, and all in `v2` pages compressed with `codec`.
FileSpec spec_for(bool v2, Codec codec) {
  FileSpec spec;
  Element s = leaf("s_delta", PhysicalType::kByteArray);
  s.logical = logical_empty(1);  // STRING
  s.converted = ConvertedType::kUtf8;
  Element l = leaf("s_delta_length", PhysicalType::kByteArray);
  l.converted = ConvertedType::kUtf8;
  Element i64 = leaf("i64_delta", PhysicalType::kInt64);
  Element u8 = leaf("u8", PhysicalType::kInt32);
  u8.converted = ConvertedType::kUint8;
  Element u32 = leaf("u32", PhysicalType::kInt32);
  u32.logical = logical_int(32, false);
  u32.converted = ConvertedType::kUint32;
  Element u64 = leaf("u64", PhysicalType::kInt64);
  u64.converted = ConvertedType::kUint64;
  Element dec = leaf("dec_fixed", PhysicalType::kFixedLenByteArray);
  dec.type_length = 9;
  dec.logical = logical_decimal(3, 20);
  dec.converted = ConvertedType::kDecimal;
  dec.scale = 3;
  dec.precision = 20;
  Element legacy = leaf("ts_int96", PhysicalType::kInt96);
  Element tms = leaf("time_ms", PhysicalType::kInt32);
  tms.logical = logical_time(false, 1);
  Element tus = leaf("time_us", PhysicalType::kInt64);
  tus.converted = ConvertedType::kTimeMicros;
  Element tsms = leaf("ts_ms", PhysicalType::kInt64);
  tsms.logical = logical_time(true, 1);
  Element f = leaf("f64_split", PhysicalType::kDouble);
  Element g = leaf("f32_split", PhysicalType::kFloat);
  spec.schema = {s, l, i64, u8, u32, u64, dec, legacy, tms, tus, tsms, f, g};
  const std::vector<Encoding> encodings = {
      Encoding::kDeltaByteArray, Encoding::kDeltaLengthByteArray, Encoding::kDeltaBinaryPacked,
      Encoding::kRleDictionary,  Encoding::kPlain,                Encoding::kPlainDictionary,
      Encoding::kPlain,          Encoding::kPlain,                Encoding::kRleDictionary,
      Encoding::kPlain,          Encoding::kDeltaBinaryPacked,    Encoding::kByteStreamSplit,
      Encoding::kByteStreamSplit};
  for (int group = 0; group < 2; ++group) {
    std::vector<std::vector<Cell>> cells(spec.schema.size());
    for (int64_t r = group * 300; r < (group + 1) * 300; ++r) {
      auto put = [&](size_t c, Cell v) { cells[c].push_back((r + static_cast<int64_t>(c)) % 9 == 4 ? Cell() : v); };
      // Shared prefixes of varying length (what DELTA_BYTE_ARRAY encodes), some repeats, UTF-8.
      put(0, numbered(r % 3 == 0 ? "prefix/shared/" : "prefix/", r % 40) + (r % 7 == 0 ? "/é" : ""));
      put(1, r % 11 == 0 ? std::string() : numbered("x", r * 7919 % 1000));
      put(2, raw<int64_t>((r - 300) * 1000003 * (r % 5 == 0 ? -1 : 1)));
      put(3, raw<int32_t>(static_cast<int32_t>(r % 256)));
      put(4, raw<int32_t>(static_cast<int32_t>(static_cast<uint32_t>(r) * 2654435761u)));
      put(5, raw<int64_t>(static_cast<int64_t>(static_cast<uint64_t>(r) * 11400714819323198485ull)));
      put(6, big_endian((r - 250) * 12345679 + r % 1000, 9));
      // INT96: nanoseconds of the day (whole microseconds: DuckDB keeps microseconds), Julian day.
      put(7, raw<int64_t>((r * 3600 + r % 60) * 1000000000LL + (r % 4) * 250000000LL + (r % 3) * 1000) +
                 raw<int32_t>(static_cast<int32_t>(2451545 + r * 37 - 9000)));
      put(8, raw<int32_t>(static_cast<int32_t>(r * 143999 % 86400000)));
      put(9, raw<int64_t>(r * 143999999 % 86400000000LL));
      put(10, raw<int64_t>(978307200000LL + r * 86400123LL - 50000000000LL));
      put(11, raw_double(static_cast<double>(r % 50) - 20.75));
      put(12, raw_float(static_cast<float>(r % 30) * 0.5f + 0.25f));
    }
    RowGroupData rg;
    for (size_t c = 0; c < spec.schema.size(); ++c) {
      ChunkOptions o;
      o.encoding = encodings[c];
      o.v2 = v2;
      o.codec = codec;
      o.page_rows = 128;  // several pages per chunk
      rg.chunks.push_back(ChunkData{cells[c], o});
    }
    spec.row_groups.push_back(rg);
  }
  return spec;
}

TEST(ParquetDuckDBReadsHandmade, SameCellsAsDuckDB) {
  const std::string node_modules = std::string(TSUM_SOURCE_DIR) + "/node_modules/@duckdb/node-api";
  ASSERT_TRUE(fs::exists(node_modules)) << node_modules << " is missing: run `make testdata`";
  const fs::path dir = fs::temp_directory_path() / numbered("tsum-parquet-duckdb-", getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  struct File {
    std::string name;
    std::string label;
  };
  std::vector<File> files;
  std::string sql;
  for (bool v2 : {false, true}) {
    for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd}) {
      const std::string name = numbered("h", static_cast<long long>(files.size()));
      std::ofstream(dir / (name + ".parquet"), std::ios::binary) << write_parquet(spec_for(v2, codec));
      files.push_back({name, std::string(v2 ? "DATA_PAGE_V2 " : "DATA_PAGE ") + parquet::name(codec)});
      // Every cell as DuckDB's text; NULL stays null.
      sql += "COPY (SELECT CAST(COLUMNS(*) AS VARCHAR) FROM '" + name + ".parquet') TO '" + name +
             ".json' (FORMAT json);\n";
    }
  }
  test::CommandResult r = test::run_command(
      {"/usr/bin/env", "node", std::string(TSUM_SOURCE_DIR) + "/scripts/duckdb-run.mjs", "-q", "--cwd", dir.string(), sql});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  for (const File& f : files) {
    SCOPED_TRACE(f.label);
    InputFile parquet_input((dir / (f.name + ".parquet")).string());
    ParquetOptions po;
    po.threads = 2;
    const Plain ours = plain(read_parquet(parquet_input, po));
    InputFile json_input((dir / (f.name + ".json")).string());
    const Plain duck = plain(read_json(json_input, JsonOptions{}));
    ASSERT_EQ(ours.names, duck.names);
    ASSERT_EQ(ours.rows.size(), 600u);
    ASSERT_EQ(duck.rows.size(), 600u);
    size_t mismatches = 0;
    for (size_t row = 0; row < ours.rows.size() && mismatches < 10; ++row) {
      for (size_t c = 0; c < ours.names.size(); ++c) {
        if (ours.rows[row][c] != duck.rows[row][c]) {
          ADD_FAILURE() << "row " << row << ", column " << ours.names[c] << ": tsum "
                        << ours.rows[row][c].value_or("NULL") << ", DuckDB " << duck.rows[row][c].value_or("NULL");
          ++mismatches;
        }
      }
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tsum::parquet_test
