// MemoryLimit: how much memory a run may use, and the checks that stop it with a clear
// DataError before the kernel's out-of-memory killer would.
//
// What is measured: the process's anonymous resident memory (resident minus shared pages
// in /proc/self/statm): the heap, the tables and, for standard input, the bytes read.
// Memory-mapped input files are not counted: the kernel can drop those pages at any time,
// so they never cause an out-of-memory kill.
//
// When it is checked:
// - before a file is parsed, against an estimate: at least one byte per cell (the
//   narrowest dictionary code), the cells counted in the first MiB and scaled to the
//   file's size. The estimate is deliberately low, so it never refuses an input that
//   would fit; it catches the hopeless cases before any work is done.
// - while reading and summarizing, at every progress report (at most every 100 ms, at
//   chunk and row-group boundaries): the measured memory, and a projection to the end of
//   the input (memory grown so far / fraction read); the run stops when the measured
//   memory exceeds the limit, or when, after a fifth of the input, the projection exceeds
//   twice the limit (twice: dictionaries grow slower than the rows).
// - after each input is read.
// So a run can overshoot the limit by what it allocates between two checks (one chunk's
// worth, a few MiB per thread) but is not killed for going over it.
//
// Every message has the form
//   <input>: needs more memory than --max-memory allows (<limit>): <what was seen>
// and says how to get further (raise --max-memory, --columns).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tsum/progress.h"

namespace tsum {

class MemoryLimit {
 public:
  // `bytes` 0 means no limit.
  explicit MemoryLimit(uint64_t bytes) : bytes_(bytes) {}

  // The default: 75 % of the physical memory, or of the cgroup's memory.max when that is
  // lower (a container); 0 (no limit) when neither can be read.
  static uint64_t default_bytes();
  // "4G", "512M", "1.5G", "100k", "2GiB", "1000000" (bytes); K/M/G/T are powers of 1024;
  // "0" or "none" is no limit. Throws UsageError naming `option` otherwise.
  static uint64_t parse(const std::string& text, const std::string& option = "--max-memory");
  // "512 MiB", "1.5 GiB", "800 KiB", "100 bytes".
  static std::string describe(uint64_t bytes);
  // Anonymous resident memory of this process now, in bytes (0 when unknown).
  static uint64_t anonymous_resident_bytes();

  bool active() const { return bytes_ != 0; }
  uint64_t bytes() const { return bytes_; }

  // Throws DataError naming `input` when the process uses more than the limit; `when`
  // says at what point ("after reading it", "while summarizing").
  void check(const std::string& input, const std::string& when) const;

  // Before parsing `bytes` (the whole input, CSV/TSV or JSON text): throws DataError when
  // the estimate above already exceeds the limit. `delimiter` is the CSV delimiter when
  // known; '\0' counts cells of JSON text instead.
  void check_estimate(const std::string& input, std::string_view bytes, char delimiter, bool json) const;

  // A progress callback that forwards to `user` (when set) and then checks the memory as
  // described above, throwing DataError naming `input`. The callers of this callback (the
  // readers and the engine, through report/progress.h's ProgressMeter) let that exception
  // end the run. Reports with `done` set are only forwarded: they come from destructors.
  ProgressCallback guard(ProgressCallback user, std::string input) const;

 private:
  [[noreturn]] void fail(const std::string& input, const std::string& seen) const;

  uint64_t bytes_;
};

}  // namespace tsum
