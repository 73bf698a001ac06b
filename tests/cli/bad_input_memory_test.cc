// The bad-input catalog, part 4: inputs too big in some direction (a 100 MB field, 10^5
// columns) and --max-memory (src/io/memory_limit.h): a run that would need more memory
// than allowed stops with one clear line and exit status 1. The files are generated in a
// temporary directory at test time.
#include <fstream>

#include "cli/bad_input_test_util.h"
#include "io/memory_limit.h"
#include "tsum/error.h"
#include "tsum/read.h"

namespace tsum::bad_input {
namespace {

constexpr size_t kHundredMb = 100'000'000;

TEST(BadInputHuge, HundredMegabyteField) {
  TempDir dir;
  std::string path = dir.path("field.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n\"" << std::string(kHundredMb, 'x') << "\",1\ny,2\n";
  }
  // Valid: one huge value is just a value.
  std::string json = expect_success("CSV: one 100 MB field", {"--bins", "none", path}, dir);
  EXPECT_NE(json.find("\"rows\":2"), std::string::npos) << json.substr(0, 300);
  fs::remove(path);
  // Its closing quote missing: the error points at the opening quote.
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n1,\"" << std::string(kHundredMb, 'x') << "\n";
  }
  expect_error({"CSV: a 100 MB field never closed", {path}, 1,
                path + ": line 2, column 3: unterminated quoted field, no closing quote before the end of the file"},
               dir);
}

TEST(BadInputHuge, HundredThousandColumns) {
  TempDir dir;
  const int n = 100000;
  std::string header, row;
  for (int c = 0; c < n; ++c) {
    if (c > 0) {
      header += ',';
      row += ',';
    }
    header += 'c';
    header += std::to_string(c);
    row += std::to_string(c % 3);
  }
  std::string wide = dir.file("wide.csv", header + "\n" + row + "\n" + row + "\n");
  std::string json = expect_success("CSV: 10^5 columns", {"--bins", "none", wide}, dir);
  EXPECT_NE(json.find("\"rows\":2"), std::string::npos);
  EXPECT_NE(json.find("\"c99999\""), std::string::npos);
  // Every format, with every column typed (integers) and profiled: nothing per column may
  // search all columns (the preparation's and the HTML profile's lookups once took 100 s
  // and 240 s here).
  for (const char* format : {"text", "html"}) {
    test::CommandResult r = run_tsum({"--format", format, wide}, dir, false);
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    // The text names the width; the HTML profiles every column, the last one too.
    EXPECT_NE(r.out.find(std::string(format) == "html" ? "<h3>c99999</h3>" : "100,000 columns"), std::string::npos)
        << format;
  }
  // A repeated name is renamed, with a warning naming its column (a narrower file: the
  // width is tested above, and this run would double the test's time under ASan).
  std::string dup = dir.file("wide-dup.csv", header.substr(0, header.find(",c1000,")) + ",c5\n" +
                                                 row.substr(0, 2 * 1000 - 1) + ",1\n");
  test::CommandResult r = run_tsum({"--bins", "none", "--format", "json", dup}, dir, false);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "tsum: warning: " + dup + ": line 1: column name 'c5' repeated (column 1001); named it 'c5_2'\n");
  EXPECT_NE(r.out.find("\"c5_2\""), std::string::npos);
}

// A CSV of `rows` rows of four small numbers: about 4 cells per 8 bytes.
std::string small_cells_csv(const TempDir& dir, int rows) {
  std::string path = dir.path("cells.csv");
  std::ofstream out(path, std::ios::binary);
  out << "a,b,c,d\n";
  for (int r = 0; r < rows; ++r) out << r % 10 << ',' << r % 7 << ',' << r % 3 << ',' << r % 5 << '\n';
  return path;
}

// A CSV with few cells but many distinct long values: the estimate lets it start, the
// measured memory stops it.
std::string long_values_csv(const TempDir& dir, int rows) {
  std::string path = dir.path("long.csv");
  std::ofstream out(path, std::ios::binary);
  out << "id,text\n";
  for (int r = 0; r < rows; ++r) out << r << ',' << std::string(200, static_cast<char>('a' + r % 26)) << r << '\n';
  return path;
}

TEST(BadInputMemory, TooManyCellsFailBeforeReading) {
  TempDir dir;
  std::string path = small_cells_csv(dir, 1'000'000);  // 8 MB, 4 million cells
  test::CommandResult r = run_tsum({"--max-memory", "2M", path}, dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string prefix = "tsum: error: " + path + ": needs more memory than the limit of 2 MiB (--max-memory): about ";
  EXPECT_EQ(r.err.substr(0, prefix.size()), prefix) << r.err;
  EXPECT_NE(r.err.find(" million cells in 7.6 MiB, at least "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("; raise --max-memory or summarize fewer columns (--columns)\n"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_EQ(dir.listing(), std::vector<std::string>{"cells.csv"});
  record("Memory: --max-memory 2M, a CSV of 4 million cells", r.exit_code, r.err, dir);
  // With room enough the same file is summarized.
  test::CommandResult ok = run_tsum({"--max-memory", "1G", "--bins", "none", path}, dir);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(BadInputMemory, MeasuredUseStopsTheRead) {
  TempDir dir;
  // 42 MB of distinct values in 400 000 cells. The limit is well above what the process
  // holds before reading, even under AddressSanitizer (about 32 MiB there, under 2 MiB in
  // a Release build; a limit of 32 MiB once left no room for the estimate's 0.4 MiB), so
  // the estimate (what is in use + a byte per cell) lets the read start, and the
  // measurement stops it (the read holds the 42 MB of values).
  std::string path = long_values_csv(dir, 200'000);
  test::CommandResult r = run_tsum({"--max-memory", "40M", path}, dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string prefix = "tsum: error: " + path + ": needs more memory than the limit of 40 MiB (--max-memory): ";
  EXPECT_EQ(r.err.substr(0, prefix.size()), prefix) << r.err;
  // Measured, not estimated: "... MiB in use while reading it", "... after reading it" or
  // "... after reading N % of it, on course for about ...".
  EXPECT_NE(r.err.find(" in use "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("cells"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_EQ(dir.listing(), std::vector<std::string>{"long.csv"});
  record("Memory: --max-memory 40M, 42 MB of distinct values", r.exit_code, r.err, dir);
  test::CommandResult ok = run_tsum({"--max-memory", "none", "--bins", "none", path}, dir);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(BadInputMemory, StandardInputCountsToo) {
  TempDir dir;
  std::string text = "id,text\n";
  for (int r = 0; r < 100'000; ++r) text += std::to_string(r) + "," + std::string(200, 'q') + std::to_string(r) + "\n";
  test::CommandResult r = run_tsum({"--max-memory", "8M", "-"}, dir, true, text);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err.rfind("tsum: error: <stdin>: needs more memory than the limit of 8 MiB (--max-memory): ", 0), 0u)
      << r.err;
  EXPECT_EQ(dir.listing(), std::vector<std::string>{});
}

TEST(BadInputMemory, EndlessPipeStops) {
  TempDir dir;
  // `yes` never ends: standard input is read into memory, and the limit is checked as it
  // grows, so the command stops instead of filling the machine.
  test::CommandResult r =
      test::run_command({"/bin/sh", "-c", "yes a,b | " + test::tsum_binary() + " --max-memory 64M -o " + dir.path("out.json") + " -"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err.rfind("tsum: error: <stdin>: needs more memory than the limit of 64 MiB (--max-memory): ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(" of it; raise --max-memory"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(dir.listing(), std::vector<std::string>{});
  record("Memory: an endless pipe (yes a,b | tsum --max-memory 64M -)", r.exit_code, r.err, dir);
}

TEST(BadInputMemory, LibraryOption) {
  TempDir dir;
  std::string path = long_values_csv(dir, 100'000);
  ReadOptions options;
  options.max_memory = 8u << 20;
  try {
    read_table(path, options);
    ADD_FAILURE() << "read_table did not stop at max_memory";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": needs more memory than the limit of 8 MiB", 0), 0u) << e.what();
  }
  options.max_memory = 0;  // no limit
  EXPECT_EQ(read_table(path, options).rows(), 100'000u);
}

TEST(MemoryLimit, ParseAndDescribe) {
  EXPECT_EQ(MemoryLimit::parse("512M"), 512ull << 20);
  EXPECT_EQ(MemoryLimit::parse("4G"), 4ull << 30);
  EXPECT_EQ(MemoryLimit::parse("4gib"), 4ull << 30);
  EXPECT_EQ(MemoryLimit::parse("1.5G"), 3ull << 29);
  EXPECT_EQ(MemoryLimit::parse("100k"), 102400u);
  EXPECT_EQ(MemoryLimit::parse("1000"), 1000u);
  EXPECT_EQ(MemoryLimit::parse("none"), 0u);
  EXPECT_EQ(MemoryLimit::parse("0"), 0u);
  for (const char* bad : {"", "G", "-1G", "1.2.3M", "5X", "1e9", "0.0000001K", "99999999999T"}) {
    EXPECT_THROW(MemoryLimit::parse(bad), UsageError) << bad;
  }
  EXPECT_EQ(MemoryLimit::describe(512ull << 20), "512 MiB");
  EXPECT_EQ(MemoryLimit::describe(3ull << 29), "1.5 GiB");
  EXPECT_EQ(MemoryLimit::describe(100), "100 bytes");
  // The default is 75 % of what /proc/meminfo reports (or less, in a container).
  uint64_t physical = 0;
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  uint64_t kib;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemTotal:") physical = kib * 1024;
  }
  ASSERT_GT(physical, 0u);
  EXPECT_LE(MemoryLimit::default_bytes(), physical / 4 * 3);
  EXPECT_GT(MemoryLimit::default_bytes(), 0u);
  EXPECT_GT(MemoryLimit::anonymous_resident_bytes(), 0u);
}

}  // namespace
}  // namespace tsum::bad_input
