// tsum_bench_spawn: runs a command and reports its wall time, CPU time and peak RSS.
//
//   tsum_bench_spawn RESULT_FILE COMMAND [ARG...]
//
// Writes "wall_seconds user_seconds sys_seconds maxrss_kib" to RESULT_FILE and exits with
// the command's status (128 + signal when it was killed). The command inherits stdin,
// stdout and stderr.
//
// Why not wait4() from bench/run directly: Linux carries a process's peak RSS across
// exec(), so a command forked from the Python interpreter reports at least the
// interpreter's RSS. Forked from this small program, it reports its own (plus this
// program's ~1-2 MiB).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tsum_bench_spawn RESULT_FILE COMMAND [ARG...]\n");
    return 2;
  }
  timespec t0{}, t1{};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("tsum_bench_spawn: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    std::fprintf(stderr, "tsum_bench_spawn: %s: %s\n", argv[2], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::perror("tsum_bench_spawn: wait4");
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double wall = static_cast<double>(t1.tv_sec - t0.tv_sec) + 1e-9 * static_cast<double>(t1.tv_nsec - t0.tv_nsec);
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + 1e-6 * static_cast<double>(tv.tv_usec); };
  if (FILE* f = std::fopen(argv[1], "w")) {
    std::fprintf(f, "%.6f %.6f %.6f %ld\n", wall, secs(usage.ru_utime), secs(usage.ru_stime), usage.ru_maxrss);
    std::fclose(f);
  } else {
    std::perror("tsum_bench_spawn: result file");
    return 2;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
