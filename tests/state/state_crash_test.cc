// Crash safety of `tsum state apply`: the real binary is killed with SIGKILL at random
// moments, hundreds of times; after each kill the state must open and hold exactly the
// rows of before the batch or of after it, never a mix, and the next apply cleans up
// what the killed one left behind.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "cli/bad_input_test_util.h"
#include "state/person_workload.h"
#include "state/state_file.h"

extern char** environ;

namespace tsum {
namespace {

using Clock = std::chrono::steady_clock;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

TEST(StateCrash, KilledApplyLeavesBeforeOrAfter) {
  bad_input::TempDir dir;
  test::PersonWorkload workload(5);
  const std::string state = dir.path("s.tsum");
  const std::string tsum = test::tsum_binary();
  ASSERT_EQ(wait_for(spawn({tsum, "state", "init", state, "--key", "id"})), 0);
  ASSERT_EQ(wait_for(spawn({tsum, "state", "apply", state, dir.file("a.jsonl", workload.events(300))})), 0);
  const std::string events = dir.file("b.jsonl", workload.events(300));
  const std::string before = slurp(state);

  // One uninterrupted run: the bytes after, and how long a run takes.
  auto t0 = Clock::now();
  ASSERT_EQ(wait_for(spawn({tsum, "state", "apply", state, events})), 0);
  const auto full = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
  const std::string after = slurp(state);
  ASSERT_NE(before, after);

  std::mt19937 random(12345);
  std::uniform_int_distribution<long> delay(0, full * 11 / 10);
  int saw_before = 0, saw_after = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  int runs = 0;
  for (; runs < 400 && Clock::now() < deadline; ++runs) {
    if (slurp(state) != before) write(state, before);
    pid_t pid = spawn({tsum, "state", "apply", state, events, "--quiet"});
    usleep(static_cast<useconds_t>(delay(random)));
    kill(pid, SIGKILL);
    wait_for(pid);
    const std::string now = slurp(state);
    ASSERT_TRUE(now == before || now == after) << "run " << runs << ": the state is neither before nor after the batch";
    // ... and it opens.
    EXPECT_NO_THROW(state::parse(now, state)) << "run " << runs;
    (now == before ? saw_before : saw_after)++;
  }
  std::printf("%d runs killed: %d left the state before the batch, %d after (a full run takes %ld us)\n", runs,
              saw_before, saw_after, static_cast<long>(full));
  EXPECT_GE(runs, 100);
  // The kills landed on both sides of the rename, or the test proved little.
  EXPECT_GT(saw_before, 0);
  EXPECT_GT(saw_after, 0);

  // The next apply succeeds and removes temporary files a killed run left.
  write(state, before);
  ASSERT_EQ(wait_for(spawn({tsum, "state", "apply", state, events})), 0);
  EXPECT_EQ(slurp(state), after);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace tsum
