#include "io/postgres/postgres_reader.h"

#include <libpq-fe.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "io/postgres/database_url.h"
#include "io/postgres/libpq_library.h"
#include "io/postgres/pg_text.h"
#include "report/progress.h"
#include "table/arena_threads.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { pg::libpq().PQfinish(c); }
};
struct ResultClearer {
  void operator()(PGresult* r) const { pg::libpq().PQclear(r); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;
using Result = std::unique_ptr<PGresult, ResultClearer>;

// "COPY (\n" precedes the query in the COPY command; positions are reported in the
// query's own text.
constexpr std::string_view kCopyPrefix = "COPY (\n";

class Reader {
 public:
  Reader(const std::string& input, const PostgresOptions& options) : options_(options) {
    url_ = db::parse_database_url(input);
    shown_ = db::display_url(url_);
    int tables = 0;
    for (const db::UrlParam& p : url_.params) {
      if (p.key != "table") continue;
      ++tables;
      table_ = p.value;
    }
    if (tables > 1) throw UsageError(shown_ + ": ?table= given more than once");
    if (tables == 1 && table_.empty()) throw UsageError(shown_ + ": ?table= is empty");
    if (tables == 1 && options.query) throw UsageError(shown_ + ": both ?table= and --query given; use one of them");
    if (tables == 0 && !options.query) {
      throw UsageError(shown_ + ": no table given: add ?table=NAME to the URL or pass --query \"SELECT ...\"");
    }
    is_table_ = tables == 1;
    what_ = is_table_ ? "cannot read table " + table_ : "query failed";
  }

  Table read() {
    try {
      pq_ = &pg::libpq();
    } catch (const DataError& e) {
      throw DataError(shown_ + ": " + e.what());
    }
    connect();
    exec_ok("BEGIN READ ONLY; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; "
            "SET LOCAL extra_float_digits = 3; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL bytea_output = 'hex'",
            "cannot set up the session");

    std::string sql;
    if (is_table_) {
      const char* values[1] = {table_.c_str()};
      Result r(pq_->PQexecParams(conn_.get(), "SELECT $1::regclass::text", 1, nullptr, values, nullptr, nullptr, 0));
      check(r.get(), PGRES_TUPLES_OK, 0);
      sql = std::string("SELECT * FROM ") + pq_->PQgetvalue(r.get(), 0, 0);
    } else {
      sql = pg::trim_statement(*options_.query);
      if (sql.find_first_not_of(" \t\n\r\f\v") == std::string::npos) throw UsageError(shown_ + ": --query is empty");
    }

    // Names and types, from describing the statement.
    Result prepared(pq_->PQprepare(conn_.get(), "", sql.c_str(), 0, nullptr));
    check(prepared.get(), PGRES_COMMAND_OK, 0);
    Result described(pq_->PQdescribePrepared(conn_.get(), ""));
    check(described.get(), PGRES_COMMAND_OK, 0);
    int fields = pq_->PQnfields(described.get());
    if (fields == 0) {
      throw DataError(shown_ + (is_table_ ? ": table " + table_ + " has no columns" : ": the query returns no columns"));
    }
    std::vector<std::string> names;
    for (int i = 0; i < fields; ++i) {
      names.emplace_back(pq_->PQfname(described.get(), i));
      kinds_.push_back(pg::value_kind(pq_->PQftype(described.get(), i)));
    }
    described.reset();
    prepared.reset();
    std::unique_ptr<TableBuilder> builder;
    try {
      builder = std::make_unique<TableBuilder>(names);
    } catch (const DataError& e) {
      throw DataError(shown_ + ": " + e.what());
    }
    names_ = std::move(names);

    std::string copy = std::string(kCopyPrefix) + sql + "\n) TO STDOUT";
    Result started(pq_->PQexec(conn_.get(), copy.c_str()));
    check(started.get(), PGRES_COPY_OUT, kCopyPrefix.size());
    started.reset();
    stream(*builder);
    conn_.reset();  // ends the read-only transaction
    return builder->finish(options_.threads);
  }

 private:
  void connect() {
    libpq_uri_ = db::url_without_param(url_, "table");
    const std::string& uri = libpq_uri_;
    // Entries before dbname are defaults the URL may override; those after it win.
    const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", "client_encoding", nullptr};
    const char* values[] = {"10", "tsum", uri.c_str(), "UTF8", nullptr};
    conn_.reset(pq_->PQconnectdbParams(keywords, values, 1));
    if (!conn_) throw DataError(shown_ + ": cannot connect to PostgreSQL: out of memory");
    if (pq_->PQstatus(conn_.get()) != CONNECTION_OK) {
      throw DataError(shown_ + ": cannot connect to PostgreSQL: " + clean(pq_->PQerrorMessage(conn_.get())));
    }
  }

  // Message text from libpq or the server, on one line and without the password.
  std::string clean(const char* text) const {
    std::string t = text ? text : "";
    // libpq quotes the URI it was given in some messages: show it without the password.
    if (!libpq_uri_.empty()) t = db::replace_all(std::move(t), libpq_uri_, shown_);
    return db::one_line(db::scrub(std::move(t), url_));
  }

  void exec_ok(const char* sql, const std::string& what) {
    Result r(pq_->PQexec(conn_.get(), sql));
    ExecStatusType status = pq_->PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK) throw DataError(shown_ + ": " + what + ": " + server_message(r.get(), 0));
  }

  void check(PGresult* r, ExecStatusType want, size_t position_offset) {
    if (r && pq_->PQresultStatus(r) == want) return;
    throw DataError(shown_ + ": " + what_ + ": " + server_message(r, position_offset));
  }

  std::string server_message(PGresult* r, size_t position_offset) const {
    const char* primary = r ? pq_->PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (!primary) {
      std::string m = clean(r ? pq_->PQresultErrorMessage(r) : nullptr);
      if (m.empty()) m = clean(pq_->PQerrorMessage(conn_.get()));
      return m.empty() ? "unknown error" : m;
    }
    std::string out = clean(primary);
    if (const char* pos = pq_->PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION); pos && !is_table_) {
      long n = std::strtol(pos, nullptr, 10) - static_cast<long>(position_offset);
      if (n >= 1) out += " (at character " + std::to_string(n) + " of the query)";
    }
    if (const char* detail = pq_->PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) out += " DETAIL: " + clean(detail);
    if (const char* hint = pq_->PQresultErrorField(r, PG_DIAG_MESSAGE_HINT)) out += " HINT: " + clean(hint);
    return out;
  }

  // Rows as received: each ends at ends[i] in bytes (its '\n' included).
  struct Batch {
    uint64_t first_row = 0;  // 1-based
    std::string bytes;
    std::vector<size_t> ends;
  };

  // A pipeline: one thread receives rows into batches of chunk_rows rows (libpq is used
  // by one thread at a time), the others parse and encode batches into ChunkBuilders in
  // parallel, and the chunks join the TableBuilder in row order. A few batches are in
  // flight at most, so memory stays that of the Table plus a few chunks.
  void stream(TableBuilder& builder) {
    const int threads = arena_threads(options_.threads);
    tbb::task_arena arena(threads);
    bool finished = false;
    uint64_t rows = 0;
    const size_t chunk_rows = std::max<size_t>(1, options_.chunk_rows);
    arena.execute([&] {
      tbb::parallel_pipeline(
          static_cast<size_t>(2 * threads + 1),
          tbb::make_filter<void, std::shared_ptr<Batch>>(
              tbb::filter_mode::serial_in_order,
              [&](tbb::flow_control& control) -> std::shared_ptr<Batch> {
                if (finished) {
                  control.stop();
                  return nullptr;
                }
                auto batch = std::make_shared<Batch>();
                batch->first_row = rows + 1;
                receive(*batch, chunk_rows, finished);
                rows += batch->ends.size();
                if (options_.progress) options_.progress->add_rows(batch->ends.size());
                if (batch->ends.empty()) {
                  control.stop();
                  return nullptr;
                }
                return batch;
              }) &
              tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<ChunkBuilder>>(
                  tbb::filter_mode::parallel,
                  [&](const std::shared_ptr<Batch>& batch) {
                    auto chunk = std::make_shared<ChunkBuilder>(builder.make_chunk());
                    encode(*batch, *chunk);
                    return chunk;
                  }) &
              tbb::make_filter<std::shared_ptr<ChunkBuilder>, void>(
                  tbb::filter_mode::serial_in_order,
                  [&](const std::shared_ptr<ChunkBuilder>& chunk) {
                    builder.add_chunk(std::move(*chunk));
                    // The rows were counted on receipt; this only gives the meter's own
                    // thread (the only one that may report) another chance to.
                    if (options_.progress) options_.progress->add_rows(0);
                  }));
    });
    // The COPY's own result says whether it ended well (errors during execution, such as
    // a division by zero, arrive here).
    Result done(pq_->PQgetResult(conn_.get()));
    check(done.get(), PGRES_COMMAND_OK, kCopyPrefix.size());
    while (Result more{pq_->PQgetResult(conn_.get())}) {
    }
  }

  // Appends up to `limit` rows of the COPY stream; sets `finished` at its end.
  void receive(Batch& batch, size_t limit, bool& finished) {
    batch.ends.reserve(limit);
    while (batch.ends.size() < limit) {
      char* buffer = nullptr;
      int n = pq_->PQgetCopyData(conn_.get(), &buffer, 0);
      if (n < 0) {
        if (n == -2) throw DataError(shown_ + ": connection lost while reading: " + clean(pq_->PQerrorMessage(conn_.get())));
        finished = true;
        return;
      }
      batch.bytes.append(buffer, static_cast<size_t>(n));
      pq_->PQfreemem(buffer);
      batch.ends.push_back(batch.bytes.size());
    }
  }

  void encode(const Batch& batch, ChunkBuilder& chunk) const {
    const size_t columns = kinds_.size();
    pg::CopyRowSplitter splitter;
    std::string scratch;
    size_t begin = 0;
    for (size_t i = 0; i < batch.ends.size(); ++i) {
      std::string_view line(batch.bytes.data() + begin, batch.ends[i] - begin);
      begin = batch.ends[i];
      size_t got = splitter.split(line);
      if (got != columns) {
        throw DataError(shown_ + ": row " + std::to_string(batch.first_row + i) + " has " + std::to_string(got) +
                        " fields in the COPY stream, expected " + std::to_string(columns));
      }
      for (size_t c = 0; c < columns; ++c) {
        if (splitter.is_null(c)) {
          chunk.add_null(c);
          continue;
        }
        std::string_view value;
        if (!pg::canonical_value(kinds_[c], splitter.field(c), scratch, value)) {
          throw DataError(shown_ + ": row " + std::to_string(batch.first_row + i) + ", column \"" + names_[c] +
                          "\": " + scratch);
        }
        chunk.add_typed(c, value, pg::is_number_kind(kinds_[c]));
      }
    }
  }

  PostgresOptions options_;
  db::DatabaseUrl url_;
  std::string shown_;
  std::string libpq_uri_;  // the URL handed to libpq (password included, no table=)
  std::string table_;
  bool is_table_ = false;
  std::string what_;
  const pg::Libpq* pq_ = nullptr;  // set by read() (libpq_library.h)
  Conn conn_;
  std::vector<pg::ValueKind> kinds_;
  std::vector<std::string> names_;
};

}  // namespace

Table read_postgres(const std::string& url, const PostgresOptions& options) { return Reader(url, options).read(); }

}  // namespace tsum
