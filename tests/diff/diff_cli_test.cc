// `tsum diff` end to end: the real binary, every output format, the input syntaxes, and
// the bad inputs (one clear line, exit 1 or 2, no output file left behind).
#include <gtest/gtest.h>

#include <string>

#include "cli/bad_input_test_util.h"

namespace tsum {
namespace {

using bad_input::Case;
using bad_input::TempDir;

// OLD: x cycles over p/q, y over r/s/t; NEW: the same plus 60 rows x = z (new), and
// column `extra`.
std::string old_csv() {
  std::string s = "x,y\n";
  for (int i = 0; i < 300; ++i) s += std::string(i % 2 ? "p" : "q") + "," + (i % 3 == 0 ? "r" : i % 3 == 1 ? "s" : "t") + "\n";
  return s;
}
std::string new_csv() {
  std::string s = "y,x,extra\n";
  for (int i = 0; i < 300; ++i) s += std::string(i % 3 == 0 ? "r" : i % 3 == 1 ? "s" : "t") + "," + (i % 2 ? "p" : "q") + ",e\n";
  for (int i = 0; i < 60; ++i) s += "r,z,e\n";
  return s;
}

test::CommandResult tsum(std::vector<std::string> args) {
  args.insert(args.begin(), test::tsum_binary());
  return test::run_command(args);
}

TEST(DiffCli, TextReportsColumnChangesThenPatterns) {
  TempDir dir;
  auto r = tsum({"diff", dir.file("old.csv", old_csv()), dir.file("new.csv", new_csv())});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  size_t added = r.out.find("column added: extra (string)");
  size_t pattern = r.out.find("x = z");
  ASSERT_NE(added, std::string::npos) << r.out;
  ASSERT_NE(pattern, std::string::npos) << r.out;
  EXPECT_LT(added, pattern);
  EXPECT_NE(r.out.find("New in NEW"), std::string::npos) << r.out;
}

TEST(DiffCli, JsonIsStableAndCompleteAndEqualForAnyThreadCount) {
  TempDir dir;
  std::string o = dir.file("old.csv", old_csv()), n = dir.file("new.csv", new_csv());
  auto one = tsum({"diff", "--format", "json", "--threads", "1", o, n});
  auto two = tsum({"diff", "--format", "json", "--threads", "2", o, n});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  for (const char* key : {"\"old\":{\"input\":", "\"new\":{\"input\":", "\"column_changes\":[{\"column\":\"extra\",\"change\":\"added\"",
                          "\"test\":{\"statistic\":\"G\"", "\"pattern\":{\"x\":\"z\"},\"status\":\"new\",\"old_rows\":0,\"old_share\":0,"
                          "\"new_rows\":60"}) {
    EXPECT_NE(one.out.find(key), std::string::npos) << key << "\n" << one.out;
  }
}

TEST(DiffCli, EveryFormatAndAtomicOutput) {
  TempDir dir;
  std::string o = dir.file("old.csv", old_csv()), n = dir.file("new.csv", new_csv());
  auto md = tsum({"diff", "--format", "markdown", o, n});
  EXPECT_NE(md.out.find("| rank | pattern |"), std::string::npos) << md.out;
  auto csv = tsum({"diff", "--format", "csv", o, n});
  EXPECT_EQ(csv.out.substr(0, csv.out.find("\r\n")), "by_value,rank,status,old_rows,old_share,new_rows,new_share,change,g,p_value,x,y");
  EXPECT_NE(csv.out.find(",new,0,0,60,"), std::string::npos) << csv.out;
  auto html = tsum({"diff", "--format", "html", "-o", dir.path("d.html"), o, n});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(html.out, "");
  std::ifstream in(dir.path("d.html"));
  std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("class=\"bar old\""), std::string::npos);
  EXPECT_NE(page.find("class=\"bar new\""), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(DiffCli, SeveralFilesPerSide) {
  TempDir dir;
  std::string n = dir.file("new.csv", new_csv());
  std::string all = old_csv();
  std::string first = all.substr(0, all.find('\n', all.size() / 2) + 1);
  std::string second = "x,y\n" + all.substr(first.size());
  auto split = tsum({"diff", "--format", "json", "--old", dir.file("o1.csv", first), "--old", dir.file("o2.csv", second), "--new", n});
  auto whole = tsum({"diff", "--format", "json", dir.file("old.csv", all), n});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  // The same diff; only the inputs' names differ.
  std::string patterns = whole.out.substr(whole.out.find("\"cost_model\""));
  EXPECT_EQ(split.out.substr(split.out.find("\"cost_model\"")), patterns);
}

TEST(DiffCli, ByColumn) {
  TempDir dir;
  std::string s = "shard,a\n";
  for (int i = 0; i < 900; ++i) s += std::string(i % 3 ? "one" : "two") + "," + ((i % 3 == 0 ? i % 2 == 0 : i % 9 == 1) ? "hot" : "cold") + "\n";
  auto r = tsum({"diff", "--format", "json", "--by", "shard=two", dir.file("t.csv", s)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"by\":\"shard\",\"diffs\":[", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"pattern\":{\"a\":\"hot\"},\"status\":\"up\""), std::string::npos) << r.out;
  auto all = tsum({"diff", "--by", "shard", dir.file("t.csv", s)});
  EXPECT_NE(all.out.find("NEW shard = one"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("NEW shard = two"), std::string::npos) << all.out;
}

TEST(DiffCli, BadInput) {
  TempDir dir;
  std::string o = dir.file("old.csv", old_csv()), n = dir.file("new.csv", new_csv());
  std::string other = dir.file("other.csv", "u,v\n1,2\n");
  std::string empty = dir.file("empty.csv", "x,y\n");
  std::string one_value = dir.file("one.csv", "k,v\na,1\na,2\n");
  const std::vector<Case> cases = {
      {"diff: one input", {"diff", o}, 2, "expected two inputs, OLD and NEW, got 1 (several files per side: --old A --old B --new C)"},
      {"diff: --old without --new", {"diff", "--old", o}, 2, "--old and --new are both needed"},
      {"diff: positional and --old", {"diff", "--old", o, "--new", n, o}, 2, "give the inputs either as OLD NEW or with --old/--new, not both"},
      {"diff: no column in common", {"diff", o, other}, 1, o + " and " + other + " have no column in common"},
      {"diff: --by unknown column", {"diff", "--by", "shrad", one_value}, 2, "unknown column 'shrad' (columns: 'k', 'v')"},
      {"diff: --by one value", {"diff", "--by", "k", one_value}, 1, "--by k: the column has one value ('a'); nothing to contrast it with"},
      {"diff: --by value absent", {"diff", "--by", "k=b", one_value}, 1, "--by k=b: no row has this value"},
      {"diff: --alpha out of range", {"diff", "--alpha", "2", o, n}, 2, "--alpha must be between 0 and 1, got 2"},
      {"diff: missing file", {"diff", o, dir.path("nope.csv")}, 1, dir.path("nope.csv") + ": file not found"},
  };
  for (const Case& c : cases) bad_input::expect_error(c, dir);

  // An empty side: a clearly stated empty result, exit 0.
  auto r = tsum({"diff", empty, n});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("has no rows: no pattern can be compared"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tsum
