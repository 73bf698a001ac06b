// `tsum explain N`, --explain and --where end to end: the real binary, the round trip
// from a pattern to its WHERE clause and back, and the bad inputs (one clear line, exit 2,
// no output file left behind).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "cli/bad_input_test_util.h"

namespace tsum {
namespace {

using bad_input::Case;
using bad_input::TempDir;

const std::string kPatients = std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv";

test::CommandResult tsum(std::vector<std::string> args) {
  args.insert(args.begin(), test::tsum_binary());
  return test::run_command(args);
}

// The value of a top-level JSON field holding a number or a string, as text.
std::string json_field(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return "";
  at += key.size() + 3;
  if (json[at] == '"') {
    std::string out;
    for (size_t i = at + 1; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] == '\\') ++i;
      out += json[i];
    }
    return out;
  }
  return json.substr(at, json.find_first_of(",}", at) - at);
}

// 1,200 rows: a group, a number following the group (binned), a shade.
std::string shop_csv(bool only_matching = false) {
  std::string s = "grp,n,shade\n";
  for (int i = 0; i < 1200; ++i) {
    const char grp = "aab"[i % 3];
    const int n = (grp == 'a' ? 0 : 500) + (i * 7) % 100;
    const char* shade = i % 5 == 0 ? "dark" : "light";
    if (only_matching && !(grp == 'a' && n >= 10)) continue;
    s += fmt::format("{},{},{}\n", grp, n, shade);
  }
  return s;
}

TEST(ExplainCli, TextNamesThePatternItsConditionRowsAndContext) {
  auto r = tsum({"explain", "1", kPatients});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("pattern 1: gender = M, age = adult"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("5 of 10 rows (50.0 %), 5 not matched by a higher-ranked pattern"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("WHERE gender = 'M' AND age = 'adult'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("blood_pressure: "), std::string::npos) << r.out;
  // The subcommand and the option are the same run.
  auto json = tsum({"explain", "2", "--format", "json", kPatients});
  auto option = tsum({"--explain", "2", "--format", "json", kPatients});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, option.out);
  EXPECT_EQ(json_field(json.out, "where"), "age = 'child' AND blood_pressure = 'low'");
  EXPECT_EQ(json_field(json.out, "rows"), "3");
  auto md = tsum({"explain", "1", "--format", "markdown", kPatients});
  EXPECT_NE(md.out.find("```sql\nWHERE gender = 'M' AND age = 'adult'\n```"), std::string::npos) << md.out;
}

TEST(ExplainCli, WhereSummarizesLikeAFileOfTheMatchingRows) {
  TempDir dir;
  const std::string all = dir.file("all.csv", shop_csv()), some = dir.file("some.csv", shop_csv(true));
  for (const char* cost : {"paper", "tsum-dask", "entropy"}) {
    auto where = tsum({"--format", "json", "--cost", cost, "--where", "grp = 'a' AND n >= 10", all});
    auto file = tsum({"--format", "json", "--cost", cost, some});
    ASSERT_EQ(where.exit_code, 0) << where.err;
    ASSERT_EQ(file.exit_code, 0) << file.err;
    EXPECT_EQ(where.out.substr(where.out.find("\"rows\"")), file.out.substr(file.out.find("\"rows\""))) << cost;
  }
}

TEST(ExplainCli, EveryPatternsWhereClauseSelectsItsRows) {
  TempDir dir;
  const std::string all = dir.file("all.csv", shop_csv());
  auto summary = tsum({"--format", "json", all});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  bool range = false;
  for (int rank = 1;; ++rank) {
    auto e = tsum({"explain", std::to_string(rank), "--format", "json", all});
    if (e.exit_code != 0) {
      EXPECT_NE(e.err.find("the summary has"), std::string::npos) << e.err;
      EXPECT_GT(rank, 1);
      break;
    }
    const std::string where = json_field(e.out, "where");
    range = range || where.find(" >= ") != std::string::npos;
    auto selected = tsum({"--format", "json", "--where", where, all});
    ASSERT_EQ(selected.exit_code, 0) << selected.err;
    EXPECT_EQ(json_field(selected.out, "rows"), json_field(e.out, "rows")) << where;
  }
  EXPECT_TRUE(range) << summary.out;
}

TEST(ExplainCli, BadInput) {
  TempDir dir;
  const std::vector<Case> cases = {
      {"explain: no pattern number", {"explain", kPatients}, 2, "tsum explain N INPUT...: N is the rank of a pattern (1, 2, ...), got '" + kPatients + "'"},
      {"explain: rank 0", {"--explain", "0", kPatients}, 2, "--explain takes a pattern's rank, 1 or more, got 0"},
      {"explain: rank beyond the summary", {"explain", "3", kPatients}, 2, "--explain 3: the summary has 2 patterns (1 to 2)"},
      {"explain: html", {"explain", "1", "--format", "html", kPatients}, 2, "--explain writes text, json or markdown, not html"},
      {"where: incomplete", {"--where", "age =", kPatients}, 2,
       "--where: expected a value ('text' or a number) at character 6 (found the end) in: age ="},
      {"where: OR", {"--where", "age = 'child' OR age = 'adult'", kPatients}, 2,
       "--where: OR at character 15 is not supported, only AND (run one summary per alternative) in: age = 'child' OR age = 'adult'"},
      {"where: unknown column", {"--where", "gendr = 'M'", kPatients}, 2, "--where: unknown column 'gendr' (did you mean 'gender'?)"},
  };
  for (const Case& c : cases) bad_input::expect_error(c, dir);
}

}  // namespace
}  // namespace tsum
