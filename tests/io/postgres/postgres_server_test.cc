// The PostgreSQL reader against a real server: canonical text of every type, tables,
// views, partitioned tables and queries, the same Table and summaries as the same data
// read from CSV (the seed's `person` table, also split across two databases as shards;
// vega birdstrikes and jobs), and the server-side errors, none showing the password.
//
// The server: ctest starts one per build directory with scripts/pg-test-server.sh (the
// fixture in CMakeLists.txt) and passes its state directory in TSUM_PG_SERVER_DIR; the
// superuser's URL is in $TSUM_PG_SERVER_DIR/url. TSUM_PG_URL, when set, names another
// server instead (a superuser URL to its `postgres` database). The first test process
// loads the test databases (under an advisory lock, once per server).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "io/postgres/postgres_reader.h"
#include "io/sqlite/db_test_tables.h"
#include "report/progress.h"
#include "support/run_command.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum {
namespace {

using test::Cell;
using test::TypedTable;

// Bump when the loaded data changes, so that a long-lived server (TSUM_PG_URL) reloads.
constexpr int kDataVersion = 4;

std::string admin_url() {
  if (const char* url = std::getenv("TSUM_PG_URL"); url && *url) return url;
  const char* dir = std::getenv("TSUM_PG_SERVER_DIR");
  if (!dir) return "";
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  std::getline(in, url);
  return url;
}

// The admin URL pointed at another database, with extra parameters.
std::string db_url(const std::string& admin, const std::string& database, const std::string& params = "") {
  size_t authority = admin.find("://") + 3;
  size_t slash = admin.find('/', authority);
  size_t question = admin.find('?', authority);
  std::string base = admin.substr(0, std::min(slash, question));
  std::string extra = question == std::string::npos ? "" : admin.substr(question + 1);
  std::string query = params;
  if (!extra.empty()) query += (query.empty() ? "" : "&") + extra;
  return base + "/" + database + (query.empty() ? "" : "?" + query);
}

std::string password_of(const std::string& url) {
  size_t authority = url.find("://") + 3;
  size_t at = url.find('@', authority);
  size_t colon = url.find(':', authority);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return "";
  return url.substr(colon + 1, at - colon - 1);
}

class Session {
 public:
  explicit Session(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(std::string("connect: ") + PQerrorMessage(conn_));
  }
  ~Session() { PQfinish(conn_); }
  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    ExecStatusType s = PQresultStatus(r);
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) throw std::runtime_error(sql.substr(0, 200) + ": " + error);
  }
  std::string value(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    std::string out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    return out;
  }
  // CREATE TABLE + COPY FROM STDIN of its CSV form. With `row_numbers`, a last column
  // tsum_row (bigserial) numbers the rows in load order: a heap does not keep the order in
  // which rows were inserted, so reads that must match row for row ORDER BY it.
  void load(const TypedTable& t, bool row_numbers = false) {
    std::string create = "CREATE TABLE \"" + t.name + "\" (", columns;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      create += (c ? ", \"" : "\"") + t.columns[c] + "\" " + test::pg_type_name(t.types[c]);
      columns += (c ? ", \"" : "\"") + t.columns[c] + "\"";
    }
    exec(create + (row_numbers ? ", tsum_row bigserial)" : ")"));
    PGresult* r = PQexec(conn_, ("COPY \"" + t.name + "\" (" + columns + ") FROM STDIN (FORMAT csv, HEADER true)").c_str());
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) throw std::runtime_error(std::string("COPY FROM: ") + PQerrorMessage(conn_));
    std::string csv = test::to_csv(t);
    if (PQputCopyData(conn_, csv.data(), static_cast<int>(csv.size())) != 1 || PQputCopyEnd(conn_, nullptr) != 1) {
      throw std::runtime_error(std::string("COPY data: ") + PQerrorMessage(conn_));
    }
    r = PQgetResult(conn_);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    while ((r = PQgetResult(conn_))) PQclear(r);
    if (!ok) throw std::runtime_error("COPY " + t.name + ": " + error);
  }

 private:
  PGconn* conn_;
};

const char* kTypesSql = R"(
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE types (
  i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric(10,2), num_free numeric,
  dom posint, b boolean, d date, ts timestamp, tstz timestamptz, t time, ttz timetz, iv interval,
  txt text, vc varchar(10), ch char(4), by bytea, js jsonb, u uuid, arr integer[], e mood);
INSERT INTO types VALUES
  (1, 100000, 9007199254740993, 0.1, 0.1, 1.5, 123.4500, 5, true, '2024-02-29', '2024-02-29 13:45:00',
   '2024-02-29 13:45:00+02', '13:45:00', '13:45:00+02', '1 day 2 hours', 'plain', 'x', 'ab', '\x00ff',
   '{"b": [1, 2], "a": 1}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{1,2}', 'happy'),
  (-32768, -2147483648, -9223372036854775808, 3.4028235e38, 1e16, -0.5, 'NaN', 1, false, '0044-03-15 BC',
   '2024-02-29 13:45:00.123456', '0044-03-15 12:00:00+00 BC', '23:59:59.5', '00:00:00-07:30', '-3 mons',
   'tab	and
newline \ back "quote" \N', 'ünï', 'a', '', 'null', '00000000-0000-0000-0000-000000000000', '{}', 'sad'),
  (0, 0, 0, '-0', 100000000000000, 0, 1e-20, NULL, NULL, 'infinity', '2024-01-01 00:00:00.5',
   'infinity', NULL, NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (NULL, NULL, NULL, 'NaN', 1e-05, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL),
  (NULL, NULL, NULL, NULL, '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL);
)";

class PgData {
 public:
  static PgData& get() {
    static PgData data;
    return data;
  }
  const std::string& admin() const { return admin_; }
  const std::string& error() const { return error_; }
  std::string url(const std::string& database, const std::string& params = "") const {
    return db_url(admin_, database, params);
  }

 private:
  PgData() : admin_(admin_url()) {
    if (admin_.empty()) {
      error_ =
          "no PostgreSQL test server: run these tests through ctest (its fixture starts one with "
          "scripts/pg-test-server.sh), or set TSUM_PG_URL, e.g. scripts/pg-test-server.sh run DIR -- " +
          std::string("<test binary>");
      return;
    }
    try {
      load();
    } catch (const std::exception& e) {
      error_ = std::string("loading the test databases failed: ") + e.what();
    }
  }

  void load() {
    Session admin(admin_);
    admin.exec("SELECT pg_advisory_lock(727274)");  // one loader at a time; others wait
    bool vega = std::filesystem::exists(test::vega_path_quiet("birdstrikes.csv")) &&
                std::filesystem::exists(test::vega_path_quiet("jobs.json"));
    std::string want = std::to_string(kDataVersion) + (vega ? " vega" : "");
    if (!admin.value("SELECT 1 FROM pg_database WHERE datname = 'tsum_test'").empty() &&
        Session(url("tsum_test")).value("SELECT to_regclass('tsum_loaded') IS NOT NULL AND "
                                        "(SELECT what FROM tsum_loaded) = '" + want + "'") == "t") {
      admin.exec("SELECT pg_advisory_unlock(727274)");
      return;
    }
    for (const char* name : {"tsum_test", "tsum_shard1", "tsum_shard2", "tsum_ascii"}) {
      admin.exec(std::string("DROP DATABASE IF EXISTS ") + name + " WITH (FORCE)");
    }
    admin.exec("CREATE DATABASE tsum_shard1");
    admin.exec("CREATE DATABASE tsum_shard2");
    admin.exec("CREATE DATABASE tsum_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    admin.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tsum_reader') THEN "
               "CREATE ROLE tsum_reader LOGIN PASSWORD 'reader-Pw-77'; END IF; END $$");
    admin.exec("CREATE DATABASE tsum_test");

    TypedTable person = test::person_table();
    {
      Session s(url("tsum_shard1"));
      s.load(person.slice(0, 2000));
    }
    {
      Session s(url("tsum_shard2"));
      s.load(person.slice(2000, person.rows.size()));
    }
    {
      Session s(url("tsum_ascii"));
      s.exec("CREATE TABLE t (a text)");
      s.exec("INSERT INTO t VALUES ('ok'), (E'bad \\xff byte')");
    }
    Session s(url("tsum_test"));
    s.load(person);
    s.exec(kTypesSql);
    // The seed's layout: one table, hash-partitioned (here by customer).
    s.exec("CREATE TABLE person_part (id bigint, customer_id bigint, name text, address text) "
           "PARTITION BY HASH (customer_id)");
    for (int i = 0; i < 4; ++i) {
      s.exec("CREATE TABLE person_part_" + std::to_string(i) + " PARTITION OF person_part FOR VALUES WITH (MODULUS 4, "
             "REMAINDER " + std::to_string(i) + ")");
    }
    s.exec("INSERT INTO person_part SELECT * FROM person");
    s.exec("CREATE VIEW person_view AS SELECT customer_id, name FROM person");
    s.exec("CREATE SCHEMA \"Mixed Case\"");
    s.exec("CREATE TABLE \"Mixed Case\".\"Odd.Name\" (\"A\" integer, b text)");
    s.exec("INSERT INTO \"Mixed Case\".\"Odd.Name\" VALUES (1, 'x'), (2, 'y')");
    s.exec("CREATE TABLE empty_t (a integer, b text)");
    s.exec("CREATE TABLE no_columns ()");
    s.exec("INSERT INTO no_columns DEFAULT VALUES");
    s.exec("CREATE TABLE secret (a integer)");
    s.exec("CREATE SEQUENCE seq");
    s.exec("GRANT CONNECT ON DATABASE tsum_test TO tsum_reader");
    s.exec("GRANT SELECT ON person TO tsum_reader");
    if (vega) {
      s.load(test::vega_table("birdstrikes.csv", "birdstrikes"), true);
      s.load(test::vega_table("jobs.json", "jobs"), true);
    }
    s.exec("CREATE TABLE tsum_loaded (what text)");
    s.exec("INSERT INTO tsum_loaded VALUES ('" + want + "')");
    s.exec("ANALYZE");
    admin.exec("SELECT pg_advisory_unlock(727274)");
  }

  std::string admin_;
  std::string error_;
};

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const PgData& data = PgData::get();
    if (!data.error().empty()) GTEST_FAIL() << data.error();
    password_ = password_of(data.admin());
  }
  std::string url(const std::string& database = "tsum_test", const std::string& params = "") const {
    return PgData::get().url(database, params);
  }
  Table read(const std::string& input, std::optional<std::string> query = {}) const {
    ReadOptions o;
    o.query = std::move(query);
    return read_table(input, o);
  }
  // The message of the error reading throws, checked to be free of the password.
  std::string error_of(const std::string& input, std::optional<std::string> query = {}) const {
    std::string message = "no error";
    try {
      read(input, std::move(query));
    } catch (const DataError& e) {
      message = e.what();
    } catch (const std::exception& e) {
      message = std::string("wrong exception type: ") + e.what();
    }
    if (!password_.empty()) {
      EXPECT_EQ(message.find(password_), std::string::npos) << "password in: " << message;
    }
    return message;
  }
  // The URL as messages show it.
  std::string shown(const std::string& input) const { return display_input_name(input); }

  std::string password_;
};

TEST_F(Postgres, CanonicalTextOfEveryType) {
  Table t = read(url("tsum_test", "table=types"));
  ASSERT_EQ(t.rows(), 5u);
  test::RawTable raw = test::cells(t);
  auto column = [&](const std::string& name) {
    std::vector<Cell> out;
    ptrdiff_t c = t.find_column(name);
    EXPECT_GE(c, 0) << name;
    for (const auto& row : raw.rows) out.push_back(row[c]);
    return out;
  };
  using V = std::vector<Cell>;
  const Cell N;
  EXPECT_EQ(column("i2"), (V{"1", "-32768", "0", N, N}));
  EXPECT_EQ(column("i4"), (V{"100000", "-2147483648", "0", N, N}));
  EXPECT_EQ(column("i8"), (V{"9007199254740993", "-9223372036854775808", "0", N, N}));
  EXPECT_EQ(column("f4"), (V{"0.1", "3.4028235e+38", "-0", "NaN", N}));
  EXPECT_EQ(column("f8"), (V{"0.1", "1e+16", "1e+14", "1e-05", "-Infinity"}));
  EXPECT_EQ(column("num"), (V{"1.50", "-0.50", "0.00", N, N}));
  EXPECT_EQ(column("num_free"), (V{"123.4500", "NaN", "0.00000000000000000001", N, N}));
  EXPECT_EQ(column("dom"), (V{"5", "1", N, N, N}));
  EXPECT_EQ(column("b"), (V{"true", "false", N, N, N}));
  EXPECT_EQ(column("d"), (V{"2024-02-29", "0044-03-15 BC", "infinity", N, N}));
  EXPECT_EQ(column("ts"), (V{"2024-02-29 13:45:00", "2024-02-29 13:45:00.123456", "2024-01-01 00:00:00.5", N, N}));
  EXPECT_EQ(column("tstz"), (V{"2024-02-29 11:45:00", "0044-03-15 12:00:00 BC", "infinity", N, N}));
  EXPECT_EQ(column("t"), (V{"13:45:00", "23:59:59.5", N, N, N}));
  EXPECT_EQ(column("ttz"), (V{"13:45:00+02", "00:00:00-07:30", N, N, N}));
  EXPECT_EQ(column("iv"), (V{"1 day 02:00:00", "-3 mons", N, N, N}));
  EXPECT_EQ(column("txt"), (V{"plain", "tab\tand\nnewline \\ back \"quote\" \\N", "", N, N}));
  EXPECT_EQ(column("vc"), (V{"x", "ünï", N, N, N}));
  EXPECT_EQ(column("ch"), (V{"ab  ", "a   ", N, N, N}));
  EXPECT_EQ(column("by"), (V{"\\x00ff", "\\x", N, N, N}));
  EXPECT_EQ(column("js"), (V{"{\"a\": 1, \"b\": [1, 2]}", "null", N, N, N}));
  EXPECT_EQ(column("u"), (V{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000", N, N, N}));
  EXPECT_EQ(column("arr"), (V{"{1,2}", "{}", N, N, N}));
  EXPECT_EQ(column("e"), (V{"happy", "sad", N, N, N}));
  for (const char* numeric : {"i2", "i4", "i8", "f4", "f8", "num", "num_free", "dom"}) {
    EXPECT_EQ(t.column(t.find_column(numeric)).type(), ValueType::kNumeric) << numeric;
  }
  for (const char* text : {"b", "d", "ts", "tstz", "t", "ttz", "iv", "txt", "vc", "ch", "by", "js", "u", "arr", "e"}) {
    EXPECT_EQ(t.column(t.find_column(text)).type(), ValueType::kString) << text;
  }
}

// A heap returns rows in its own order (not necessarily the order of loading), so a
// ?table= read is compared with the CSV as a multiset of rows (plus names and types), and
// row-for-row comparisons and summaries read with --query ... ORDER BY.
const char* kPersonOrdered = "SELECT * FROM person ORDER BY id";

TEST_F(Postgres, PersonEqualsCsvUnderEveryCostModel) {
  test::TempDir dir;
  Table want = test::read_as_csv(test::person_table(), dir.path());
  Table got = read(url(), kPersonOrdered);
  test::expect_same_table(got, want, "person");
  test::expect_same_summaries(got, want, "person");
  test::expect_same_rows_in_any_order(read(url("tsum_test", "table=person")), want, "?table=person");
  // postgres:// and a schema-qualified, upper-case name (folded as in SQL).
  std::string alt = url("tsum_test", "table=Public.PERSON");
  alt.replace(0, alt.find("://"), "postgres");
  test::expect_same_rows_in_any_order(read(alt), want, "postgres://, ?table=Public.PERSON");
  // Small chunks, encoded by 1 or 3 threads, give the same Table.
  for (unsigned threads : {1u, 3u}) {
    PostgresOptions small;
    small.query = kPersonOrdered;
    small.chunk_rows = 7;
    small.threads = threads;
    test::expect_same_table(read_postgres(url(), small), want, "7-row chunks, threads " + std::to_string(threads));
  }
}

// Progress: the rows received so far, batch by batch, with no total (the server does not
// say how many rows a query returns); the end reports them all.
TEST_F(Postgres, ProgressReportsRowsReceived) {
  std::vector<Progress> seen;
  ProgressCallback callback = [&](const Progress& p) { seen.push_back(p); };
  {
    ProgressMeter meter(callback, Progress{.stage = Progress::Stage::kRead}, std::chrono::milliseconds(0));
    PostgresOptions o;
    o.query = kPersonOrdered;
    o.chunk_rows = 1000;
    o.threads = 1;
    o.progress = &meter;
    EXPECT_EQ(read_postgres(url(), o).rows(), 4000u);
  }
  ASSERT_GE(seen.size(), 2u);
  std::set<uint64_t> distinct;
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].stage, Progress::Stage::kRead);
    EXPECT_EQ(seen[i].done, i + 1 == seen.size()) << i;
    EXPECT_EQ(seen[i].rows_total, 0u);
    if (i > 0) {
      EXPECT_GE(seen[i].rows_done, seen[i - 1].rows_done) << i;
    }
    distinct.insert(seen[i].rows_done);
  }
  EXPECT_EQ(distinct, (std::set<uint64_t>{0, 1000, 2000, 3000, 4000}));

  std::vector<Progress> again;
  ReadOptions ro;
  ro.query = kPersonOrdered;
  ro.progress = [&](const Progress& p) { again.push_back(p); };
  EXPECT_EQ(read_table(url(), ro).rows(), 4000u);
  ASSERT_GE(again.size(), 2u);
  EXPECT_EQ(again.front().rows_done, 0u);
  EXPECT_TRUE(again.back().done);
  EXPECT_EQ(again.back().rows_done, 4000u);
}

TEST_F(Postgres, ShardsReadAsOneTable) {
  test::TempDir dir;
  Table want = test::read_as_csv(test::person_table(), dir.path());
  Table single = read(url(), kPersonOrdered);
  ReadOptions o;
  o.query = kPersonOrdered;  // runs on every shard
  Table sharded = read_tables({url("tsum_shard1"), url("tsum_shard2")}, o);
  test::expect_same_table(sharded, single, "two shards");
  test::expect_same_summaries(sharded, single, "two shards");
  test::expect_same_table(sharded, want, "two shards vs CSV");
  test::expect_same_rows_in_any_order(
      read_tables({url("tsum_shard1", "table=person"), url("tsum_shard2", "table=person")}), want,
      "two shards, ?table=person");
  // The seed's hash-partitioned table reads whole.
  test::expect_same_rows_in_any_order(read(url("tsum_test", "table=person_part")), want, "partitioned");
  test::expect_same_table(read(url(), "SELECT * FROM person_part ORDER BY id;"), want, "partitioned, ordered");
}

TEST_F(Postgres, VegaBirdstrikesAndJobsEqualCsv) {
  test::TempDir dir;
  for (auto [file, name] : {std::pair{"birdstrikes.csv", "birdstrikes"}, std::pair{"jobs.json", "jobs"}}) {
    TypedTable t = test::vega_table(file, name);
    if (t.columns.empty()) continue;  // vega_table recorded the failure (run `make testdata`)
    Table want = test::read_as_csv(t, dir.path());
    std::string select;
    for (const std::string& c : t.columns) select += (select.empty() ? "SELECT \"" : ", \"") + c + "\"";
    Table got = read(url(), select + " FROM " + name + " ORDER BY tsum_row");
    test::expect_same_table(got, want, name);
    test::expect_same_summaries(got, want, name);
    Table whole = read(url("tsum_test", std::string("table=") + name)).select({}, {"tsum_row"});
    test::expect_same_rows_in_any_order(whole, want, std::string("?table=") + name);
  }
}

TEST_F(Postgres, TablesViewsAndQueries) {
  Table odd = read(url("tsum_test", "table=%22Mixed%20Case%22.%22Odd.Name%22"));
  EXPECT_EQ(odd.column_names(), (std::vector<std::string>{"A", "b"}));
  EXPECT_EQ(test::cells(odd).rows, (std::vector<std::vector<Cell>>{{"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(read(url("tsum_test", "table=person_view")).column_names(),
            (std::vector<std::string>{"customer_id", "name"}));
  Table empty = read(url("tsum_test", "table=empty_t"));
  EXPECT_EQ(empty.rows(), 0u);
  EXPECT_EQ(empty.column_names(), (std::vector<std::string>{"a", "b"}));
  // A query with a comment at the end, blanks and a semicolon.
  Table q = read(url(), "\n  SELECT customer_id AS c, count(*) AS n FROM person GROUP BY 1 ORDER BY 1 LIMIT 3 ; -- top\n");
  EXPECT_EQ(q.column_names(), (std::vector<std::string>{"c", "n"}));
  EXPECT_EQ(q.rows(), 3u);
  EXPECT_EQ(test::cells(read(url(), "VALUES (1, 'a'), (2, NULL)")).rows,
            (std::vector<std::vector<Cell>>{{"1", "a"}, {"2", Cell()}}));
}

TEST_F(Postgres, ServerErrorsWithContext) {
  std::string u = url("tsum_test", "table=nosuch");
  EXPECT_EQ(error_of(u), shown(u) + ": cannot read table nosuch: relation \"nosuch\" does not exist");
  u = url("tsum_test", "table=a.b.c.d");
  EXPECT_EQ(error_of(u), shown(u) + ": cannot read table a.b.c.d: improper relation name (too many dotted names): a.b.c.d");
  u = url();
  EXPECT_EQ(error_of(u, "SELEC * FROM person"),
            shown(u) + ": query failed: syntax error at or near \"SELEC\" (at character 1 of the query)");
  EXPECT_EQ(error_of(u, "SELECT nome FROM person"),
            shown(u) + ": query failed: column \"nome\" does not exist (at character 8 of the query) HINT: Perhaps "
                       "you meant to reference the column \"person.name\".");
  EXPECT_EQ(error_of(u, "SELECT id FROM persn"),
            shown(u) + ": query failed: relation \"persn\" does not exist (at character 16 of the query)");
  EXPECT_EQ(error_of(u, "SELECT 1; SELECT 2"),
            shown(u) + ": query failed: cannot insert multiple commands into a prepared statement");
  // Errors while rows stream, after some have arrived.
  EXPECT_EQ(error_of(u, "SELECT 1 / (id - 3000) FROM person"), shown(u) + ": query failed: division by zero");
  EXPECT_EQ(error_of(u, "SELECT nextval('seq')"),
            shown(u) + ": query failed: cannot execute nextval() in a read-only transaction");
  EXPECT_EQ(error_of(u, "SELECT FROM person"), shown(u) + ": the query returns no columns");
  EXPECT_EQ(error_of(url("tsum_test", "table=no_columns")),
            shown(url("tsum_test", "table=no_columns")) + ": table no_columns has no columns");
  EXPECT_EQ(error_of(u, "SELECT 1 AS a, 2 AS a"), shown(u) + ": duplicate column name 'a' (columns 1 and 2)");
  EXPECT_EQ(error_of(u, "SELECT $1::int"),
            shown(u) + ": query failed: there is no parameter $1 (at character 8 of the query)");
  std::string ascii = url("tsum_ascii", "table=t");
  // Bytes that are not UTF-8 in a SQL_ASCII database: the server refuses to convert them.
  EXPECT_EQ(error_of(ascii), shown(ascii) + ": cannot read table t: invalid byte sequence for encoding \"UTF8\": 0xff");
}

TEST_F(Postgres, ConnectionErrorsNeverShowThePassword) {
  std::string admin = PgData::get().admin();
  std::string port = admin.substr(admin.rfind(':') + 1);
  port = port.substr(0, port.find('/'));
  std::string prefix = "cannot connect to PostgreSQL: connection to server at \"127.0.0.1\", port " + port + " failed: ";
  std::string bad = "postgresql://tsum:Wrong-Pw-31337@127.0.0.1:" + port + "/tsum_test?table=person";
  std::string m = error_of(bad);
  EXPECT_EQ(m, shown(bad) + ": " + prefix + "FATAL: password authentication failed for user \"tsum\"");
  EXPECT_EQ(m.find("Wrong-Pw-31337"), std::string::npos);
  EXPECT_EQ(shown(bad), "postgresql://tsum@127.0.0.1:" + port + "/tsum_test?table=person");
  // The password as a parameter.
  std::string param = "postgresql://tsum@127.0.0.1:" + port + "/tsum_test?password=Wrong-Pw-31337&table=person";
  m = error_of(param);
  EXPECT_EQ(m, "postgresql://tsum@127.0.0.1:" + port + "/tsum_test?table=person: " + prefix +
                   "FATAL: password authentication failed for user \"tsum\"");
  // An unknown database, with the right password.
  std::string nodb = url("nosuchdb", "table=person");
  EXPECT_EQ(error_of(nodb), shown(nodb) + ": " + prefix + "FATAL: database \"nosuchdb\" does not exist");
  // A user without the privilege.
  std::string reader = "postgresql://tsum_reader:reader-Pw-77@127.0.0.1:" + port + "/tsum_test?table=secret";
  m = error_of(reader);
  EXPECT_EQ(m, shown(reader) + ": cannot read table secret: permission denied for table secret");
  EXPECT_EQ(m.find("reader-Pw-77"), std::string::npos);
  EXPECT_EQ(read("postgresql://tsum_reader:reader-Pw-77@127.0.0.1:" + port + "/tsum_test?table=person").rows(), 4000u);
}

TEST_F(Postgres, CommandLine) {
  test::TempDir dir;
  test::write_file(dir.path() + "/person.csv", test::to_csv(test::person_table()));
  auto body = [](const std::string& json) { return json.substr(json.find(",\"")); };
  for (const char* cost : {"paper", "tsum-dask", "tsum-js"}) {
    auto csv = test::run_command({test::tsum_binary(), "--format", "json", "--cost", cost, dir.path() + "/person.csv"});
    auto single = test::run_command({test::tsum_binary(), "--format", "json", "--cost", cost, "--query", kPersonOrdered, url()});
    auto shards = test::run_command({test::tsum_binary(), "--format", "json", "--cost", cost, "--query", kPersonOrdered,
                                     url("tsum_shard1"), url("tsum_shard2")});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    ASSERT_EQ(single.exit_code, 0) << single.err;
    ASSERT_EQ(shards.exit_code, 0) << shards.err;
    EXPECT_EQ(body(single.out), body(csv.out)) << cost;
    EXPECT_EQ(body(shards.out), body(csv.out)) << cost;
    // The report names the inputs, never with their password.
    EXPECT_EQ(single.out.rfind("{\"input\":" + std::string("\"") + shown(url()) + "\"", 0), 0u) << single.out;
    if (!password_.empty()) {
      EXPECT_EQ(single.out.find(password_), std::string::npos) << single.out;
      EXPECT_EQ(shards.out.find(password_), std::string::npos) << shards.out;
    }
  }
  std::string missing = url("tsum_test", "table=nosuch");
  auto r = test::run_command({test::tsum_binary(), missing});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tsum: error: " + shown(missing) + ": cannot read table nosuch: relation \"nosuch\" does not exist\n");
  r = test::run_command({test::tsum_binary(), "--query", "SELEC 1", url()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tsum: error: " + shown(url()) +
                       ": query failed: syntax error at or near \"SELEC\" (at character 1 of the query)\n");
  r = test::run_command({test::tsum_binary(), url()});
  EXPECT_EQ(r.exit_code, 2);
  // Shards whose columns differ: named without their passwords.
  r = test::run_command({test::tsum_binary(), url("tsum_test", "table=person"), url("tsum_test", "table=person_view")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("inputs have different columns"), std::string::npos) << r.err;
  if (!password_.empty()) {
    EXPECT_EQ(r.err.find(password_), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace tsum
