// HistogramSlots: histograms indexed by code, claimed by the tasks of a parallel step and
// given back zeroed, so that each task counts into one without allocating it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace tsum {

// A fixed number of slots, one histogram each (sized by the caller on first use). claim()
// marks a free slot busy and returns it, or kNoSlot when every slot is busy; release()
// frees it. The caller leaves a histogram zeroed before releasing it. claim() and
// release() may be called from any thread; a slot is held by one claimer at a time.
class HistogramSlots {
 public:
  static constexpr size_t kNoSlot = SIZE_MAX;
  explicit HistogramSlots(size_t slots) : hist_(slots), busy_(new std::atomic<bool>[slots]) {
    for (size_t i = 0; i < slots; ++i) busy_[i].store(false, std::memory_order_relaxed);
  }
  size_t claim() {
    for (size_t i = 0; i < hist_.size(); ++i) {
      if (!busy_[i].load(std::memory_order_relaxed) && !busy_[i].exchange(true, std::memory_order_acquire)) return i;
    }
    return kNoSlot;
  }
  void release(size_t i) { busy_[i].store(false, std::memory_order_release); }
  std::vector<uint64_t>& at(size_t i) { return hist_[i]; }

 private:
  std::vector<std::vector<uint64_t>> hist_;
  std::unique_ptr<std::atomic<bool>[]> busy_;
};

}  // namespace tsum
