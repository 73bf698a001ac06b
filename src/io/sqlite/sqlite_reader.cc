#include "io/sqlite/sqlite_reader.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "io/csv/csv_utf8.h"
#include "io/postgres/database_url.h"
#include "report/progress.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

class Reader {
 public:
  Reader(const std::string& input, const SqliteOptions& options) : input_(input), options_(options) {
    db::DatabaseUrl url = db::parse_database_url(input);
    int tables = 0;
    for (const db::UrlParam& p : url.params) {
      if (p.key != "table") {
        throw UsageError(input_ + ": unknown URL parameter '" + p.key + "' (a sqlite:// URL takes only table=)");
      }
      ++tables;
      table_ = p.value;
    }
    if (tables > 1) throw UsageError(input_ + ": ?table= given more than once");
    if (tables == 1 && table_.empty()) throw UsageError(input_ + ": ?table= is empty");
    if (tables == 1 && options.query) throw UsageError(input_ + ": both ?table= and --query given; use one of them");
    if (tables == 0 && !options.query) {
      throw UsageError(input_ + ": no table given: add ?table=NAME to the URL or pass --query \"SELECT ...\"");
    }
    if (!db::percent_decode(url.location, path_)) {
      throw UsageError(input_ + ": malformed percent escape in the file path (write % as %25)");
    }
    if (path_.empty()) throw UsageError(input_ + ": no file path given (sqlite:///path/to/file.db)");
    is_table_ = tables == 1;
    what_ = is_table_ ? "cannot read table " + table_ : "query failed";
    if (is_table_) {
      std::string quoted;
      for (const db::NamePart& part : db::parse_qualified_name(table_, input_)) {
        if (!quoted.empty()) quoted += '.';
        quoted += db::quote_identifier(part.text);
      }
      sql_ = "SELECT * FROM " + quoted;
    } else {
      sql_ = *options.query;
    }
  }

  Table read() {
    open();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), sql_.c_str(), static_cast<int>(sql_.size()), &raw, &tail);
    std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
    if (rc != SQLITE_OK) fail();
    if (!stmt) throw UsageError(input_ + ": --query is empty");
    // Whatever follows must be blanks, semicolons or comments: SQLite compiles them to
    // no statement.
    while (tail && *tail) {
      sqlite3_stmt* next = nullptr;
      const char* after = nullptr;
      int left = static_cast<int>(sql_.size() - (tail - sql_.c_str()));
      if (sqlite3_prepare_v2(db_.get(), tail, left, &next, &after) != SQLITE_OK) fail();
      if (next) {
        sqlite3_finalize(next);
        throw DataError(input_ + ": query failed: --query holds more than one statement");
      }
      if (after == tail) break;
      tail = after;
    }
    int columns = sqlite3_column_count(stmt.get());
    if (columns == 0) {
      throw DataError(input_ + (is_table_ ? ": table " + table_ + " has no columns" : ": the query returns no columns"));
    }
    for (int c = 0; c < columns; ++c) {
      const char* name = sqlite3_column_name(stmt.get(), c);
      names_.emplace_back(name ? name : "");
    }
    std::unique_ptr<TableBuilder> builder;
    try {
      builder = std::make_unique<TableBuilder>(names_);
    } catch (const DataError& e) {
      throw DataError(input_ + ": " + e.what());
    }

    ChunkBuilder chunk = builder->make_chunk();
    size_t in_chunk = 0;
    uint64_t row = 0;
    std::string text;
    static constexpr char kHex[] = "0123456789abcdef";
    for (;;) {
      rc = sqlite3_step(stmt.get());
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail();
      ++row;
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt.get(), c)) {
          case SQLITE_NULL: chunk.add_null(c); break;
          case SQLITE_INTEGER:
            text.clear();
            db::append_int(text, sqlite3_column_int64(stmt.get(), c));
            chunk.add_typed(c, text, true);
            break;
          case SQLITE_FLOAT:
            chunk.add_typed(c, db::canonical_double(sqlite3_column_double(stmt.get(), c)), true);
            break;
          case SQLITE_BLOB: {
            const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(stmt.get(), c));
            int n = sqlite3_column_bytes(stmt.get(), c);
            text.assign("\\x");
            for (int i = 0; i < n; ++i) {
              text += kHex[bytes[i] >> 4];
              text += kHex[bytes[i] & 15];
            }
            chunk.add_typed(c, text, false);
            break;
          }
          default: {
            const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
            std::string_view value(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt.get(), c)));
            check_utf8(value, row, c);
            chunk.add_typed(c, value, false);
          }
        }
      }
      if (++in_chunk == options_.chunk_rows) {
        if (options_.progress) options_.progress->add_rows(in_chunk);
        builder->add_chunk(std::move(chunk));
        chunk = builder->make_chunk();
        in_chunk = 0;
      }
    }
    if (in_chunk > 0) builder->add_chunk(std::move(chunk));
    if (options_.progress) options_.progress->add_rows(in_chunk);
    stmt.reset();
    db_.reset();
    return builder->finish(options_.threads);
  }

 private:
  void open() {
    // Check the file first: read-only opening never creates it, but SQLite's own
    // message ("unable to open database file") does not say why.
    struct stat st;
    if (::stat(path_.c_str(), &st) != 0) {
      throw DataError(input_ + ": cannot open " + path_ + ": " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) throw DataError(input_ + ": cannot open " + path_ + ": Is a directory");
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
      std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
      throw DataError(input_ + ": cannot open " + path_ + ": " + db::one_line(why));
    }
    sqlite3_busy_timeout(db_.get(), 5000);
  }

  [[noreturn]] void fail() const {
    throw DataError(input_ + ": " + what_ + ": " + db::one_line(sqlite3_errmsg(db_.get())));
  }

  void check_utf8(std::string_view value, uint64_t row, int column) const {
    size_t bad = csv::find_invalid_utf8(value, 0, value.size());
    if (bad == std::string_view::npos) return;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(value[bad]));
    throw DataError(input_ + ": row " + std::to_string(row) + ", column \"" + names_[column] +
                    "\": invalid UTF-8, byte " + hex + " at byte offset " + std::to_string(bad));
  }

  std::string input_;
  SqliteOptions options_;
  std::string path_;
  std::string table_;
  bool is_table_ = false;
  std::string what_;
  std::string sql_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  std::vector<std::string> names_;
};

}  // namespace

Table read_sqlite(const std::string& url, const SqliteOptions& options) { return Reader(url, options).read(); }

std::vector<std::string> sqlite_tables(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, DbCloser> db(raw);
  if (rc != SQLITE_OK) {
    throw DataError(path + ": cannot open the SQLite database: " + db::one_line(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v2(db.get(),
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                          "ESCAPE '\\' ORDER BY name",
                          -1, &stmt, nullptr);
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> guard(stmt);
  if (rc != SQLITE_OK) throw DataError(path + ": cannot list the tables: " + db::one_line(sqlite3_errmsg(db.get())));
  std::vector<std::string> names;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  if (rc != SQLITE_DONE) throw DataError(path + ": cannot list the tables: " + db::one_line(sqlite3_errmsg(db.get())));
  return names;
}

}  // namespace tsum
