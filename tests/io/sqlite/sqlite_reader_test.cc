// The SQLite reader: values by storage class, tables and queries, the same Table and
// summaries as the same data read from CSV, several files as one table, and every error.
// Each test builds its database with the sqlite3 C API in a temporary directory.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "io/sqlite/db_test_tables.h"
#include "io/sqlite/sqlite_reader.h"
#include "support/run_command.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum {
namespace {

using test::Cell;
using test::SqlType;
using test::TypedTable;

class Db {
 public:
  explicit Db(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK) << path;
  }
  ~Db() { sqlite3_close(db_); }
  void exec(const std::string& sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  // Creates and fills the table, binding values by the column's type.
  void load(const TypedTable& t) {
    std::string create = "CREATE TABLE \"" + t.name + "\" (", insert = "INSERT INTO \"" + t.name + "\" VALUES (";
    for (size_t c = 0; c < t.columns.size(); ++c) {
      create += (c ? ", \"" : "\"") + t.columns[c] + "\" " + test::sqlite_type_name(t.types[c]);
      insert += c ? ", ?" : "?";
    }
    exec(create + ")");
    exec("BEGIN");
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, (insert + ")").c_str(), -1, &stmt, nullptr), SQLITE_OK);
    for (const auto& row : t.rows) {
      sqlite3_reset(stmt);
      for (size_t c = 0; c < row.size(); ++c) {
        int i = static_cast<int>(c) + 1;
        if (!row[c]) sqlite3_bind_null(stmt, i);
        else if (t.types[c] == SqlType::kBigint) sqlite3_bind_int64(stmt, i, std::stoll(*row[c]));
        else if (t.types[c] == SqlType::kDouble) sqlite3_bind_double(stmt, i, std::strtod(row[c]->c_str(), nullptr));
        else sqlite3_bind_text(stmt, i, row[c]->data(), static_cast<int>(row[c]->size()), SQLITE_TRANSIENT);
      }
      ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    }
    sqlite3_finalize(stmt);
    exec("COMMIT");
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteReader : public ::testing::Test {
 protected:
  std::string url(const std::string& file, const std::string& params = "") {
    return "sqlite://" + dir_.path() + "/" + file + params;
  }
  std::string path(const std::string& file) { return dir_.path() + "/" + file; }
  Table read(const std::string& input, std::optional<std::string> query = {}) {
    ReadOptions o;
    o.query = std::move(query);
    return read_table(input, o);
  }
  // The message of the Error that reading throws ("" when nothing is thrown).
  template <class E = DataError>
  std::string error_of(const std::string& input, std::optional<std::string> query = {}) {
    try {
      read(input, std::move(query));
    } catch (const E& e) {
      return e.what();
    } catch (const std::exception& e) {
      return std::string("wrong exception type: ") + e.what();
    }
    return "";
  }

  test::TempDir dir_;
};

TEST_F(SqliteReader, ValuesByStorageClass) {
  {
    Db db(path("v.db"));
    db.exec("CREATE TABLE v (i, r, t, b, n, mixed)");
    db.exec("INSERT INTO v VALUES (42, 0.1, 'héllo', x'00ff10', NULL, 7)");
    db.exec("INSERT INTO v VALUES (-9223372036854775808, 1e16, 'tab\there', x'', NULL, 'seven')");
    db.exec("INSERT INTO v VALUES (0, 1e-5, '', NULL, NULL, 7.5)");
    db.exec("INSERT INTO v VALUES (9223372036854775807, -0.0, 'line\nbreak', NULL, NULL, NULL)");
    db.exec("INSERT INTO v VALUES (1, 1e999, '12', NULL, NULL, NULL)");
    db.exec("INSERT INTO v VALUES (2, 100000000000000.0, 'x', NULL, NULL, NULL)");
  }
  Table t = read(url("v.db", "?table=v"));
  ASSERT_EQ(t.column_names(), (std::vector<std::string>{"i", "r", "t", "b", "n", "mixed"}));
  test::RawTable raw = test::cells(t);
  std::vector<std::vector<Cell>> want = {
      {"42", "0.1", "héllo", "\\x00ff10", {}, "7"},
      {"-9223372036854775808", "1e+16", "tab\there", "\\x", {}, "seven"},
      {"0", "1e-05", "", {}, {}, "7.5"},
      {"9223372036854775807", "-0", "line\nbreak", {}, {}, {}},
      {"1", "Infinity", "12", {}, {}, {}},
      {"2", "1e+14", "x", {}, {}, {}},
  };
  EXPECT_EQ(raw.rows, want);
  EXPECT_EQ(t.column(0).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(1).type(), ValueType::kNumeric);
  // TEXT that looks like a number is still text: the storage class decides.
  EXPECT_EQ(t.column(2).type(), ValueType::kString);
  EXPECT_EQ(t.column(3).type(), ValueType::kString);
  EXPECT_EQ(t.column(4).type(), ValueType::kString);  // all NULL
  EXPECT_EQ(t.column(5).type(), ValueType::kString);  // one TEXT among numbers
}

TEST_F(SqliteReader, NumbersOnlyColumnIsNumericAndTextDigitsAreNot) {
  {
    Db db(path("n.db"));
    db.exec("CREATE TABLE n (a INTEGER, b TEXT)");
    db.exec("INSERT INTO n VALUES (1, '1'), (2, '2'), (NULL, NULL)");
  }
  Table t = read(url("n.db", "?table=n"));
  EXPECT_EQ(t.column(0).type(), ValueType::kNumeric);
  EXPECT_EQ(t.column(1).type(), ValueType::kString);
}

TEST_F(SqliteReader, PersonEqualsCsvUnderEveryCostModel) {
  TypedTable person = test::person_table();
  {
    Db db(path("p.db"));
    db.load(person);
  }
  Table got = read(url("p.db", "?table=person"));
  Table want = test::read_as_csv(person, dir_.path());
  test::expect_same_table(got, want, "person");
  test::expect_same_summaries(got, want, "person");
  // The reader's chunking never shows in the result.
  SqliteOptions small;
  small.chunk_rows = 7;
  test::expect_same_table(read_sqlite(url("p.db", "?table=person"), small), want, "person, 7-row chunks");
}

TEST_F(SqliteReader, ShardsReadAsOneTable) {
  TypedTable person = test::person_table();
  {
    Db one(path("shard1.db"));
    one.load(person.slice(0, 2000));
    Db two(path("shard2.db"));
    two.load(person.slice(2000, person.rows.size()));
  }
  Table want = test::read_as_csv(person, dir_.path());
  Table sharded = read_tables({url("shard1.db", "?table=person"), url("shard2.db", "?table=person")});
  test::expect_same_table(sharded, want, "two shards");
  test::expect_same_summaries(sharded, want, "two shards");
  // --query runs on every shard.
  ReadOptions o;
  o.query = "SELECT id, customer_id, name, address FROM person ORDER BY id";
  test::expect_same_table(read_tables({url("shard1.db"), url("shard2.db")}, o), want, "two shards, --query");
}

TEST_F(SqliteReader, VegaBirdstrikesAndJobsEqualCsv) {
  for (auto [file, name] : {std::pair{"birdstrikes.csv", "birdstrikes"}, std::pair{"jobs.json", "jobs"}}) {
    TypedTable t = test::vega_table(file, name);
    if (t.columns.empty()) continue;  // vega_table recorded the failure (run `make testdata`)
    {
      Db db(path(std::string(name) + ".db"));
      db.load(t);
    }
    Table got = read(url(std::string(name) + ".db", std::string("?table=") + name));
    Table want = test::read_as_csv(t, dir_.path());
    test::expect_same_table(got, want, name);
    test::expect_same_summaries(got, want, name);
  }
}

TEST_F(SqliteReader, QueriesAndQualifiedNames) {
  {
    Db db(path("q.db"));
    db.exec("CREATE TABLE \"Odd.Name \"\"x\"\"\" (a, b)");
    db.exec("INSERT INTO \"Odd.Name \"\"x\"\"\" VALUES (1, 'p'), (2, 'q'), (3, 'p')");
    db.exec("CREATE VIEW w AS SELECT b, count(*) AS n FROM \"Odd.Name \"\"x\"\"\" GROUP BY b");
  }
  // "Odd.Name \"x\"" percent-encoded in the URL: %22 quote, %20 space.
  Table t = read(url("q.db", "?table=main.%22Odd.Name%20%22%22x%22%22%22"));
  EXPECT_EQ(t.rows(), 3u);
  EXPECT_EQ(read(url("q.db", "?table=W")).rows(), 2u);  // views; names are case-insensitive
  Table q = read(url("q.db"), "  SELECT b AS letter, a * 2 AS twice FROM \"Odd.Name \"\"x\"\"\" WHERE a > 1 ORDER BY a; -- done\n");
  EXPECT_EQ(test::cells(q).rows, (std::vector<std::vector<Cell>>{{"q", "4"}, {"p", "6"}}));
  EXPECT_EQ(q.column_names(), (std::vector<std::string>{"letter", "twice"}));
  Table empty = read(url("q.db"), "SELECT n FROM w WHERE 0");
  EXPECT_EQ(empty.rows(), 0u);
}

TEST_F(SqliteReader, NeverCreatesOrChangesTheDatabase) {
  std::string missing = path("missing.db");
  EXPECT_EQ(error_of(url("missing.db", "?table=t")),
            url("missing.db", "?table=t") + ": cannot open " + missing + ": No such file or directory");
  EXPECT_FALSE(std::filesystem::exists(missing));
  {
    Db db(path("w.db"));
    db.exec("CREATE TABLE t (a)");
  }
  EXPECT_EQ(error_of(url("w.db"), "INSERT INTO t VALUES (1) RETURNING a"),
            url("w.db") + ": query failed: attempt to write a readonly database");
}

TEST_F(SqliteReader, Errors) {
  {
    Db db(path("e.db"));
    db.exec("CREATE TABLE t (a, b)");
    db.exec("INSERT INTO t VALUES (1, CAST(x'61ff62' AS TEXT))");
  }
  test::write_file(path("not.db"), "this is not a database, just some text that is long enough to have a header");
  std::filesystem::create_directory(path("dir.db"));

  EXPECT_EQ(error_of(url("e.db", "?table=nope")), url("e.db", "?table=nope") + ": cannot read table nope: no such table: nope");
  EXPECT_EQ(error_of(url("e.db"), "SELEC a FROM t"), url("e.db") + ": query failed: near \"SELEC\": syntax error");
  EXPECT_EQ(error_of(url("e.db"), "SELECT nope FROM t"), url("e.db") + ": query failed: no such column: nope");
  EXPECT_EQ(error_of(url("e.db"), "SELECT 1; SELECT 2"),
            url("e.db") + ": query failed: --query holds more than one statement");
  EXPECT_EQ(error_of(url("e.db"), "SELECT a, b AS a FROM t"), url("e.db") + ": duplicate column name 'a' (columns 1 and 2)");
  EXPECT_EQ(error_of(url("e.db", "?table=t")),
            url("e.db", "?table=t") + ": row 1, column \"b\": invalid UTF-8, byte 0xFF at byte offset 1");
  EXPECT_EQ(error_of(url("not.db", "?table=t")), url("not.db", "?table=t") + ": cannot read table t: file is not a database");
  EXPECT_EQ(error_of(url("dir.db", "?table=t")), url("dir.db", "?table=t") + ": cannot open " + path("dir.db") + ": Is a directory");

  EXPECT_EQ(error_of<UsageError>(url("e.db")),
            url("e.db") + ": no table given: add ?table=NAME to the URL or pass --query \"SELECT ...\"");
  EXPECT_EQ(error_of<UsageError>(url("e.db", "?table=t"), "SELECT 1"),
            url("e.db", "?table=t") + ": both ?table= and --query given; use one of them");
  EXPECT_EQ(error_of<UsageError>(url("e.db", "?table=t&mode=ro")),
            url("e.db", "?table=t&mode=ro") + ": unknown URL parameter 'mode' (a sqlite:// URL takes only table=)");
  EXPECT_EQ(error_of<UsageError>(url("e.db", "?table=%22t")),
            url("e.db", "?table=%22t") + ": bad table name '\"t': unterminated quoted identifier");
  EXPECT_EQ(error_of<UsageError>("sqlite://?table=t"), "sqlite://?table=t: no file path given (sqlite:///path/to/file.db)");
  EXPECT_EQ(error_of<UsageError>("data.csv", "SELECT 1"),
            "--query applies to database inputs (postgresql://, postgres://, sqlite://), not to data.csv");
}

TEST_F(SqliteReader, BlobColumnsReadAsHex) {
  {
    Db db(path("b.db"));
    db.exec("CREATE TABLE b (k BLOB)");
    db.exec("INSERT INTO b VALUES (x'deadbeef'), (x'DEADBEEF'), (NULL)");
  }
  EXPECT_EQ(test::cells(read(url("b.db", "?table=b"))).rows,
            (std::vector<std::vector<Cell>>{{"\\xdeadbeef"}, {"\\xdeadbeef"}, {Cell()}}));
}

TEST_F(SqliteReader, CommandLine) {
  TypedTable person = test::person_table(500);
  {
    Db db(path("p.db"));
    db.load(person);
  }
  test::write_file(path("person.csv"), test::to_csv(person));
  auto db_run = test::run_command({test::tsum_binary(), "--format", "json", "--cost", "tsum-dask", url("p.db", "?table=person")});
  auto csv_run = test::run_command({test::tsum_binary(), "--format", "json", "--cost", "tsum-dask", path("person.csv")});
  ASSERT_EQ(db_run.exit_code, 0) << db_run.err;
  ASSERT_EQ(csv_run.exit_code, 0) << csv_run.err;
  // Everything after the input's name is the same.
  auto body = [](const std::string& json) { return json.substr(json.find(",\"")); };
  EXPECT_EQ(body(db_run.out), body(csv_run.out));

  auto bad = test::run_command({test::tsum_binary(), url("p.db", "?table=nope")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "tsum: error: " + url("p.db", "?table=nope") + ": cannot read table nope: no such table: nope\n");
  auto usage = test::run_command({test::tsum_binary(), url("p.db")});
  EXPECT_EQ(usage.exit_code, 2);
  auto query = test::run_command({test::tsum_binary(), "--query", "SELECT name FROM person", url("p.db")});
  EXPECT_EQ(query.exit_code, 0) << query.err;
}

}  // namespace
}  // namespace tsum
