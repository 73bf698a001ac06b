// parallel_for: tbb::parallel_for, in a form ThreadSanitizer can check.
//
// Every parallel loop in tsum goes through these two functions. In a normal build they
// are tbb::parallel_for. In a ThreadSanitizer build (make test-tsan) they run the same
// bodies on plain std::threads instead: Debian's libtbb is not built with
// -fsanitize=thread, so TSan cannot see the hand-offs inside TBB's scheduler and reports
// TBB's own task objects as racing. Suppressing those reports would also hide races in
// tsum's bodies, which run below TBB's frames. std::thread start and join are fully
// visible to TSan, so what it checks is exactly tsum's code: the bodies against each
// other and against the calling thread. The bodies cannot tell the difference: they get
// the same indices or disjoint sub-ranges, possibly on several threads, and an exception
// thrown by one is rethrown to the caller.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#if defined(__SANITIZE_THREAD__)
#define TSUM_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TSUM_UNDER_TSAN 1
#endif
#endif

#ifdef TSUM_UNDER_TSAN
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace tsum {

#ifdef TSUM_UNDER_TSAN
namespace detail {

// Runs task(k) for k in [0, tasks) on as many threads as the current task_arena allows
// (the caller is one of them), handing out k dynamically. The first exception stops the
// hand-out and is rethrown once every thread has finished.
template <class Task>
void run_on_threads(uint64_t tasks, const Task& task) {
  const uint64_t threads =
      std::min<uint64_t>(tasks, static_cast<uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency())));
  std::atomic<uint64_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  // Relaxed on purpose: a stronger order would make TSan see every body as happening
  // before the ones handed out after it, and hide races between bodies.
  auto work = [&] {
    while (!stop.load(std::memory_order_relaxed)) {
      const uint64_t k = next.fetch_add(1, std::memory_order_relaxed);
      if (k >= tasks) return;
      try {
        task(k);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        stop.store(true, std::memory_order_relaxed);
      }
    }
  };
  std::vector<std::thread> helpers;
  for (uint64_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace detail
#endif

// Calls body(i) for every i in [first, last), in parallel.
template <class Index, class Body>
void parallel_for(Index first, Index last, const Body& body) {
#ifdef TSUM_UNDER_TSAN
  if (last <= first) return;
  detail::run_on_threads(static_cast<uint64_t>(last - first),
                         [&](uint64_t k) { body(static_cast<Index>(first + static_cast<Index>(k))); });
#else
  tbb::parallel_for(first, last, body);
#endif
}

// Calls body(piece) for disjoint pieces that together cover range, in parallel.
template <class Value, class Body>
void parallel_for(const tbb::blocked_range<Value>& range, const Body& body) {
#ifdef TSUM_UNDER_TSAN
  if (range.empty()) return;
  const uint64_t size = range.size();
  const uint64_t piece = std::max<uint64_t>(range.grainsize(), (size + 15) / 16);
  detail::run_on_threads((size + piece - 1) / piece, [&](uint64_t k) {
    const Value begin = range.begin() + static_cast<Value>(k * piece);
    const Value end = range.begin() + static_cast<Value>(std::min(size, (k + 1) * piece));
    body(tbb::blocked_range<Value>(begin, end, range.grainsize()));
  });
#else
  tbb::parallel_for(range, body);
#endif
}

}  // namespace tsum
