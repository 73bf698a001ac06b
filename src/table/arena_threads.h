// arena_threads: the concurrency to give a tbb::task_arena for a requested thread count.
//
// 0 means "all available". A request above what the process may use is clamped to it:
// TBB cannot run more workers than its global limit anyway, and asking for more makes it
// print "The number of workers is currently limited ..." on stderr. Results never depend
// on the thread count, so clamping changes nothing but that warning.
#pragma once

#include <tbb/task_arena.h>

#include <algorithm>

namespace tsum {

inline int arena_threads(unsigned requested) {
  // max_concurrency() outside any arena is the process's default: the CPUs it may run on.
  const int available = std::max(1, tbb::this_task_arena::max_concurrency());
  if (requested == 0) return available;
  return std::min(available, static_cast<int>(std::min<unsigned>(requested, 1u << 20)));
}

}  // namespace tsum
