// Helpers for the bad-input catalog (tests/cli/bad_input_*_test.cc): run the real tsum
// binary on one bad input and check what a user sees.
//
// expect_error() checks the whole contract for a failing run: the exit status (1 data
// error, 2 usage error), nothing on stdout, exactly one line on stderr, equal to the
// expected message, and, since every case is run with --output FILE in a fresh
// directory, that no output file (nor a temporary one) is left behind.
// expect_success() is for inputs that are odd but valid (zero rows, all-NULL columns).
//
// With TSUM_BAD_INPUT_CATALOG=FILE set, every case appends "name<TAB>exit<TAB>stderr" to
// FILE, the case's temporary directory shown as /data: docs/reliability.md's catalog is
// made from such a run.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace tsum::bad_input {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tsum-bad-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
    chmod(path_.c_str(), 0755);  // some cases run as an unprivileged user
  }
  ~TempDir() {
    std::error_code ignored;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `contents` to the file `name` in the directory; returns its path.
  std::string file(const std::string& name, const std::string& contents) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << contents;
    return p;
  }
  std::string path(const std::string& name = "") const { return name.empty() ? path_ : path_ + "/" + name; }
  // The names of the files in the directory, sorted.
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::string path_;
};

inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

inline void record(const std::string& name, int exit_code, const std::string& text, const TempDir& dir) {
  const char* catalog = std::getenv("TSUM_BAD_INPUT_CATALOG");
  if (!catalog || !*catalog) return;
  std::string shown = replace_all(text, dir.path() + "/", "/data/");
  shown = replace_all(shown, dir.path(), "/data");
  shown = replace_all(shown, std::string(TSUM_SOURCE_DIR) + "/", "");
  if (!shown.empty() && shown.back() == '\n') shown.pop_back();
  std::ofstream(catalog, std::ios::app) << name << '\t' << exit_code << '\t' << shown << '\n';
}

// Runs tsum ARGS... -o DIR/out.json (unless `with_output` is false) as `uid` (-1: as is).
inline test::CommandResult run_tsum(std::vector<std::string> args, const TempDir& dir, bool with_output = true,
                                    const std::string& input = "", int uid = -1) {
  args.insert(args.begin(), test::tsum_binary());
  if (with_output) {
    args.push_back("-o");
    args.push_back(dir.path("out.json"));
  }
  return test::run_command(args, input, uid);
}

struct Case {
  std::string name;               // how the catalog lists it
  std::vector<std::string> args;  // tsum's arguments (-o is added)
  int exit_code;                  // 1 data error, 2 usage error
  std::string message;            // stderr without "tsum: error: " and the line feed
  std::string input = "";         // standard input
  bool with_output = true;        // false: the case gives its own -o
  int uid = -1;                   // run as this user (-1: as is)
};

inline void expect_error(const Case& c, const TempDir& dir) {
  SCOPED_TRACE(c.name);
  std::vector<std::string> before = dir.listing();
  test::CommandResult r = run_tsum(c.args, dir, c.with_output, c.input, c.uid);
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "tsum: error: " + c.message + "\n");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(dir.listing(), before) << "a failed run left a file behind";
  record(c.name, r.exit_code, r.err, dir);
}

// A run that must succeed; returns its stdout (the JSON summary with --format json).
inline std::string expect_success(const std::string& name, std::vector<std::string> args, const TempDir& dir,
                                  const std::string& input = "") {
  SCOPED_TRACE(name);
  args.insert(args.begin(), "--format");
  args.insert(args.begin() + 1, "json");
  test::CommandResult r = run_tsum(args, dir, false, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::string first_line = r.out.substr(0, std::min<size_t>(r.out.find("\"patterns\""), 160));
  record(name, r.exit_code, "(succeeds) " + first_line, dir);
  return r.out;
}

}  // namespace tsum::bad_input
