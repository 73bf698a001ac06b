// The parts of the PostgreSQL reader that need no server: URL grammar and redaction,
// qualified names, the COPY text format, PostgreSQL text → canonical text, and the errors
// raised before or while connecting (usage errors, refused connections, bad URLs).
#include <gtest/gtest.h>

#include "io/postgres/database_url.h"
#include "io/postgres/pg_text.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum {
namespace {

using db::DatabaseUrl;

TEST(DatabaseUrl, SplitsAndRedacts) {
  DatabaseUrl u = db::parse_database_url("postgresql://alice:s3cr%40t@db.example:5433/sales?table=person&sslmode=disable");
  EXPECT_EQ(u.scheme, "postgresql");
  EXPECT_EQ(u.user, "alice");
  EXPECT_TRUE(u.has_password);
  EXPECT_EQ(u.password, "s3cr@t");
  EXPECT_EQ(u.location, "db.example:5433/sales");
  ASSERT_EQ(u.params.size(), 2u);
  EXPECT_EQ(u.params[0].key, "table");
  EXPECT_EQ(u.params[0].value, "person");
  EXPECT_EQ(db::display_url(u), "postgresql://alice@db.example:5433/sales?table=person&sslmode=disable");
  EXPECT_EQ(db::url_without_param(u, "table"), "postgresql://alice:s3cr%40t@db.example:5433/sales?sslmode=disable");

  DatabaseUrl p = db::parse_database_url("postgres://bob@h/d?password=hunter2&table=public.t");
  EXPECT_EQ(p.password, "hunter2");
  EXPECT_EQ(db::display_url(p), "postgres://bob@h/d?table=public.t");
  EXPECT_EQ(db::url_without_param(p, "table"), "postgres://bob@h/d?password=hunter2");

  // No user part; '?' and '@' in a password that libpq would accept.
  EXPECT_EQ(db::redact_input("postgresql:///local?table=t"), "postgresql:///local?table=t");
  EXPECT_EQ(db::redact_input("postgresql://u:p?w@h/d?table=t"), "postgresql://u@h/d?table=t");
  EXPECT_EQ(db::redact_input("data.csv"), "data.csv");
  EXPECT_EQ(display_input_name("postgresql://u:pw@h:1/d"), "postgresql://u@h:1/d");

  DatabaseUrl s = db::parse_database_url("sqlite:///tmp/my%20db.sqlite?table=%22T%22");
  EXPECT_EQ(s.location, "/tmp/my%20db.sqlite");
  EXPECT_EQ(s.params[0].value, "\"T\"");
}

TEST(DatabaseUrl, ScrubRemovesThePasswordEverywhere) {
  DatabaseUrl u = db::parse_database_url("postgresql://alice:pa%25ss@h/d?table=t");
  EXPECT_EQ(db::scrub("bad URI: \"postgresql://alice:pa%25ss@h/d?table=t\"", u), "bad URI: \"postgresql://alice@h/d?table=t\"");
  EXPECT_EQ(db::scrub("token \"pa%25ss\" and pa%ss", u), "token \"***\" and ***");
  EXPECT_THROW(db::parse_database_url("postgresql://u@h/d?password=%zz"), UsageError);
  try {
    db::parse_database_url("postgresql://u@h/d?password=se%zzcret");
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()).find("cret"), std::string::npos) << e.what();
  }
}

TEST(DatabaseUrl, QualifiedNames) {
  auto parts = [](std::string_view name) {
    std::vector<std::string> out;
    for (const auto& p : db::parse_qualified_name(name, "ctx")) out.push_back(p.text);
    return out;
  };
  EXPECT_EQ(parts("person"), (std::vector<std::string>{"person"}));
  EXPECT_EQ(parts("Public.Person"), (std::vector<std::string>{"Public", "Person"}));
  EXPECT_EQ(parts("\"My Schema\".\"Odd.\"\"Name\"\"\""), (std::vector<std::string>{"My Schema", "Odd.\"Name\""}));
  EXPECT_THROW(parts(""), UsageError);
  EXPECT_THROW(parts("a..b"), UsageError);
  EXPECT_THROW(parts("\"open"), UsageError);
  EXPECT_THROW(parts("a\"b\""), UsageError);
  EXPECT_EQ(db::quote_identifier("a\"b"), "\"a\"\"b\"");
}

TEST(DatabaseUrl, OneLine) {
  EXPECT_EQ(db::one_line("connection to server at \"h\", port 1 failed: Connection refused\n\tIs the server running?\n"),
            "connection to server at \"h\", port 1 failed: Connection refused; Is the server running?");
  EXPECT_EQ(db::one_line("FATAL:  password authentication failed\n"), "FATAL: password authentication failed");
  EXPECT_EQ(db::one_line("first.\nsecond:\nthird"), "first. second: third");
}

TEST(CanonicalText, Floats) {
  EXPECT_EQ(db::canonical_double(0.1), "0.1");
  EXPECT_EQ(db::canonical_double(1e-5), "1e-05");
  EXPECT_EQ(db::canonical_double(1e16), "1e+16");
  EXPECT_EQ(db::canonical_double(1e14), "1e+14");
  EXPECT_EQ(db::canonical_double(123456), "123456");
  EXPECT_EQ(db::canonical_double(-0.0), "-0");
  EXPECT_EQ(db::canonical_double(0.0001309607003215936), "0.0001309607003215936");
  EXPECT_EQ(db::canonical_double(1.0 / 0.0), "Infinity");
  EXPECT_EQ(db::canonical_float(0.1f), "0.1");
  EXPECT_EQ(db::canonical_float(3.4028235e38f), "3.4028235e+38");
}

TEST(PgText, CanonicalValues) {
  auto conv = [](pg::ValueKind kind, std::string_view text) {
    std::string scratch;
    std::string_view out;
    EXPECT_TRUE(pg::canonical_value(kind, text, scratch, out)) << text;
    return std::string(out);
  };
  using K = pg::ValueKind;
  EXPECT_EQ(conv(K::kFloat8, "0.1"), "0.1");
  EXPECT_EQ(conv(K::kFloat8, "0.10000000000000001"), "0.1");  // a pre-12 server's 17 digits
  EXPECT_EQ(conv(K::kFloat8, "100000000000000"), "1e+14");
  EXPECT_EQ(conv(K::kFloat8, "1e-05"), "1e-05");
  EXPECT_EQ(conv(K::kFloat8, "-0"), "-0");
  EXPECT_EQ(conv(K::kFloat8, "NaN"), "NaN");
  EXPECT_EQ(conv(K::kFloat8, "-Infinity"), "-Infinity");
  EXPECT_EQ(conv(K::kFloat4, "0.1"), "0.1");
  EXPECT_EQ(conv(K::kFloat4, "0.100000001"), "0.1");
  EXPECT_EQ(conv(K::kBool, "t"), "true");
  EXPECT_EQ(conv(K::kBool, "f"), "false");
  EXPECT_EQ(conv(K::kTimestamptz, "2024-02-29 11:45:00+00"), "2024-02-29 11:45:00");
  EXPECT_EQ(conv(K::kTimestamptz, "2024-02-29 11:45:00.25+00"), "2024-02-29 11:45:00.25");
  EXPECT_EQ(conv(K::kTimestamptz, "0044-03-15 12:00:00+00 BC"), "0044-03-15 12:00:00 BC");
  EXPECT_EQ(conv(K::kTimestamptz, "infinity"), "infinity");
  EXPECT_EQ(conv(K::kNumeric, "1.50"), "1.50");
  EXPECT_EQ(conv(K::kText, "t"), "t");
  std::string scratch;
  std::string_view out;
  EXPECT_FALSE(pg::canonical_value(K::kFloat8, "abc", scratch, out));
  EXPECT_FALSE(pg::canonical_value(K::kBool, "yes", scratch, out));

  EXPECT_EQ(pg::value_kind(20), K::kInteger);
  EXPECT_EQ(pg::value_kind(1700), K::kNumeric);
  EXPECT_EQ(pg::value_kind(25), K::kText);
  EXPECT_TRUE(pg::is_number_kind(K::kFloat4));
  EXPECT_FALSE(pg::is_number_kind(K::kBool));
}

TEST(PgText, CopyRows) {
  pg::CopyRowSplitter s;
  ASSERT_EQ(s.split("1\tabc\t\\N\t\t\\\\N\n"), 5u);
  EXPECT_EQ(s.field(0), "1");
  EXPECT_EQ(s.field(1), "abc");
  EXPECT_TRUE(s.is_null(2));
  EXPECT_FALSE(s.is_null(3));
  EXPECT_EQ(s.field(3), "");
  EXPECT_EQ(s.field(4), "\\N");  // the two characters \N, not NULL
  ASSERT_EQ(s.split("a\\tb\\nc\\\\d\\re\\bf\\fg\\vh\n"), 1u);
  EXPECT_EQ(s.field(0), "a\tb\nc\\d\re\bf\fg\vh");
  ASSERT_EQ(s.split("\\101\\x42\\x4a\\7\\q\\"), 1u);
  EXPECT_EQ(s.field(0), std::string("AB") + "J\x07q\\");
  ASSERT_EQ(s.split("caf\xc3\xa9\t\\N"), 2u);
  EXPECT_EQ(s.field(0), "caf\xc3\xa9");
  EXPECT_TRUE(s.is_null(1));
}

TEST(PgText, TrimStatement) {
  EXPECT_EQ(pg::trim_statement("SELECT 1"), "SELECT 1");
  EXPECT_EQ(pg::trim_statement("  SELECT 1 ;; \n"), "  SELECT 1");
  EXPECT_EQ(pg::trim_statement("SELECT 1; -- done\n"), "SELECT 1");
  EXPECT_EQ(pg::trim_statement("SELECT 1 /* a /* nested */ comment */ ;"), "SELECT 1");
  EXPECT_EQ(pg::trim_statement("SELECT '--;' -- x"), "SELECT '--;'");
  EXPECT_EQ(pg::trim_statement("SELECT 'it''s;' ;"), "SELECT 'it''s;'");
  EXPECT_EQ(pg::trim_statement("SELECT E'\\';' ;"), "SELECT E'\\';'");
  EXPECT_EQ(pg::trim_statement("SELECT \"a;--\" FROM t;"), "SELECT \"a;--\" FROM t");
  EXPECT_EQ(pg::trim_statement("SELECT $f$ ; -- $f$ ;"), "SELECT $f$ ; -- $f$");
  EXPECT_EQ(pg::trim_statement("SELECT $$x$$, $1;"), "SELECT $$x$$, $1");
  EXPECT_EQ(pg::trim_statement("SELECT 1 -- only a comment, no newline"), "SELECT 1");
  EXPECT_EQ(pg::trim_statement("SELECT 1; SELECT 2;"), "SELECT 1; SELECT 2");  // the server rejects two
  EXPECT_EQ(pg::trim_statement(" ; -- nothing"), "");
}

std::string read_error(const std::string& url, std::optional<std::string> query = {}) {
  ReadOptions o;
  o.query = std::move(query);
  try {
    read_table(url, o);
  } catch (const Error& e) {
    return std::string(e.exit_code() == 2 ? "usage: " : "data: ") + e.what();
  }
  return "no error";
}

TEST(PostgresErrors, UsageErrorsComeBeforeConnecting) {
  EXPECT_EQ(read_error("postgresql://u:pw@127.0.0.1:1/d"),
            "usage: postgresql://u@127.0.0.1:1/d: no table given: add ?table=NAME to the URL or pass --query \"SELECT ...\"");
  EXPECT_EQ(read_error("postgresql://u:pw@127.0.0.1:1/d?table=t", "SELECT 1"),
            "usage: postgresql://u@127.0.0.1:1/d?table=t: both ?table= and --query given; use one of them");
  EXPECT_EQ(read_error("postgresql://u:pw@127.0.0.1:1/d?table=t&table=u"),
            "usage: postgresql://u@127.0.0.1:1/d?table=t&table=u: ?table= given more than once");
  EXPECT_EQ(read_error("postgres://u@127.0.0.1:1/d?table="), "usage: postgres://u@127.0.0.1:1/d?table=: ?table= is empty");
}

TEST(PostgresErrors, RefusedConnection) {
  // Port 1 on the loopback: nothing listens there.
  std::string m = read_error("postgresql://tsum:VerySecret42@127.0.0.1:1/tsum?table=person");
  EXPECT_EQ(m,
            "data: postgresql://tsum@127.0.0.1:1/tsum?table=person: cannot connect to PostgreSQL: connection to server at "
            "\"127.0.0.1\", port 1 failed: Connection refused; Is the server running on that host and accepting TCP/IP "
            "connections?");
  EXPECT_EQ(m.find("VerySecret42"), std::string::npos);
}

TEST(PostgresErrors, LibpqMessagesQuotingTheUrlAreScrubbed) {
  // libpq's URI parser quotes the whole URI it was given in this message.
  std::string m = read_error("postgresql://tsum:VerySecret42@[::1/tsum?table=person");
  EXPECT_EQ(m.find("VerySecret42"), std::string::npos) << m;
  EXPECT_NE(m.find("cannot connect to PostgreSQL"), std::string::npos) << m;
  std::string p = read_error("postgresql://tsum@127.0.0.1:1/tsum?table=person&password=VerySecret42&port=x");
  EXPECT_EQ(p.find("VerySecret42"), std::string::npos) << p;
  std::string e = read_error("postgresql://tsum:Very%zzSecret@127.0.0.1:1/tsum?table=person");
  EXPECT_EQ(e.find("Secret"), std::string::npos) << e;
}

}  // namespace
}  // namespace tsum
