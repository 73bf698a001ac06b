// The bad-input catalog, part 5: files in formats tsum does not read, corrupt compressed
// data, SQLite files given as a path, and the options for the inputs people have
// (--type, --encoding, --ragged, --null-values, --column, --width). Each case runs the
// real tsum binary (bad_input_test_util.h says what is checked); docs/reliability.md
// lists the messages.
#include <sqlite3.h>

#include "cli/bad_input_test_util.h"

namespace tsum::bad_input {
namespace {

const std::string kPatients = std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv";

TEST(BadInputFormats, Catalog) {
  TempDir dir;
  auto f = [&](const std::string& name, const std::string& contents) { return dir.file(name, contents); };
  const std::string d = dir.path() + "/";
  const std::string advice = ", which tsum does not read; tsum reads CSV, TSV, JSON, JSON Lines, Parquet, Arrow IPC "
                             "(Feather v2) and SQLite (export the data to one of them)";
  // The start of a workbook as Excel writes it: a ZIP entry naming an xl/ part.
  const std::string xlsx = std::string("PK\x03\x04\x14\0\x06\0", 8) + std::string(22, '\0') + "xl/workbook.xml";
  const Case cases[] = {
      {"Format: an Excel workbook named .csv", {f("book.csv", xlsx)}, 1,
       d + "book.csv: this looks like an Excel workbook (.xlsx)" + advice},
      {"Format: a ZIP archive", {f("data.zip", std::string("PK\x03\x04\x14\0\0\0", 8) + "data.csv")}, 1,
       d + "data.zip: this looks like a ZIP archive" + advice},
      {"Format: a Feather version 1 file", {f("old.feather", std::string("FEA1", 4) + std::string(16, '\0'))}, 1,
       d + "old.feather: this looks like a Feather version 1 file" + advice},
      {"Format: a truncated Arrow IPC (Feather) file", {f("t.feather", std::string("ARROW1\0\0", 8) + std::string(16, '\xff'))}, 1,
       d + "t.feather: the Arrow IPC file is truncated: it does not end with the ARROW1 magic at byte 24"},
      {"Format: an Arrow IPC stream cut inside a message", {f("t.arrows", std::string("\xff\xff\xff\xff\x10\0\0\0", 8) + "abcd")}, 1,
       d + "t.arrows: a message's metadata size 16 runs past the end of the data at byte 0"},
      {"Format: an old Excel file (.xls)", {f("old.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(8, '\0'))}, 1,
       d + "old.xls: this looks like an old Microsoft Office file (.xls or .doc)" + advice},
      {"Format: a PDF document", {f("report.csv", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")}, 1,
       d + "report.csv: this looks like a PDF document" + advice},
      {"Compressed: truncated gzip", {f("cut.csv.gz", "\x1f\x8b\x08\x00")}, 1,
       d + "cut.csv.gz: corrupt or truncated gzip data (unexpected end of data)"},
      {"Compressed: corrupt zstd", {f("bad.csv.zst", "\x28\xb5\x2f\xfd" "garbage")}, 1,
       d + "bad.csv.zst: corrupt or truncated zstd data (Dictionary mismatch)"},
      {"Compressed: corrupt bzip2", {f("bad.csv.bz2", "BZh9garbage")}, 1,
       d + "bad.csv.bz2: corrupt or truncated bzip2 data (data integrity error)"},
      {"Compressed: corrupt xz", {f("bad.csv.xz", std::string("\xfd" "7zXZ\0garbage", 12))}, 1,
       d + "bad.csv.xz: corrupt or truncated xz data (data integrity error)"},
      {"Option: --type with a value of another type", {"--type", "age=integer", kPatients}, 1,
       "--type age=integer: row 1 of column 'age' holds 'adult', which is not an integer"},
      {"Option: unknown --encoding", {"--encoding", "cp1252", kPatients}, 2,
       "unknown --encoding 'cp1252' (expected utf-8 or latin-1)"},
      {"Option: unknown --ragged", {"--ragged", "fill", kPatients}, 2,
       "unknown --ragged 'fill' (expected error, pad or skip)"},
      {"Option: empty --null-values", {"--null-values", ",", kPatients}, 2, "--null-values: no values given"},
      {"Option: empty --column", {"--column", "", kPatients}, 2, "--column: the column name is empty"},
      {"Option: unterminated quote in --columns", {"--columns", "\"a,b", kPatients}, 2,
       "unterminated quote in '\"a,b' (a quoted name ends with \")"},
      {"Option: negative --width", {"--width", "-1", kPatients}, 2,
       "--width must be between 0 (no limit) and 100000, got -1"},
  };
  for (const Case& c : cases) expect_error(c, dir);
  // Arrow IPC files and streams (Feather v2) are read (tests/io/arrow/ipc has the details).
  const std::string feather = std::string(TSUM_SOURCE_DIR) + "/tests/data/arrow-ipc/primitives-lz4.arrow";
  const std::string json = expect_success("Format: an Arrow IPC (Feather v2) file", {"--bins", "none", feather}, dir);
  EXPECT_NE(json.find("\"rows\":8,"), std::string::npos) << json;
}

void make_database(const std::string& path, const std::vector<std::string>& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const std::string& sql : statements) ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(BadInputFormats, SqliteDatabaseAsAPath) {
  TempDir dir;
  const std::string two = dir.path("two.db");
  make_database(two, {"CREATE TABLE b (x)", "CREATE TABLE a (y)"});
  const std::string none = dir.path("none.db");
  make_database(none, {"CREATE TABLE t (x)", "DROP TABLE t"});
  expect_error({"SQLite: a database file with several tables", {two}, 2,
                two + ": a SQLite database with 2 tables (a, b); choose one: sqlite://" + two +
                    "?table=NAME, or pass --query"},
               dir);
  expect_error({"SQLite: a database file with no table", {none}, 1, none + ": a SQLite database with no tables"}, dir);
}

}  // namespace
}  // namespace tsum::bad_input
