// The bad-input catalog, part 2: what the file system can do (missing, a directory, a
// FIFO, no permission, nowhere to write, a full device), bad options, and databases that
// fail. bad_input_test_util.h says what each case checks.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "cli/bad_input_test_util.h"

namespace tsum::bad_input {
namespace {

const std::string kPatients = std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv";

TEST(BadInputFiles, MissingDirectoryAndEmptyName) {
  TempDir dir;
  expect_error({"Input: no such file", {dir.path("missing.csv")}, 1, dir.path("missing.csv") + ": file not found"}, dir);
  expect_error({"Input: a directory", {dir.path()}, 1, dir.path() + ": is a directory, expected a file"}, dir);
  expect_error({"Input: an empty file name", {""}, 2, "an INPUT is an empty string; expected a file, - or a database URL"},
               dir);
}

TEST(BadInputFiles, UnreadableFile) {
  TempDir dir;
  std::string secret = dir.file("secret.csv", "a\n1\n");
  // root reads any file whatever its mode, so as root the command runs as "nobody": the
  // check is real either way.
  chmod(secret.c_str(), geteuid() == 0 ? 0600 : 0);
  expect_error({"Input: no read permission", {secret}, 1, secret + ": permission denied", "", true,
                geteuid() == 0 ? 65534 : -1},
               dir);
}

TEST(BadInputFiles, FifoIsReadLikeAPipe) {
  TempDir dir;
  std::string fifo = dir.path("table.csv");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  // The writer runs beside the command; opening a FIFO blocks until both ends are open.
  std::thread writer([&] { std::ofstream(fifo) << "a,b\n1,2\n1,2\n1,2\n"; });
  std::string out = expect_success("Input: a FIFO (named pipe)", {"--bins", "none", fifo}, dir);
  writer.join();
  EXPECT_NE(out.find("\"rows\":3"), std::string::npos) << out;

  std::thread bad_writer([&] { std::ofstream(fifo) << "a,b\n1,2,3\n"; });
  expect_error({"Input: a FIFO with a malformed table", {fifo}, 1, fifo + ": line 2: row has 3 fields, the header has 2"},
               dir);
  bad_writer.join();
}

TEST(BadInputFiles, StdinErrorsSayStdin) {
  TempDir dir;
  expect_error({"Input: malformed CSV on standard input", {"-"}, 1,
                "<stdin>: line 2, column 3: unterminated quoted field, no closing quote before the end of the file",
                "a,b\n1,\"2\n"},
               dir);
}

TEST(BadInputOutput, NowhereToWrite) {
  TempDir dir;
  std::string nodir = dir.path("no/such/dir/out.json");
  expect_error({"Output: directory does not exist", {kPatients, "-o", nodir}, 1,
                nodir + ": cannot write output: No such file or directory", "", false},
               dir);
  expect_error({"Output: the output is a directory", {kPatients, "-o", dir.path()}, 1,
                dir.path() + ": cannot write output: Is a directory", "", false},
               dir);
  fs::create_directory(dir.path("locked"));
  chmod(dir.path("locked").c_str(), 0555);
  // As root the directory's mode does not stop a write: run as "nobody" then.
  expect_error({"Output: directory without write permission", {kPatients, "-o", dir.path("locked/out.json")}, 1,
                dir.path("locked/out.json") + ": cannot write output: Permission denied", "", false,
                geteuid() == 0 ? 65534 : -1},
               dir);
  EXPECT_TRUE(fs::is_empty(dir.path("locked")));
}

TEST(BadInputOutput, FullDevice) {
  struct stat st;
  if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) GTEST_SKIP() << "no /dev/full on this machine";
  TempDir dir;
  // Through a symlink: were the device replaced instead of written (a rename over it), only
  // the link would go, never /dev/full itself.
  std::string link = dir.path("full.json");
  ASSERT_EQ(symlink("/dev/full", link.c_str()), 0);
  expect_error({"Output: a full device (/dev/full)", {kPatients, "-o", link}, 1,
                link + ": cannot write output: No space left on device", "", false},
               dir);
  EXPECT_TRUE(fs::is_symlink(link));
  ASSERT_EQ(stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(BadInputOptions, Catalog) {
  TempDir dir;
  const std::string p = kPatients;
  const Case cases[] = {
      {"Option: unknown cost model", {"--cost", "best", p}, 2,
       "unknown cost model 'best' (expected paper, tsum-dask, tsum-js or entropy)"},
      {"Option: unknown output format", {"--format", "xml", p}, 2,
       "unknown --format 'xml' (expected text, json, markdown, html or csv)"},
      {"Option: unknown input format", {"--input-format", "xls", p}, 2,
       "unknown input format 'xls' (expected csv, tsv, json, jsonl, parquet or arrow)"},
      {"Option: --threads not a number", {"--threads", "many", p}, 2,
       "Could not convert: --threads = many (run tsum --help)"},
      {"Option: --threads too large", {"--threads", "100000", p}, 2,
       "--threads must be between 0 (all cores) and 1024, got 100000"},
      {"Option: negative --limit", {"--limit", "-1", p}, 2, "--limit must be 0 or more, got -1"},
      {"Option: --completions for an unknown shell", {"--completions", "tcsh"}, 2,
       "--completions: unknown shell 'tcsh' (expected bash, zsh or fish)", "", false},
      {"Option: --delimiter of two characters", {"--delimiter", "ab", p}, 2,
       "--delimiter must be one character other than a quote or newline (or 'tab'), got 'ab'"},
      {"Option: bad --bins", {"--bins", "lots", p}, 2, "--bins: expected none, auto or a number of bins, got 'lots'"},
      {"Option: bad --type", {"--type", "age=int", p}, 2,
       "--type age=int: unknown type 'int' (expected string, integer, float, boolean, date or timestamp)"},
      {"Option: bad --max-memory", {"--max-memory", "12Q", p}, 2,
       "--max-memory: expected a size such as 512M, 4G or 1.5G (K, M, G, T are powers of 1024), or none; got '12Q'"},
      {"Option: unknown option", {"--colour", p}, 2, "The following argument was not expected: --colour (run tsum --help)"},
      {"Option: no input", {}, 2, "INPUT is required (run tsum --help)"},
      {"Option: unknown column (a near miss)", {"--columns", "gendr", p}, 2,
       "unknown column 'gendr' (did you mean 'gender'?)"},
      {"Option: unknown column", {"--exclude", "zzzzzzzz", p}, 2,
       "unknown column 'zzzzzzzz' (columns: 'gender', 'age', 'blood_pressure')"},
      {"Option: empty --columns", {"--columns", "", p}, 2, "--columns: no column names given"},
      {"Option: --exclude every column", {"--exclude", "gender,age,blood_pressure", p}, 2,
       "--exclude leaves no column to summarize"},
      {"Option: --query with a file", {"--query", "SELECT 1", p}, 2,
       "--query applies to database inputs (postgresql://, postgres://, sqlite://), not to " + p},
  };
  for (const Case& c : cases) expect_error(c, dir);
}

TEST(BadInputDatabase, SqliteFailures) {
  TempDir dir;
  std::string missing = "sqlite://" + dir.path("missing.db") + "?table=t";
  std::string not_db = dir.file("table.csv", "a,b\n1,2\n");
  // A real database with one table, made by the reader's own engine through the CLI is
  // not possible; an empty file is a valid (empty) SQLite database.
  std::string empty_db = dir.file("empty.db", "");
  const Case cases[] = {
      {"SQLite: no such database file", {missing}, 1,
       missing + ": cannot open " + dir.path("missing.db") + ": No such file or directory"},
      {"SQLite: not a database", {"sqlite://" + not_db + "?table=t"}, 1,
       "sqlite://" + not_db + "?table=t: cannot read table t: file is not a database"},
      {"SQLite: no such table", {"sqlite://" + empty_db + "?table=people"}, 1,
       "sqlite://" + empty_db + "?table=people: cannot read table people: no such table: people"},
      {"SQLite: SQL syntax error", {"sqlite://" + empty_db, "--query", "SELEC 1"}, 1,
       "sqlite://" + empty_db + ": query failed: near \"SELEC\": syntax error"},
      {"SQLite: neither a table nor a query", {"sqlite://" + empty_db}, 2,
       "sqlite://" + empty_db + ": no table given: add ?table=NAME to the URL or pass --query \"SELECT ...\""},
  };
  for (const Case& c : cases) expect_error(c, dir);
}

TEST(BadInputDatabase, PostgresUnreachable) {
  TempDir dir;
  // Nothing listens on port 1 of the loopback interface.
  std::string url = "postgresql://alice@127.0.0.1:1/db?table=t";
  expect_error({"PostgreSQL: server unreachable", {url}, 1,
                url + ": cannot connect to PostgreSQL: connection to server at \"127.0.0.1\", port 1 failed: Connection "
                      "refused; Is the server running on that host and accepting TCP/IP connections?"},
               dir);
}

// The engine's settings for tests and measurements (src/engine/engine_settings.h): a value
// the setting does not take fails the run in one line, as a usage error, and no file is
// written (every WorkTable checks all six when it is built, whatever the run needs).
TEST(BadInputOptions, EngineSettingsFromTheEnvironment) {
  TempDir dir;
  const std::string bytes = "': expected a whole number of bytes (digits only, below 2^64)";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"TSUM_PAIR_COUNT_BYTES=64M", "TSUM_PAIR_COUNT_BYTES='64M" + bytes},
      {"TSUM_PAIR_GRID_BYTES=-1", "TSUM_PAIR_GRID_BYTES='-1" + bytes},
      {"TSUM_RUN_BOUND_BYTES=lots", "TSUM_RUN_BOUND_BYTES='lots" + bytes},
      {"TSUM_VALUE_BITMAP_BYTES=1e6", "TSUM_VALUE_BITMAP_BYTES='1e6" + bytes},
      {"TSUM_ROW_MAJOR=yes", "TSUM_ROW_MAJOR='yes': expected one of 0, 1, all"},
      {"TSUM_HISTOGRAM_ISA=avx512", "TSUM_HISTOGRAM_ISA='avx512': expected one of scalar, avx2, avx512bw, avx512gfni"},
  };
  for (const auto& [setting, message] : cases) {
    SCOPED_TRACE(setting);
    test::CommandResult r = test::run_command(
        {"/usr/bin/env", setting, test::tsum_binary(), "--cost", "entropy", kPatients, "-o", dir.path("out.json")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "tsum: error: " + message + "\n");
    EXPECT_TRUE(dir.listing().empty()) << "a failed run left a file behind";
  }
}

// SOURCE_DATE_EPOCH fixes the HTML report's date (in UTC); a malformed value fails the run
// before the input is read, in one line, as the reproducible-builds specification asks.
// Other formats show no date and do not read it.
TEST(BadInputOptions, SourceDateEpoch) {
  TempDir dir;
  auto html_with = [&](const std::string& epoch, const std::string& format = "html") {
    return test::run_command({"/usr/bin/env", "SOURCE_DATE_EPOCH=" + epoch, test::tsum_binary(), "--format", format,
                              kPatients, "-o", dir.path("out." + format)});
  };
  for (const std::string bad : {"yesterday", "1.5", "1e9", "-", "12 ", "+12", "1234567890123456789"}) {
    SCOPED_TRACE(bad);
    test::CommandResult r = html_with(bad);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err, "tsum: error: SOURCE_DATE_EPOCH='" + bad +
                         "': expected a whole number of seconds since 1970-01-01 00:00 UTC, as date +%s prints\n");
    EXPECT_TRUE(dir.listing().empty()) << "a failed run left a file behind";
  }
  for (const auto& [epoch, shown] : std::vector<std::pair<std::string, std::string>>{
           {"0", "1970-01-01 00:00 UTC"}, {"1764979200", "2025-12-06 00:00 UTC"}, {"-86400", "1969-12-31 00:00 UTC"}}) {
    SCOPED_TRACE(epoch);
    test::CommandResult r = html_with(epoch);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir.path("out.html"));
    const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(html.find("generated <b>" + shown + "</b>"), std::string::npos);
  }
  EXPECT_EQ(html_with("yesterday", "json").exit_code, 0);
}

// libpq is loaded at the first PostgreSQL read (src/io/postgres/libpq_library.h): when it
// cannot be, that read fails in one line naming the input and the library, and no file is
// written.
TEST(BadInputDatabase, LibpqCannotBeLoaded) {
  TempDir dir;
  const std::string url = "postgresql://alice@127.0.0.1:1/db?table=t";
  struct LoadCase {
    std::string library;
    std::string reason;
  };
  const std::vector<LoadCase> cases = {
      {"/nonexistent/libpq.so.5",
       "/nonexistent/libpq.so.5: cannot open shared object file: No such file or directory; TSUM_LIBPQ names the "
       "library to load"},
      {"libz.so.1", "the loaded library has no PQconnectdbParams; TSUM_LIBPQ names the library to load"},
  };
  for (const LoadCase& c : cases) {
    SCOPED_TRACE(c.library);
    test::CommandResult r = test::run_command(
        {"/usr/bin/env", "TSUM_LIBPQ=" + c.library, test::tsum_binary(), url, "-o", dir.path("out.json")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "tsum: error: " + url + ": cannot load libpq, which reading PostgreSQL needs: " + c.reason + "\n");
    EXPECT_TRUE(dir.listing().empty()) << "a failed run left a file behind";
  }
}

}  // namespace
}  // namespace tsum::bad_input
