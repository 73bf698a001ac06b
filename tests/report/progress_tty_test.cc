// The tsum command's progress bar on a real pseudo-terminal: shown on a terminal's stderr
// while a large input is read and searched, in colour unless NO_COLOR, erased at the end;
// nothing with --quiet. (Not a terminal: nothing; see tests/cli.)
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "support/run_command.h"

namespace tsum {
namespace {

namespace fs = std::filesystem;

// A table that takes a while: about 2.5 million rows (≈ 75 MB), made once per test
// process.
const std::string& big_input() {
  static const std::string path = [] {
    std::string p = (fs::temp_directory_path() / ("tsum-progress-tty-" + std::to_string(getpid()) + ".csv")).string();
    std::ofstream out(p, std::ios::binary);
    out << "region,product,channel,size,status,segment\n";
    std::mt19937_64 rng(7);
    std::string row;
    for (int i = 0; i < 2500000; ++i) {
      uint64_t r = rng();
      // fmt rather than "r" + std::to_string(...): GCC 12 misreports the latter (-Wrestrict).
      row = fmt::format("r{},p{},c{},s{},t{},g{}\n", r % 40, (r >> 8) % 300, (r >> 20) % 6, (r >> 28) % 5,
                        (r >> 36) % 3, (r >> 44) % 25);
      out << row;
    }
    return p;
  }();
  return path;
}

struct TtyRun {
  std::string terminal;  // what the pseudo-terminal received (stderr)
  std::string out;       // standard output
  int exit_code = -1;
};

// Runs tsum with stderr (and stdin) on a new pseudo-terminal of 100 columns, stdout to
// a file; `env` is added to a minimal environment.
TtyRun run_on_tty(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::string out_path = (fs::temp_directory_path() / ("tsum-tty-out-" + std::to_string(getpid()))).string();
  struct winsize ws {};
  ws.ws_col = 100;
  ws.ws_row = 30;
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
  if (pid < 0) return {};
  if (pid == 0) {
    int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) _exit(126);
    dup2(fd, 1);
    close(fd);
    std::vector<std::string> argv_s = {test::tsum_binary()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s = {"PATH=/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8"};
    env_s.insert(env_s.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (std::string& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  TtyRun run;
  char buffer[4096];
  for (;;) {
    ssize_t n = read(master, buffer, sizeof buffer);
    if (n > 0) run.terminal.append(buffer, static_cast<size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;  // EIO: the child closed the terminal
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(out_path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  run.out = s.str();
  fs::remove(out_path);
  return run;
}

// Escape sequences other than "erase to the end of the line".
bool has_colour(const std::string& text) { return text.find("\x1b[3") != std::string::npos || text.find("\x1b[2m") != std::string::npos; }

class ProgressTty : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { fs::remove(big_input()); }
};

// The bar appears at once and is redrawn every millisecond, so that each stage is drawn
// however fast this machine reads and searches (NothingForAQuickRun keeps the defaults).
const std::vector<std::string> kDrawAtOnce = {"TSUM_PROGRESS_DELAY_MS=0", "TSUM_PROGRESS_INTERVAL_MS=1"};

TEST_F(ProgressTty, BarsForReadingAndSearchingThenErased) {
  TtyRun r = run_on_tty({"--threads", "2", "--format", "json", big_input()}, kDrawAtOnce);
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  EXPECT_NE(r.terminal.find("\rreading "), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find(" MiB / "), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find("\rsearching"), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find(" rows left"), std::string::npos) << r.terminal;
  EXPECT_TRUE(has_colour(r.terminal)) << r.terminal;
  // Cleared at the end: the last thing on the terminal erases the line; no newline ever.
  EXPECT_TRUE(r.terminal.ends_with("\r\x1b[K")) << r.terminal;
  EXPECT_EQ(r.terminal.find('\n'), std::string::npos);
  // The output is the same as without a terminal.
  auto plain = test::run_command({test::tsum_binary(), "--threads", "2", "--format", "json", big_input()});
  EXPECT_EQ(plain.err, "");
  EXPECT_EQ(r.out, plain.out);
  // Every line fits the terminal's 100 columns.
  size_t start = 0;
  while ((start = r.terminal.find('\r', start)) != std::string::npos) {
    size_t end = r.terminal.find('\r', start + 1);
    std::string line = r.terminal.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
    size_t w = 0;
    bool esc = false;
    for (unsigned char c : line) {
      if (esc) {
        if (c >= 0x40 && c <= 0x7E && c != '[') esc = false;
      } else if (c == 0x1b) {
        esc = true;
      } else {
        w += (c & 0xC0) != 0x80;
      }
    }
    EXPECT_LT(w, 100u) << line;
    start = start + 1;
  }
}

TEST_F(ProgressTty, NoColourWithNoColor) {
  std::vector<std::string> env = kDrawAtOnce;
  env.push_back("NO_COLOR=1");
  TtyRun r = run_on_tty({"--threads", "2", "--format", "json", big_input()}, env);
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  EXPECT_NE(r.terminal.find("\rreading "), std::string::npos) << r.terminal;
  EXPECT_FALSE(has_colour(r.terminal)) << r.terminal;
  EXPECT_TRUE(r.terminal.ends_with("\r\x1b[K")) << r.terminal;
}

TEST_F(ProgressTty, NothingWithQuiet) {
  TtyRun r = run_on_tty({"--quiet", "--threads", "2", "--format", "json", big_input()}, kDrawAtOnce);
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  EXPECT_EQ(r.terminal, "");
  EXPECT_FALSE(r.out.empty());
}

TEST_F(ProgressTty, NothingForAQuickRun) {
  TtyRun r = run_on_tty({std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv"}, {});
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  EXPECT_EQ(r.terminal, "");
}

}  // namespace
}  // namespace tsum
