// The tsum command's progress bar: the line it draws, its style from the environment, and
// the drawing thread's throttling and erasing (on a pipe standing in for the terminal).
#include "terminal_progress.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace tsum {
namespace {

using namespace std::chrono_literals;

size_t visible_width(const std::string& s) {
  size_t w = 0;
  bool esc = false;
  for (unsigned char c : s) {
    if (esc) {
      if (c >= 0x40 && c <= 0x7E && c != '[') esc = false;
      continue;
    }
    if (c == 0x1b) esc = true;
    else w += (c & 0xC0) != 0x80;
  }
  return w;
}

TEST(TerminalProgressLine, ReadingSearchingRanking) {
  TerminalProgress::Style plain{.color = false, .escapes = true, .unicode = false};
  Progress read{.stage = Progress::Stage::kRead, .bytes_done = 512 * 1024 * 1024, .bytes_total = 2048ull * 1024 * 1024};
  std::string line = TerminalProgress::line(read, "flights.csv", 0, 1, 65.0, 80, plain);
  EXPECT_EQ(line.rfind("reading flights.csv  [", 0), 0u) << line;
  EXPECT_NE(line.find(" 25 %  512 MiB / 2.0 GiB  1:05"), std::string::npos) << line;
  EXPECT_LE(visible_width(line), 79u);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);

  std::string two = TerminalProgress::line(read, "b.csv", 1, 3, 1, 80, plain);
  EXPECT_EQ(two.rfind("reading 2/3 b.csv", 0), 0u) << two;

  Progress search{.stage = Progress::Stage::kSearch, .patterns = 12, .rows_left = 1234567, .rows_total = 2000000};
  line = TerminalProgress::line(search, "x", 0, 1, 3, 100, plain);
  EXPECT_EQ(line.rfind("searching  [", 0), 0u) << line;
  EXPECT_NE(line.find("12 patterns, 1,234,567 rows left  0:03"), std::string::npos) << line;

  Progress rank{.stage = Progress::Stage::kRank, .patterns = 1, .rows_total = 10};
  EXPECT_EQ(TerminalProgress::line(rank, "x", 0, 1, 3725, 80, plain), "ranking 1 pattern  1:02:05");
}

TEST(TerminalProgressLine, FitsNarrowTerminalsAndStyles) {
  Progress read{.stage = Progress::Stage::kRead, .bytes_done = 10, .bytes_total = 100};
  std::string long_name(200, 'n');
  for (unsigned width : {20u, 40u, 80u, 200u}) {
    for (bool unicode : {false, true}) {
      for (bool color : {false, true}) {
        TerminalProgress::Style style{.color = color, .escapes = true, .unicode = unicode};
        std::string line = TerminalProgress::line(read, long_name, 0, 1, 1, width, style);
        EXPECT_LE(visible_width(line), std::max(width, 20u) - 1) << line;
        if (!(color && unicode)) {
          EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
        }
      }
    }
  }
}

TEST(TerminalProgressStyle, Environment) {
  setenv("NO_COLOR", "1", 1);
  setenv("TERM", "xterm-256color", 1);
  setenv("LC_ALL", "C.UTF-8", 1);
  TerminalProgress::Style s = TerminalProgress::style_from_environment();
  EXPECT_FALSE(s.color);
  EXPECT_TRUE(s.escapes);
  EXPECT_TRUE(s.unicode);
  setenv("NO_COLOR", "", 1);  // empty: no effect (no-color.org)
  EXPECT_TRUE(TerminalProgress::style_from_environment().color);
  setenv("TERM", "dumb", 1);
  setenv("LC_ALL", "C", 1);
  s = TerminalProgress::style_from_environment();
  EXPECT_FALSE(s.color);
  EXPECT_FALSE(s.escapes);
  EXPECT_FALSE(s.unicode);
  unsetenv("NO_COLOR");
  unsetenv("LC_ALL");
}

TEST(TerminalProgress, NotWantedOnAPipeOrWhenQuiet) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_FALSE(TerminalProgress::wanted(fds[1], false));
  close(fds[0]);
  close(fds[1]);
  int fd = open("/dev/null", O_WRONLY);
  EXPECT_FALSE(TerminalProgress::wanted(fd, false));
  close(fd);
}

std::string drain(int fd) {
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<size_t>(n));
  return out;
}

TEST(TerminalProgress, DrawsAtMostTenTimesASecondAndErasesAtTheEnd) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  auto t0 = std::chrono::steady_clock::now();
  {
    TerminalProgress bar(fds[1], {"in.csv"}, TerminalProgress::Style{.color = true, .escapes = true, .unicode = true}, 0ms);
    for (int i = 0; i <= 100; ++i) {
      bar.update(Progress{.stage = Progress::Stage::kRead, .bytes_done = static_cast<uint64_t>(i), .bytes_total = 100});
      std::this_thread::sleep_for(5ms);
    }
  }  // the destructor stops and erases
  close(fds[1]);
  std::string out = drain(fds[0]);
  close(fds[0]);
  size_t draws = 0;
  for (size_t at = out.find("\rreading"); at != std::string::npos; at = out.find("\rreading", at + 1)) ++draws;
  EXPECT_GE(draws, 2u) << out;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LE(static_cast<double>(draws), seconds * 10 + 1) << out;  // at most 10 a second
  EXPECT_TRUE(out.ends_with("\r\x1b[K")) << out;
}

TEST(TerminalProgress, NothingForShortRunsAndDumbTerminals) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  {
    TerminalProgress bar(fds[1], {"in.csv"}, TerminalProgress::Style{}, 10s);
    bar.update(Progress{.stage = Progress::Stage::kRead, .bytes_total = 100});
    std::this_thread::sleep_for(150ms);
  }
  {
    TerminalProgress bar(fds[1], {"in.csv"}, TerminalProgress::Style{.color = false, .escapes = false, .unicode = false},
                         0ms);
    bar.update(Progress{.stage = Progress::Stage::kRead, .bytes_total = 100});
    std::this_thread::sleep_for(150ms);
  }
  close(fds[1]);
  std::string out = drain(fds[0]);
  close(fds[0]);
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.rfind("\rreading in.csv", 0), 0u) << out;
  EXPECT_EQ(out.back(), '\r');  // erased with spaces
}

// ---- the hooks ---------------------------------------------------------------------

TEST(TerminalProgress, TimingFromTheEnvironment) {
  using std::chrono::milliseconds;
  unsetenv("TSUM_PROGRESS_DELAY_MS");
  unsetenv("TSUM_PROGRESS_INTERVAL_MS");
  TerminalProgress::Timing t = TerminalProgress::timing_from_environment();
  EXPECT_EQ(t.delay, milliseconds(250));
  EXPECT_EQ(t.interval, milliseconds(100));
  setenv("TSUM_PROGRESS_DELAY_MS", "0", 1);
  setenv("TSUM_PROGRESS_INTERVAL_MS", "7", 1);
  t = TerminalProgress::timing_from_environment();
  EXPECT_EQ(t.delay, milliseconds(0));
  EXPECT_EQ(t.interval, milliseconds(7));
  // Not a whole number, or out of range: the defaults (an interval of 0 would spin).
  for (const char* bad : {"", "-1", "1.5", "ten", "99999999999"}) {
    setenv("TSUM_PROGRESS_DELAY_MS", bad, 1);
    setenv("TSUM_PROGRESS_INTERVAL_MS", bad, 1);
    t = TerminalProgress::timing_from_environment();
    EXPECT_EQ(t.delay, milliseconds(250)) << bad;
    EXPECT_EQ(t.interval, milliseconds(100)) << bad;
  }
  setenv("TSUM_PROGRESS_INTERVAL_MS", "0", 1);
  EXPECT_EQ(TerminalProgress::timing_from_environment().interval, milliseconds(100));
  unsetenv("TSUM_PROGRESS_DELAY_MS");
  unsetenv("TSUM_PROGRESS_INTERVAL_MS");
}

}  // namespace
}  // namespace tsum
