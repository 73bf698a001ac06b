// Tables the database reader tests load into PostgreSQL and SQLite, and the checks that
// compare what a reader returns with the same data read from a CSV file.
//
// A TypedTable holds SQL column types and each value's canonical text (the text tsum's
// readers must produce): loading it into a database and reading it back must give the
// same Table (names, values, numeric typing) and the same summaries as reading its CSV
// form (write_csv) with the CSV reader.
#pragma once

#include <string>
#include <vector>

#include "support/raw_table.h"
#include "tsum/table.h"

namespace tsum::test {

enum class SqlType { kBigint, kDouble, kDate, kText };

struct TypedTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<SqlType> types;
  std::vector<std::vector<Cell>> rows;  // canonical text; nullopt is NULL

  TypedTable slice(size_t begin, size_t end) const;
};

// PostgreSQL's name for the type ("bigint", "double precision", "date", "text").
const char* pg_type_name(SqlType type);
// SQLite's declared type ("INTEGER", "REAL", "TEXT").
const char* sqlite_type_name(SqlType type);

// The seed's `person` table (id, customer_id, name, address): `rows` deterministic rows
// with skewed customers, names and addresses, so that it has patterns.
TypedTable person_table(size_t rows = 4000);

// A vega-datasets file (node_modules/vega-datasets/data/NAME, or $TSUM_TESTDATA_DIR/..)
// read with tsum's own reader, typed by its values: a numeric column whose values are all
// canonical integers is bigint, any other numeric column double precision (values
// rewritten in the canonical float form), all-YYYY-MM-DD columns date, the rest text.
// When the file is missing, records a test failure naming `make testdata` and returns a
// table with no columns.
TypedTable vega_table(const std::string& file, const std::string& table_name);
// The path of a vega-datasets file; records a failure naming `make testdata` when missing.
std::string vega_path(const std::string& file);
// The same path, without checking that it exists.
std::string vega_path_quiet(const std::string& file);

// CSV (RFC 4180, header row, NULL as an empty unquoted field).
std::string to_csv(const TypedTable& table);
void write_file(const std::string& path, const std::string& bytes);

// The table as read_table() reads its CSV form written to `dir`/<name>.csv.
Table read_as_csv(const TypedTable& table, const std::string& dir);

// Same column names, types, row count and cell texts.
void expect_same_table(const Table& got, const Table& want, const std::string& label);
// Same column names and types, and the same rows in some order.
void expect_same_rows_in_any_order(const Table& got, const Table& want, const std::string& label);
// The same summary under every cost model.
void expect_same_summaries(const Table& got, const Table& want, const std::string& label);

// The cells of a table as text (nullopt for NULL).
RawTable cells(const Table& table);

// A fresh temporary directory, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tsum::test
