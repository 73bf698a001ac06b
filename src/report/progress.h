// Progress reporting, the library's end of it (the tsum command draws the bar:
// cli/terminal_progress.h).
//
// ProgressMeter: what readers and the engine hold. It turns "another chunk is parsed" or
// "another pattern is found" into calls of the user's ProgressCallback, from the thread
// that made the meter only, at most every `interval` (100 ms), plus one call when a stage
// starts and one when it ends. With no callback every method is a cheap no-op.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "tsum/progress.h"

namespace tsum {

class ProgressMeter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kInterval{100};

  // Reports `start` at once (when there is a callback). The calling thread becomes the
  // only thread that calls `callback`. `callback` must outlive the meter.
  ProgressMeter(const ProgressCallback& callback, const Progress& start, Clock::duration interval = kInterval);
  // finish(), unless it was called or an exception is unwinding the stack.
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  bool active() const { return callback_ != nullptr; }

  // Any thread: `n` more input bytes are parsed (kRead).
  void add_bytes(uint64_t n);
  // Any thread: `n` more rows are read (kRead). Reported from the meter's thread only.
  void add_rows(uint64_t n);
  // The meter's thread: the input holds `rows` rows in all (kRead; e.g. from a Parquet
  // footer); reported at once.
  void set_rows_total(uint64_t rows);
  // The meter's thread: the search has found `patterns` patterns; `rows_left` rows remain.
  void search(uint64_t patterns, uint64_t rows_left);
  // The meter's thread: a new stage starts; reported at once.
  void start(const Progress& state);
  // The meter's thread: the current stage is over; reported at once with done = true (and,
  // when reading, bytes_done = bytes_total, and rows_done = rows_total when known).
  void finish();

 private:
  void maybe_report();
  void report_now();

  const ProgressCallback* callback_ = nullptr;
  Progress state_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> rows_{0};
  std::thread::id owner_;
  Clock::duration interval_;
  Clock::time_point last_{};
  int exceptions_ = 0;  // std::uncaught_exceptions() when made
  bool finished_ = false;
};

}  // namespace tsum
