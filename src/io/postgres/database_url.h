// Database URLs and the helpers the PostgreSQL and SQLite readers share: URL splitting,
// password redaction, SQL identifiers, one-line messages and the canonical text of
// floating-point values.
//
// Grammar (what read_table() accepts as a database INPUT):
//   postgresql://[user[:password]@][host][:port][/dbname][?param=value[&...]]
//   postgres://...                      (the same)
//   sqlite://PATH[?table=NAME]          PATH is everything up to '?', percent-decoded;
//                                       sqlite:///abs/file.db is /abs/file.db and
//                                       sqlite://rel/file.db is the relative rel/file.db
// Parameters are percent-decoded (%XX; '+' is a plus, not a space). `table=NAME` names the
// table to read; every other parameter of a PostgreSQL URL (sslmode, connect_timeout,
// password, ...) goes to libpq unchanged, whose URI syntax applies to the rest (several
// hosts, [IPv6] addresses, percent-encoded user and password). A SQLite URL takes no
// other parameter.
//
// NAME is an SQL (schema-)qualified name: parts separated by '.', each either bare
// (no '.' or '"') or double-quoted ("" stands for a quote inside). PostgreSQL folds bare
// parts to lower case, exactly as in SQL (`?table=Public.Person` is public.person,
// `?table="My Table"` keeps case and space); SQLite compares names case-insensitively.
//
// Redaction: display_url() is the URL without the password (the ":password" of the user
// part and any password= parameter); every message tsum prints names a database input by
// it, and scrub() removes the password from text that comes from libpq or the server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tsum::db {

bool is_postgres_url(std::string_view input);
bool is_sqlite_url(std::string_view input);
inline bool is_database_url(std::string_view input) { return is_postgres_url(input) || is_sqlite_url(input); }

struct UrlParam {
  std::string key;    // percent-decoded
  std::string value;  // percent-decoded
  std::string raw;    // "key=value" as written
};

struct DatabaseUrl {
  std::string original;  // the URL as given (may hold a password)
  std::string scheme;    // "postgresql", "postgres" or "sqlite"
  // PostgreSQL: the user part before '@' (raw, without ":password"); has_user tells
  // whether there was an '@'.
  bool has_user = false;
  std::string userinfo;  // raw, "user[:password]"
  std::string user;
  bool has_password = false;
  std::string password_raw;  // as written in the URL (percent-encoded)
  std::string password;      // decoded, from the user part or a password= parameter
  std::string password_param_raw;  // a password= parameter's raw value, if any
  std::string location;  // host[:port][/dbname] (PostgreSQL) or the raw PATH (SQLite)
  std::vector<UrlParam> params;
};

// Splits a postgresql://, postgres:// or sqlite:// URL. Throws UsageError (naming the
// redacted URL) for a malformed percent escape.
DatabaseUrl parse_database_url(const std::string& url);

// The URL without its password; what messages and reports show.
std::string display_url(const DatabaseUrl& url);
// The URL as given (password included) without the parameters named `key`.
std::string url_without_param(const DatabaseUrl& url, std::string_view key);

// The redacted form of any INPUT: display_url() for a database URL, the input itself
// otherwise. Never throws.
std::string redact_input(const std::string& input);

// `text` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to);

// `text` with every occurrence of the URL replaced by its display form and every
// occurrence of the password (as written and decoded) replaced by "***".
std::string scrub(std::string text, const DatabaseUrl& url);

// Percent-decoding (%XX). Returns false on a malformed escape.
bool percent_decode(std::string_view text, std::string& out);

// Parses a qualified name (see above) into its parts, quotes removed; bare parts are
// returned as written. Throws UsageError with `context` prefixed when malformed.
struct NamePart {
  std::string text;
  bool quoted = false;
};
std::vector<NamePart> parse_qualified_name(std::string_view name, const std::string& context);

// "name" with inner quotes doubled.
std::string quote_identifier(std::string_view name);

// Message text on one line: a line break becomes "; " (just a space after '.', ':' or
// ';'), runs of spaces and tabs become one space, ends are trimmed.
std::string one_line(std::string_view text);

// Canonical text of floating-point values: the shortest decimal that reads back as the
// same value (std::to_chars: the shorter of fixed and scientific notation, e.g. 0.1,
// 1e-05, 1e+16, 123456, -0); NaN, Infinity and -Infinity as PostgreSQL spells them.
std::string canonical_double(double value);
std::string canonical_float(float value);

// Appends the decimal text of an integer.
void append_int(std::string& out, long long value);

}  // namespace tsum::db
