// The real thing: vega-datasets@3.2.1's flights-3m.parquet (3,000,000 rows, written by
// Polars with ZSTD and dictionary pages) read by tsum equals DuckDB's CSV export of it
// (flights-3m.csv, made by `make testdata`), column by column and code by code, and the
// two summarize identically under the paper model (156 patterns).
#include <gtest/gtest.h>

#include <cstring>

#include "io/csv/csv_reader.h"
#include "io/input_file.h"
#include "io/parquet/parquet_test_util.h"
#include "tsum/summarize.h"

namespace tsum::parquet_test {
namespace {

TEST(ParquetFlights, SameTableAndSummaryAsDuckDBsCsvExport) {
  const std::string parquet_path = required_file(testdata_dir() + "/../vega-datasets/data/flights-3m.parquet");
  const std::string csv_path = required_file(testdata_dir() + "/flights-3m.csv");
  ASSERT_FALSE(parquet_path.empty());
  ASSERT_FALSE(csv_path.empty());
  InputFile parquet_input(parquet_path);
  Table ours = read_parquet(parquet_input, ParquetOptions{});
  InputFile csv_input(csv_path);
  Table theirs = read_csv(csv_input, CsvOptions{});

  ASSERT_EQ(ours.rows(), 3000000u);
  ASSERT_EQ(ours.rows(), theirs.rows());
  ASSERT_EQ(ours.column_names(), (std::vector<std::string>{"date", "delay", "distance", "origin", "destination"}));
  ASSERT_EQ(ours.column_names(), theirs.column_names());
  for (size_t c = 0; c < ours.num_columns(); ++c) {
    const Column& a = ours.column(c);
    const Column& b = theirs.column(c);
    SCOPED_TRACE(a.name());
    EXPECT_EQ(a.type(), b.type());
    EXPECT_EQ(a.null_count(), 0u);
    ASSERT_EQ(a.cardinality(), b.cardinality());
    for (uint32_t code = 1; code <= a.cardinality(); ++code) ASSERT_EQ(a.value(code), b.value(code)) << code;
    ASSERT_EQ(a.width(), b.width());
    EXPECT_EQ(std::memcmp(a.code_data(), b.code_data(), ours.rows() * static_cast<size_t>(a.width())), 0);
    EXPECT_EQ(a.code_counts(), b.code_counts());
  }
  EXPECT_EQ(ours.column(0).value(1), "2001-01-01 00:01:00");

  SummarizeOptions o;  // paper model
  Summary sa = summarize(ours, o), sb = summarize(theirs, o);
  EXPECT_EQ(sa.patterns.size(), 156u);
  ASSERT_EQ(sa.patterns.size(), sb.patterns.size());
  for (size_t i = 0; i < sa.patterns.size(); ++i) {
    EXPECT_EQ(sa.patterns[i].items, sb.patterns[i].items) << i;
    EXPECT_EQ(sa.patterns[i].saving, sb.patterns[i].saving) << i;
    EXPECT_EQ(sa.patterns[i].rows, sb.patterns[i].rows) << i;
  }
}

}  // namespace
}  // namespace tsum::parquet_test
