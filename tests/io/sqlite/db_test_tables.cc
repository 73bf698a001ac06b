#include "io/sqlite/db_test_tables.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "tsum/read.h"
#include "tsum/summarize.h"

namespace tsum::test {
namespace {

// splitmix64: the same sequence on every platform.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // 0..n-1, skewed towards small values (roughly Zipf-like).
  size_t skewed(size_t n) {
    double u = static_cast<double>(next() >> 11) / 9007199254740992.0;
    return std::min(n - 1, static_cast<size_t>(u * u * u * static_cast<double>(n)));
  }
  size_t uniform(size_t n) { return next() % n; }
};

bool is_canonical_integer(const std::string& text) {
  long long v;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && end == text.data() + text.size() && std::to_string(v) == text;
}

std::string canonical_double_text(const std::string& text) {
  double v = std::strtod(text.c_str(), nullptr);
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

}  // namespace

TypedTable TypedTable::slice(size_t begin, size_t end) const {
  TypedTable out{name, columns, types, {}};
  out.rows.assign(rows.begin() + begin, rows.begin() + end);
  return out;
}

const char* pg_type_name(SqlType type) {
  switch (type) {
    case SqlType::kBigint: return "bigint";
    case SqlType::kDouble: return "double precision";
    case SqlType::kDate: return "date";
    default: return "text";
  }
}

const char* sqlite_type_name(SqlType type) {
  switch (type) {
    case SqlType::kBigint: return "INTEGER";
    case SqlType::kDouble: return "REAL";
    default: return "TEXT";
  }
}

TypedTable person_table(size_t rows) {
  static const char* first[] = {"James", "Mary",  "Robert", "Patricia", "John",   "Jennifer", "Michael", "Linda",
                                "David", "Elena", "Wei",    "Fatima",   "Olivia", "Noah",     "Zoë",     "José"};
  static const char* last[] = {"Smith", "Johnson", "Williams", "Brown",  "Jones", "García",
                               "Miller", "Davis",  "Nguyen",   "Müller", "Kim",   "O'Brien"};
  static const char* streets[] = {"Main St",    "Oak Ave",   "Pine Rd",     "Maple Dr",  "Cedar Ln",
                                  "Elm St",     "Lake View", "Hill Rd",     "Park Blvd", "River Rd",
                                  "Sunset Ave", "2nd St",    "Station Rd",  "Mill Ln",   "Church St"};
  static const char* cities[] = {"Springfield, IL", "Portland, OR", "Austin, TX",  "Boston, MA",
                                 "Denver, CO",      "Madison, WI",  "Raleigh, NC", "Tucson, AZ"};
  TypedTable t{"person",
               {"id", "customer_id", "name", "address"},
               {SqlType::kBigint, SqlType::kBigint, SqlType::kText, SqlType::kText},
               {}};
  Rng rng{20240501};
  for (size_t i = 0; i < rows; ++i) {
    size_t customer = rng.skewed(12) + 1;
    // Customers are regional: mostly one city each.
    size_t city = rng.uniform(5) == 0 ? rng.uniform(8) : customer % 8;
    std::string name = std::string(first[rng.skewed(16)]) + " " + last[rng.skewed(12)];
    std::string address = std::to_string(rng.skewed(40) + 1) + " " + streets[rng.skewed(15)] + ", " + cities[city];
    t.rows.push_back({std::to_string(i + 1), std::to_string(customer), name, address});
  }
  return t;
}

std::string vega_path_quiet(const std::string& file) {
  const char* env = std::getenv("TSUM_TESTDATA_DIR");
  std::string base = env ? std::string(env) + "/.." : std::string(TSUM_SOURCE_DIR) + "/node_modules";
  return base + "/vega-datasets/data/" + file;
}

std::string vega_path(const std::string& file) {
  std::string path = vega_path_quiet(file);
  if (!std::filesystem::exists(path)) ADD_FAILURE() << path << " is missing: run `make testdata`";
  return path;
}

TypedTable vega_table(const std::string& file, const std::string& table_name) {
  TypedTable t{table_name, {}, {}, {}};
  std::string path = vega_path(file);
  if (!std::filesystem::exists(path)) return t;
  Table table = read_table(path);
  RawTable raw = cells(table);
  t.columns = raw.names;
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  for (size_t c = 0; c < t.columns.size(); ++c) {
    bool numeric = table.column(c).type() == ValueType::kNumeric;
    bool integers = true, dates = true;
    for (const auto& row : raw.rows) {
      if (!row[c]) continue;
      integers = integers && is_canonical_integer(*row[c]);
      dates = dates && std::regex_match(*row[c], date);
    }
    SqlType type = numeric ? (integers ? SqlType::kBigint : SqlType::kDouble) : dates ? SqlType::kDate : SqlType::kText;
    t.types.push_back(type);
    if (type == SqlType::kDouble) {
      for (auto& row : raw.rows) {
        if (row[c]) row[c] = canonical_double_text(*row[c]);
      }
    }
  }
  t.rows = std::move(raw.rows);
  return t;
}

std::string to_csv(const TypedTable& table) {
  auto field = [](const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + "\"";
  };
  std::string out;
  for (size_t c = 0; c < table.columns.size(); ++c) out += (c ? "," : "") + field(table.columns[c]);
  out += "\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ",";
      if (row[c]) out += field(*row[c]);
    }
    out += "\n";
  }
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

Table read_as_csv(const TypedTable& table, const std::string& dir) {
  std::string path = dir + "/" + table.name + ".csv";
  write_file(path, to_csv(table));
  return read_table(path);
}

RawTable cells(const Table& t) {
  RawTable raw;
  raw.names = t.column_names();
  raw.rows.resize(t.rows());
  for (uint64_t r = 0; r < t.rows(); ++r) {
    raw.rows[r].reserve(t.num_columns());
    for (size_t c = 0; c < t.num_columns(); ++c) {
      uint32_t code = t.column(c).code_at(r);
      raw.rows[r].push_back(code == Column::kNull ? Cell() : Cell(std::string(t.column(c).value(code))));
    }
  }
  return raw;
}

void expect_same_table(const Table& got, const Table& want, const std::string& label) {
  ASSERT_EQ(got.column_names(), want.column_names()) << label;
  ASSERT_EQ(got.rows(), want.rows()) << label;
  for (size_t c = 0; c < want.num_columns(); ++c) {
    EXPECT_EQ(got.column(c).type(), want.column(c).type()) << label << ": type of column " << want.column(c).name();
    EXPECT_EQ(got.column(c).cardinality(), want.column(c).cardinality()) << label << ": " << want.column(c).name();
  }
  RawTable g = cells(got), w = cells(want);
  size_t shown = 0;
  for (size_t r = 0; r < w.rows.size() && shown < 5; ++r) {
    for (size_t c = 0; c < w.names.size(); ++c) {
      if (g.rows[r][c] != w.rows[r][c] && shown++ < 5) {
        ADD_FAILURE() << label << ": row " << r + 1 << ", column " << w.names[c] << ": got "
                      << g.rows[r][c].value_or("NULL") << ", want " << w.rows[r][c].value_or("NULL");
      }
    }
  }
}

void expect_same_rows_in_any_order(const Table& got, const Table& want, const std::string& label) {
  ASSERT_EQ(got.column_names(), want.column_names()) << label;
  ASSERT_EQ(got.rows(), want.rows()) << label;
  for (size_t c = 0; c < want.num_columns(); ++c) {
    EXPECT_EQ(got.column(c).type(), want.column(c).type()) << label << ": type of column " << want.column(c).name();
  }
  RawTable g = cells(got), w = cells(want);
  std::sort(g.rows.begin(), g.rows.end());
  std::sort(w.rows.begin(), w.rows.end());
  EXPECT_TRUE(g.rows == w.rows) << label << ": the rows differ";
}

void expect_same_summaries(const Table& got, const Table& want, const std::string& label) {
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    SummarizeOptions o;
    o.cost_model = model;
    Summary a = summarize(got, o), b = summarize(want, o);
    std::string l = label + " (" + cost_model_name(model) + ")";
    EXPECT_FALSE(b.patterns.empty()) << l;
    ASSERT_EQ(a.patterns.size(), b.patterns.size()) << l;
    for (size_t i = 0; i < b.patterns.size(); ++i) {
      EXPECT_EQ(a.patterns[i].items, b.patterns[i].items) << l << ", pattern " << i + 1;
      EXPECT_EQ(a.patterns[i].saving, b.patterns[i].saving) << l << ", pattern " << i + 1;
      EXPECT_EQ(a.patterns[i].rows, b.patterns[i].rows) << l << ", pattern " << i + 1;
    }
    EXPECT_EQ(a.table_bits, b.table_bits) << l;
  }
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tsum-dbtest.XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (!made) throw std::runtime_error("mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace tsum::test
