// Preprocessing end to end: the tsum command on real tables (vega-datasets@3.2.1, fetched
// by `make testdata`) against the reviewed golden files in tests/data/golden/, the
// acceptance rules of docs/binning.md, and the compatibility models' byte identity.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "prepare/prepare.h"
#include "support/run_command.h"
#include "tsum/read.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string testdata_dir() {
  const char* env = std::getenv("TSUM_TESTDATA_DIR");
  return env ? std::string(env) : std::string(TSUM_SOURCE_DIR) + "/node_modules/.tsum-testdata";
}

// A real table's path; the test fails (never skips) when it is missing. flights-3m.csv is
// DuckDB's export of vega's flights-3m.parquet (made by `make testdata`).
std::string real_table(const std::string& name) {
  std::string path = name == "flights-3m.csv" ? testdata_dir() + "/" + name
                                              : testdata_dir() + "/../vega-datasets/data/" + name;
  if (!fs::exists(path)) {
    ADD_FAILURE() << path << " is missing: run `make testdata`";
    return "";
  }
  return path;
}

std::string golden_path(const std::string& name) {
  return std::string(TSUM_SOURCE_DIR) + "/tests/data/golden/" + fs::path(name).stem().string() + ".json";
}

test::CommandResult tsum(std::vector<std::string> args) {
  args.insert(args.begin(), test::tsum_binary());
  return test::run_command(args);
}

// JSON output with the input's directory removed, as the golden files hold it.
std::string json_for_golden(const std::string& path) {
  test::CommandResult r = tsum({"--format", "json", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string dir = fs::path(path).parent_path().string() + "/";
  size_t at = r.out.find(dir);
  if (at != std::string::npos && at < 20) r.out.erase(at, dir.size());
  return r.out;
}

class RealTable : public testing::TestWithParam<std::string> {};

bool is_parquet(const std::string& name) { return fs::path(name).extension() == ".parquet"; }

// TSUM_UPDATE_GOLDEN=1 rewrites the golden files (review them by eye, with the text
// output, before committing). flights-3m.parquet has no golden file of its own: its
// summary must be flights-3m.csv's, byte for byte but for the input's name (Parquet's
// typed columns and the CSV's inferred types must bin alike).
TEST_P(RealTable, CliOutputMatchesTheGoldenFile) {
  std::string path = real_table(GetParam());
  if (path.empty()) return;
  std::string out = json_for_golden(path);
  if (std::getenv("TSUM_UPDATE_GOLDEN") && !is_parquet(GetParam())) {
    std::ofstream(golden_path(GetParam()), std::ios::binary) << out;
  }
  std::string golden = read_file(golden_path(GetParam()));
  ASSERT_FALSE(golden.empty()) << golden_path(GetParam()) << " is missing";
  if (is_parquet(GetParam())) {
    const std::string csv_name = "{\"input\":\"" + fs::path(GetParam()).stem().string() + ".csv\"";
    ASSERT_EQ(golden.rfind(csv_name, 0), 0u) << golden.substr(0, 80);
    golden.replace(0, csv_name.size(), "{\"input\":\"" + GetParam() + "\"");
  }
  EXPECT_EQ(out, golden) << "differs from " << golden_path(GetParam());
}

// Significant digits of each number written in `text` ("0.0012" -> 2, "1500" -> 2).
std::vector<int> significant_digits(const std::string& text) {
  std::vector<int> out;
  static const std::regex number(R"([0-9]+(\.[0-9]+)?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
    std::string digits = it->str();
    bool fraction = digits.find('.') != std::string::npos;
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
      out.push_back(1);
      continue;
    }
    digits = digits.substr(first);
    if (!fraction) digits.erase(digits.find_last_not_of('0') + 1);
    out.push_back(static_cast<int>(digits.size()));
  }
  return out;
}

TEST(SignificantDigits, Counts) {
  EXPECT_EQ(significant_digits("[1500, 2000)"), (std::vector<int>{2, 1}));
  EXPECT_EQ(significant_digits("0.0012 and 146083"), (std::vector<int>{2, 6}));
  EXPECT_EQ(significant_digits("2001-01-15"), (std::vector<int>{4, 1, 2}));
}

TEST_P(RealTable, TopTenReadsLikeAPersonWroteIt) {
  std::string path = real_table(GetParam());
  if (path.empty()) return;
  Table table = read_table(path);
  PreparedTable prepared = prepare_table(table, PrepareOptions{});
  SummarizeOptions options;
  options.limit = 10;
  Summary s = summarize(prepared.table, options);
  describe_preparation(prepared, s);
  ASSERT_GE(s.patterns.size(), 5u);
  static const std::regex raw_timestamp(R"(\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T]\d{1,2}:\d{2})");
  bool names_a_bin = false;
  for (const SummaryPattern& p : s.patterns) {
    for (const PatternItem& item : p.items) {
      EXPECT_FALSE(std::regex_search(item.value, raw_timestamp)) << item.column << " = " << item.value;
      for (int digits : significant_digits(item.value)) EXPECT_LE(digits, 4) << item.column << " = " << item.value;
      for (const ColumnBins& b : s.binned_columns) names_a_bin = names_a_bin || b.column == item.column;
    }
  }
  EXPECT_TRUE(names_a_bin) << "no binned column in the top 10";
  if (GetParam().rfind("flights-3m", 0) == 0) {
    bool flights_bin = false;
    for (const SummaryPattern& p : s.patterns) {
      for (const PatternItem& item : p.items) {
        flights_bin = flights_bin || item.column == "delay" || item.column == "distance" || item.column == "date";
      }
    }
    EXPECT_TRUE(flights_bin);
  }
}

INSTANTIATE_TEST_SUITE_P(Vega, RealTable, testing::Values("flights-3m.csv", "flights-3m.parquet", "movies.json", "cars.json"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           if (is_parquet(info.param)) name += "_parquet";
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Under the seeds' models the options change nothing at all, in any output format.
TEST(PrepareCli, CompatibilityModelsIgnoreThePreprocessingOptions) {
  std::string cars = real_table("cars.json");
  std::string movies = real_table("movies.json");
  if (cars.empty() || movies.empty()) return;
  for (const std::string& path : {cars, movies}) {
    for (std::string model : {"tsum-dask", "tsum-js"}) {
      for (std::string format : {"json", "text"}) {
        auto plain = tsum({"--cost", model, "--format", format, path});
        auto flagged = tsum({"--cost", model, "--format", format, "--bins", "5", "--bins", "Year=3", "--type",
                             "Origin=string", "--keep-id-columns", path});
        auto none = tsum({"--cost", model, "--format", format, "--bins", "none", path});
        ASSERT_EQ(plain.exit_code, 0) << plain.err;
        ASSERT_EQ(flagged.exit_code, 0) << flagged.err;
        EXPECT_EQ(plain.out, flagged.out) << model << " " << format;
        EXPECT_EQ(plain.out, none.out) << model << " " << format;
        EXPECT_EQ(plain.err, "");
        EXPECT_EQ(flagged.err, "tsum: note: --bins, --type and --keep-id-columns apply only under --cost paper; " +
                                   model + " summarizes the values as read\n");
      }
    }
  }
}

TEST(PrepareCli, BinsNoneKeepIdColumnsIsTheTableAsRead) {
  std::string movies = real_table("movies.json");
  if (movies.empty()) return;
  Table table = read_table(movies);
  SummarizeOptions options;
  Summary direct = summarize(table, options);
  auto r = tsum({"--format", "json", "--bins", "none", "--keep-id-columns", movies});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\"bins\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"excluded_columns\""), std::string::npos);
  EXPECT_NE(r.out.find(",\"totals\":{\"patterns\":" + std::to_string(direct.total_patterns) + ","), std::string::npos);
}

TEST(PrepareCli, TextShowsBinsAndLeftOutColumns) {
  std::string movies = real_table("movies.json");
  if (movies.empty()) return;
  auto r = tsum({"--limit", "3", movies});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  Release Date (date) in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  Title left out, identifier-like: 3,176 distinct values in 3,200 non-NULL rows (99.2 %); "
                       "--keep-id-columns keeps it\n"),
            std::string::npos)
      << r.out;
  auto kept = tsum({"--limit", "3", "--keep-id-columns", movies});
  EXPECT_EQ(kept.out.find("left out"), std::string::npos) << kept.out;
}

TEST(PrepareCli, OptionsAndErrors) {
  std::string cars = real_table("cars.json");
  if (cars.empty()) return;
  // Options take one value each and never swallow the input.
  auto r = tsum({"--bins", "3", "--type", "Cylinders=integer", "--format", "json", cars});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("{\"column\":\"Miles_per_Gallon\",\"type\":\"float\",\"unit\":\"range\",\"edges\":["),
            std::string::npos)
      << r.out;
  auto last = tsum({"--format", "json", "--bins", "3", cars});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(last.out, r.out);  // --type Cylinders=integer is what inference says anyway
  // --type COL=string: the column is read as text, so it is neither binned nor typed.
  auto as_text = tsum({"--type", "Horsepower=string", "--format", "json", cars});
  ASSERT_EQ(as_text.exit_code, 0) << as_text.err;
  auto by_default = tsum({"--format", "json", cars});
  ASSERT_EQ(by_default.exit_code, 0) << by_default.err;
  EXPECT_NE(by_default.out.find("{\"column\":\"Horsepower\",\"type\""), std::string::npos) << by_default.out;
  EXPECT_EQ(as_text.out.find("{\"column\":\"Horsepower\",\"type\""), std::string::npos) << as_text.out;
  EXPECT_NE(as_text.out, by_default.out);
  auto per_column = tsum({"--bins", "none", "--bins", "Horsepower=4", "--format", "json", cars});
  ASSERT_EQ(per_column.exit_code, 0) << per_column.err;
  EXPECT_NE(per_column.out.find("\"bins\":[\n{\"column\":\"Horsepower\""), std::string::npos) << per_column.out;
  EXPECT_EQ(per_column.out.find("Miles_per_Gallon\",\"type\""), std::string::npos);
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           {{"--bins", "0"}, "tsum: error: --bins: the number of bins must be between 2 and 1000, got 0\n"},
           {{"--bins", "Horsepowr=3"}, "tsum: error: --bins Horsepowr: unknown column 'Horsepowr' (did you mean 'Horsepower'?)\n"},
           {{"--bins", "Origin=3"},
            "tsum: error: --bins Origin: column 'Origin' holds string values; only numbers, dates and timestamps are "
            "binned (--type Origin=float reads it as numbers)\n"},
           {{"--type", "Origin=text"},
            "tsum: error: --type Origin=text: unknown type 'text' (expected string, integer, float, boolean, date or "
            "timestamp)\n"}}) {
    std::vector<std::string> args = c.args;
    args.push_back(cars);
    auto e = tsum(args);
    EXPECT_EQ(e.exit_code, 2);
    EXPECT_EQ(e.err, c.err);
  }
}

}  // namespace
}  // namespace tsum
