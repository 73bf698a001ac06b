// Real tables from vega-datasets@3.2.1 (fetched by `make testdata`): every cost model
// summarizes them; samples agree with the brute-force transcription of the spec.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "engine/brute_force.h"
#include "tsum/read.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

std::string vega_file(const std::string& name) {
  const char* env = std::getenv("TSUM_TESTDATA_DIR");
  std::string base = env ? std::string(env) + "/.." : std::string(TSUM_SOURCE_DIR) + "/node_modules";
  std::string path = base + "/vega-datasets/data/" + name;
  if (!std::filesystem::exists(path)) ADD_FAILURE() << path << " is missing: run `make testdata`";
  return path;
}

// The first `rows` rows of the table as plain strings (NULL as nullopt).
test::RawTable head(const Table& t, size_t rows) {
  test::RawTable raw;
  raw.names = t.column_names();
  for (size_t r = 0; r < std::min<uint64_t>(rows, t.rows()); ++r) {
    std::vector<test::Cell> row;
    for (size_t c = 0; c < t.num_columns(); ++c) {
      uint32_t code = t.column(c).code_at(r);
      row.push_back(code == Column::kNull ? test::Cell() : test::Cell(std::string(t.column(c).value(code))));
    }
    raw.rows.push_back(row);
  }
  return raw;
}

void check_summary_invariants(const Summary& s, const std::string& label) {
  double cumulative = 0;
  for (size_t i = 0; i < s.patterns.size(); ++i) {
    const SummaryPattern& p = s.patterns[i];
    EXPECT_GT(p.saving, 0) << label;
    EXPECT_GE(p.rows, 2u) << label;
    EXPECT_GE(p.cumulative_coverage, cumulative) << label;
    EXPECT_LE(p.cumulative_coverage, 100.0) << label;
    cumulative = p.cumulative_coverage;
  }
}

void check_table(const std::string& file, size_t sample_rows, size_t sample_columns) {
  Table full = read_table(vega_file(file));
  ASSERT_GT(full.rows(), 100u);
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    SummarizeOptions o;
    o.cost_model = model;
    o.threads = 1;
    Summary one = summarize(full, o);
    o.threads = 2;
    Summary two = summarize(full, o);
    std::string label = file + " " + cost_model_name(model);
    ASSERT_FALSE(one.patterns.empty()) << label;
    check_summary_invariants(one, label);
    ASSERT_EQ(one.patterns.size(), two.patterns.size()) << label;
    for (size_t i = 0; i < one.patterns.size(); ++i) {
      EXPECT_EQ(one.patterns[i].items, two.patterns[i].items) << label;
      EXPECT_EQ(one.patterns[i].saving, two.patterns[i].saving) << label;
    }
  }

  // A sample small enough for the brute force: the first rows of the first columns.
  std::vector<std::string> names = full.column_names();
  names.resize(std::min(names.size(), sample_columns));
  Table sample_table = full.select(names, {});
  test::RawTable raw = head(sample_table, sample_rows);
  // Re-encode the sample on its own, as the brute force sees it (its own W_c, types).
  Table sample = test::to_table(raw);
  for (size_t c = 0; c < sample.num_columns(); ++c) {
    // The brute force types columns by the CSV rule; JSON samples must agree with it.
    if (full.column(c).type() == ValueType::kString && sample.column(c).type() == ValueType::kNumeric) {
      GTEST_FAIL() << file << ": column " << names[c] << " would be typed differently in the sample";
    }
  }
  for (CostModelKind model : {CostModelKind::kPaper, CostModelKind::kTsumDask, CostModelKind::kTsumJs}) {
    std::vector<test::BrutePattern> expected = test::brute_force_summary(raw, model);
    SummarizeOptions o;
    o.cost_model = model;
    Summary actual = summarize(sample, o);
    std::string label = file + " sample " + cost_model_name(model);
    ASSERT_EQ(actual.patterns.size(), expected.size()) << label;
    ASSERT_FALSE(expected.empty()) << label;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(actual.patterns[i].saving, expected[i].saving) << label << " rank " << i;
      EXPECT_EQ(actual.patterns[i].rows, expected[i].rows) << label << " rank " << i;
      EXPECT_EQ(actual.patterns[i].items.size(), expected[i].items.size()) << label << " rank " << i;
    }
  }
}

TEST(RealData, Birdstrikes) { check_table("birdstrikes.csv", 800, 14); }
TEST(RealData, Zipcodes) { check_table("zipcodes.csv", 800, 6); }
TEST(RealData, Jobs) { check_table("jobs.json", 800, 5); }
TEST(RealData, Cars) { check_table("cars.json", 406, 9); }

}  // namespace
}  // namespace tsum
