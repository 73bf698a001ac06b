// The tsum command end to end: outputs, options, exit codes and error messages.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "support/run_command.h"

namespace tsum {
namespace {

namespace fs = std::filesystem;
using test::run_command;
using test::tsum_binary;

const std::string kPatients = std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tsum-cli-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& contents) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << contents;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

test::CommandResult tsum(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), tsum_binary());
  return run_command(args, input);
}

TEST(Cli, TextOutputOfThePatientsTable) {
  auto r = tsum({kPatients});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            kPatients + ": 10 rows \u00d7 3 columns, cost model paper, search greedy, 2 patterns, saving 314.8 of 800.0 bits (39.4 %)\n"
            "rank  coverage  rows  cumulative  pattern                            saving\n"
            "   1    50.0 %     5      50.0 %  gender = M, age = adult             179.8\n"
            "   2    30.0 %     3      80.0 %  age = child, blood_pressure = low   135.0\n");
}

TEST(Cli, JsonOutputForEveryCostModel) {
  const std::pair<std::string, std::pair<std::string, std::string>> cases[] = {
      {"paper", {"179.8", "135"}},
      {"tsum-dask", {"3313", "1684"}},
      {"tsum-js", {"375.3852901558848", "248.35614381022526"}}};
  for (const auto& [model, savings] : cases) {
    auto r = tsum({"--cost", model, "--format", "json", kPatients});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("{\"pattern\":{\"gender\":\"M\",\"age\":\"adult\"},\"saving\":" + savings.first +
                         ",\"rows\":5,\"coverage\":50,\"cumulative_coverage\":50}"),
              std::string::npos)
        << model << "\n" << r.out;
    EXPECT_NE(r.out.find("{\"pattern\":{\"age\":\"child\",\"blood_pressure\":\"low\"},\"saving\":" + savings.second +
                         ",\"rows\":3,\"coverage\":30,\"cumulative_coverage\":80}"),
              std::string::npos)
        << model << "\n" << r.out;
    EXPECT_NE(r.out.find("\"cost_model\":\"" + model + "\""), std::string::npos);
  }
}

TEST(Cli, CsvAndJsonFormsGiveByteIdenticalJson) {
  std::string csv = read_file(kPatients);
  std::string json = "[\n";
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  bool first = true;
  while (std::getline(lines, line)) {
    std::string g = line.substr(0, line.find(','));
    std::string rest = line.substr(line.find(',') + 1);
    std::string a = rest.substr(0, rest.find(','));
    std::string b = rest.substr(rest.find(',') + 1);
    json += std::string(first ? "" : ",\n") + "{\"gender\":\"" + g + "\",\"age\":\"" + a + "\",\"blood_pressure\":\"" + b + "\"}";
    first = false;
  }
  json += "\n]\n";
  for (std::string model : {"paper", "tsum-dask", "tsum-js"}) {
    auto from_csv = tsum({"--cost", model, "--format", "json", "--input-format", "csv", "-"}, csv);
    auto from_json = tsum({"--cost", model, "--format", "json", "--input-format", "json", "-"}, json);
    ASSERT_EQ(from_csv.exit_code, 0) << from_csv.err;
    ASSERT_EQ(from_json.exit_code, 0) << from_json.err;
    EXPECT_EQ(from_csv.out, from_json.out) << model;
  }
}

TEST(Cli, JsonIsByteIdenticalForOneAndTwoThreads) {
  TempDir dir;
  std::mt19937_64 rng(5);
  std::string csv = "a,b,c,d\n";
  for (int r = 0; r < 200000; ++r) {
    csv += std::to_string(rng() % 7) + ",x" + std::to_string(std::min(rng() % 40, rng() % 40)) + "," +
           (rng() % 5 ? std::string("y") : std::string("")) + "," + std::to_string(rng() % 3000) + "\n";
  }
  std::string path = dir.file("big.csv", csv);
  auto one = tsum({"--threads", "1", "--bins", "none", "--format", "json", path});
  auto two = tsum({"--threads", "2", "--bins", "none", "--format", "json", path});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_GT(one.out.size(), 1000u);
  EXPECT_EQ(one.out, two.out);
}

TEST(Cli, ColumnsExcludeAndLimit) {
  auto r = tsum({"--columns", "age,blood_pressure", "--format", "json", kPatients});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"columns\":[\"age\",\"blood_pressure\"]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("gender"), std::string::npos);
  // The same summary; --exclude also says which column it left out.
  auto e = tsum({"--exclude", "gender", "--format", "json", kPatients});
  const std::string excluded = "\"excluded_columns\":[\n{\"column\":\"gender\",\"reason\":\"excluded (--exclude)\"}\n],";
  auto at = e.out.find(excluded);
  ASSERT_NE(at, std::string::npos) << e.out;
  EXPECT_EQ(e.out.substr(0, at) + e.out.substr(at + excluded.size()), r.out);
  auto l = tsum({"--limit", "1", "--format", "json", kPatients});
  EXPECT_EQ(l.out.find("child"), std::string::npos);
  EXPECT_NE(l.out.find("\"totals\":{\"patterns\":2"), std::string::npos) << l.out;
}

TEST(Cli, TextListsHowManyMorePatterns) {
  TempDir dir;
  std::string csv = "a,b\n";
  for (int k = 0; k < 30; ++k)
    for (int r = 0; r < 3; ++r) csv += "value" + std::to_string(k) + ",x" + std::to_string(k) + "\n";
  auto r = tsum({dir.file("many.csv", csv)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("... and 10 more patterns"), std::string::npos) << r.out;
}

TEST(Cli, MarkdownOutput) {
  auto r = tsum({"--format", "markdown", kPatients});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| 1 | 50.0 % | 5 | 50.0 % | gender = M, age = adult | 179.8 |"), std::string::npos) << r.out;
}

TEST(Cli, OutputFileIsWrittenWhole) {
  TempDir dir;
  std::string out = dir.path() + "/summary.json";
  auto r = tsum({"--format", "json", "-o", out, kPatients});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read_file(out), tsum({"--format", "json", kPatients}).out);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
}

TEST(Cli, OutputDashIsStandardOutput) {
  const std::string json = tsum({"--format", "json", kPatients}).out;
  ASSERT_FALSE(json.empty());
  for (const char* flag : {"-o", "--output"}) {
    auto r = tsum({"--format", "json", flag, "-", kPatients});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, json);
    EXPECT_FALSE(fs::exists("-")) << "a file named '-' was written";
  }
  auto diff = tsum({"diff", "--format", "json", "-o", "-", kPatients, kPatients});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out, tsum({"diff", "--format", "json", kPatients, kPatients}).out);
  EXPECT_FALSE(diff.out.empty());
  EXPECT_FALSE(fs::exists("-"));
}

// A summary over 1 MiB written to a pipe first asks for a 1 MiB pipe buffer (fewer round
// trips with the reader), as far as the system allows; a short one leaves the pipe as it
// was. Either way the bytes are those written to a file.
TEST(Cli, LongSummaryToAPipeWidensItAndArrivesWhole) {
  TempDir dir;
  // 10^5 rows of 5 columns, each uniform among 10^4 labels: ~13,000 patterns, ~1.3 MB.
  std::mt19937_64 rng(11);
  std::string csv = "a,b,c,d,e\n";
  for (int r = 0; r < 100000; ++r) {
    for (int c = 0; c < 5; ++c) csv += (c ? ",v" : "v") + std::to_string(rng() % 10000);
    csv += '\n';
  }
  const std::string path = dir.file("labels.csv", csv);
  const std::string file = dir.path() + "/summary.json";
  ASSERT_EQ(tsum({"--format", "json", "-o", file, path}).exit_code, 0);
  const auto piped = tsum({"--format", "json", path});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  ASSERT_GT(piped.out.size(), size_t{1} << 20);
  EXPECT_EQ(piped.out, read_file(file));
  const auto small = tsum({"--format", "json", kPatients});
  ASSERT_EQ(small.exit_code, 0) << small.err;
  ASSERT_GT(small.out_pipe_bytes, 0);
  long most = 0;
  std::ifstream("/proc/sys/fs/pipe-max-size") >> most;
  EXPECT_EQ(piped.out_pipe_bytes, most >= (1 << 20) ? (1 << 20) : small.out_pipe_bytes);
  EXPECT_LT(small.out_pipe_bytes, 1 << 20);
}

TEST(Cli, FailedRunLeavesNoOutputFile) {
  TempDir dir;
  std::string out = dir.path() + "/summary.json";
  auto r = tsum({"-o", out, dir.file("bad.csv", "a,b\n1,2,3\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);  // bad.csv only
  auto unwritable = tsum({"-o", dir.path() + "/no/such/dir/out.json", kPatients});
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_EQ(unwritable.err, "tsum: error: " + dir.path() + "/no/such/dir/out.json: cannot write output: No such file or directory\n");
}

TEST(Cli, HeaderOnlyFileIsAnEmptySummary) {
  TempDir dir;
  auto r = tsum({"--format", "json", dir.file("empty.csv", "a,b,c\n")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"rows\":0"), std::string::npos);
  EXPECT_NE(r.out.find("\"patterns\":[]"), std::string::npos) << r.out;
}

TEST(Cli, HelpAndVersion) {
  auto help = tsum({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--cost"), std::string::npos);
  auto version = tsum({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("tsum ", 0), 0u);
}

struct ErrorCase {
  std::vector<std::string> args;
  int exit_code;
  std::string message;  // full stderr
};

TEST(CliErrors, EachErrorHasOneClearLineAndExitCode) {
  TempDir dir;
  std::string missing = dir.path() + "/missing.csv";
  std::string quote = dir.file("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n");
  std::string fields = dir.file("fields.csv", "a,b\n1,2\n3,4,5\n");
  std::string utf8 = dir.file("utf8.csv", "a,b\n1,\xff\n");
  std::string empty = dir.file("empty.csv", "");
  std::string not_json = dir.file("bad.json", "{\"a\": 1,,}");
  const ErrorCase cases[] = {
      {{missing}, 1, "tsum: error: " + missing + ": file not found\n"},
      {{dir.path()}, 1, "tsum: error: " + dir.path() + ": is a directory, expected a file\n"},
      {{"--cost", "best", kPatients}, 2, "tsum: error: unknown cost model 'best' (expected paper, tsum-dask, tsum-js or entropy)\n"},
      {{"--format", "xml", kPatients}, 2, "tsum: error: unknown --format 'xml' (expected text, json, markdown, html or csv)\n"},
      {{"--columns", "gendr", kPatients}, 2, "tsum: error: unknown column 'gendr' (did you mean 'gender'?)\n"},
      {{"--exclude", "zzzzzzzz", kPatients}, 2,
       "tsum: error: unknown column 'zzzzzzzz' (columns: 'gender', 'age', 'blood_pressure')\n"},
      {{"--threads", "many", kPatients}, 2, ""},
      {{quote}, 1, "tsum: error: " + quote + ": line 3, column 3: unterminated quoted field, no closing quote before the end of the file\n"},
      {{fields}, 1, "tsum: error: " + fields + ": line 3: row has 3 fields, the header has 2\n"},
      {{utf8}, 1, "tsum: error: " + utf8 + ": line 2, column 3: invalid UTF-8, byte 0xff at byte offset 6\n"},
      {{empty}, 1, "tsum: error: " + empty + ": empty file, no header row\n"},
  };
  for (const ErrorCase& c : cases) {
    auto r = tsum(c.args);
    std::string label = c.args.back();
    EXPECT_EQ(r.exit_code, c.exit_code) << label << ": " << r.err;
    EXPECT_EQ(r.out, "") << label;
    if (!c.message.empty()) {
      EXPECT_EQ(r.err, c.message) << label;
    } else {
      EXPECT_EQ(r.err.rfind("tsum: error: ", 0), 0u) << r.err;
    }
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << label << ": " << r.err;
  }
  auto json = tsum({not_json});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(json.err.rfind("tsum: error: " + not_json + ":", 0), 0u) << json.err;
}

// Found by tests/fuzz/cli_args_fuzz: an argument holding a newline or another control
// character was echoed verbatim, so the usage error took two lines.
TEST(CliErrors, ControlCharactersInArgumentsAreEscaped) {
  auto unknown = tsum({"--form\nat", kPatients});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '\n'), 1) << unknown.err;
  EXPECT_NE(unknown.err.find("--form\\nat"), std::string::npos) << unknown.err;
  auto format = tsum({"--format", "x\x1by\r", kPatients});
  EXPECT_EQ(format.exit_code, 2) << format.err;
  EXPECT_EQ(format.err, "tsum: error: unknown --format 'x\\x1by\\r' (expected text, json, markdown, html or csv)\n");
}

TEST(CliErrors, PermissionDenied) {
  TempDir dir;
  std::string secret = dir.file("secret.csv", "a\n1\n");
  chmod(secret.c_str(), 0600);
  chmod(dir.path().c_str(), 0755);
  // As root every file is readable; run the command as an unprivileged user then.
  int uid = geteuid() == 0 ? 65534 : -1;
  if (uid < 0) chmod(secret.c_str(), 0);
  auto r = run_command({tsum_binary(), secret}, "", uid);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "tsum: error: " + secret + ": permission denied\n");
}

}  // namespace
}  // namespace tsum

namespace tsum {
namespace {

TEST(CliInputs, SeveralFilesAreOneTable) {
  TempDir dir;
  std::string whole = read_file(kPatients);
  size_t cut = whole.find("F,child,low");  // header + first 5 rows | the rest
  std::string a = dir.file("a.csv", whole.substr(0, cut));
  std::string b = dir.file("b.csv", "age,gender,blood_pressure\n");  // other column order
  std::string rest;
  std::istringstream lines(whole.substr(cut));
  std::string line;
  std::string b_text = "age,gender,blood_pressure\n";
  while (std::getline(lines, line)) {
    size_t c1 = line.find(','), c2 = line.find(',', c1 + 1);
    b_text += line.substr(c1 + 1, c2 - c1 - 1) + "," + line.substr(0, c1) + "," + line.substr(c2 + 1) + "\n";
  }
  b = dir.file("b.csv", b_text);
  auto split = tsum({"--format", "json", "--cost", "tsum-js", a, b});
  auto one = tsum({"--format", "json", "--cost", "tsum-js", kPatients});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_EQ(split.out.substr(split.out.find("\"rows\"")), one.out.substr(one.out.find("\"rows\"")));
  auto mismatch = tsum({a, dir.file("c.csv", "x,y\n1,2\n")});
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_EQ(mismatch.err, "tsum: error: inputs have different columns: " + a + " has gender, age, blood_pressure; " +
                              dir.path() + "/c.csv has x, y\n");
}

}  // namespace
}  // namespace tsum

namespace tsum {
namespace {

TEST(CliInputs, ReportsNeverShowADatabasePassword) {
  // The connection fails (nothing listens on port 1), but no output may name the password.
  auto r = tsum({"--format", "json", "postgresql://alice:s3cret-pw@127.0.0.1:1/db?table=person"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find("s3cret-pw"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("s3cret-pw"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tsum
