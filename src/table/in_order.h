// Chunks that arrive in any order, from any thread, taken by a consumer strictly in
// order, as soon as the chunks before them are in: how a column's chunk dictionaries are
// merged while later chunks are still being read (TableBuilder::put_chunk, the Parquet
// reader's ColumnJoin).
//
// ArrivalFlags records which chunks have arrived (one set may serve several consumers:
// a CSV chunk arrives once for all its columns). An InOrderCursor is one consumer's
// position: advance() hands it the arrived chunks after those taken, under its lock, on
// the calling thread; a thread that finds the lock taken returns at once (the holder, or
// finish(), goes on), so no reader ever waits for a merge.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>

namespace tsum {

class ArrivalFlags {
 public:
  explicit ArrivalFlags(size_t count) : size_(count), flags_(new std::atomic<bool>[count]) {
    for (size_t k = 0; k < count; ++k) flags_[k].store(false, std::memory_order_relaxed);
  }
  size_t size() const { return size_; }
  // Chunk k has arrived: what the caller wrote for it before is visible to whoever sees
  // this.
  void mark(size_t k) { flags_[k].store(true, std::memory_order_release); }
  bool arrived(size_t k) const { return flags_[k].load(std::memory_order_acquire); }

 private:
  size_t size_;
  std::unique_ptr<std::atomic<bool>[]> flags_;
};

class InOrderCursor {
 public:
  // Chunks taken so far. Read it only where no thread can be advancing (finish()).
  size_t taken() const { return taken_; }

  // Calls take(begin, end) for the arrived chunks [begin, end) that follow the taken
  // ones, unless another thread holds the cursor. After letting go it looks once more: a
  // chunk that arrived meanwhile, from a thread that found the cursor held, would
  // otherwise wait for the next arrival or for finish(). take's exceptions propagate
  // (the cursor then stays before the chunks it failed on).
  template <class Take>
  void advance(const ArrivalFlags& arrived, Take&& take) {
    for (;;) {
      size_t next;
      {
        std::unique_lock<std::mutex> lock(lock_, std::try_to_lock);
        if (!lock.owns_lock()) return;
        size_t end = taken_;
        while (end < arrived.size() && arrived.arrived(end)) ++end;
        if (end == taken_) return;
        take(taken_, end);
        taken_ = next = end;
      }
      if (next == arrived.size() || !arrived.arrived(next)) return;
    }
  }

  // Takes [taken(), end) whatever has arrived; for the caller's last step, alone.
  template <class Take>
  void finish(size_t end, Take&& take) {
    if (taken_ < end) take(taken_, end);
    taken_ = end;
  }

 private:
  std::mutex lock_;
  size_t taken_ = 0;
};

}  // namespace tsum
