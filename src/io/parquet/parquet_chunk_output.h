// What decoding one column chunk produces: a chunk-local dictionary of canonical texts
// (in order of first appearance) and one chunk-local code per row (0 = NULL, else the
// dictionary index + 1), stored in the narrowest width that holds the largest code.
//
// Storage is allocated up front for the rows the chunk is expected to hold (capped by
// what its bytes can plausibly encode, so a corrupt row count cannot allocate much) and
// grows when needed; a batch of codes is appended in one call (ChunkCodes::append), which
// widens first when the dictionary has outgrown the current width.
#pragma once

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <memory>

#include "table/dictionary.h"

namespace tsum::parquet {

class ChunkCodes {
 public:
  // Room for `capacity` codes to start with (it grows as needed); `max_code` is the
  // largest code expected (it may grow later).
  void reserve(uint64_t capacity, uint32_t max_code) {
    size_ = 0;
    capacity_ = capacity;
    width_ = width_for(max_code);
    data_.reset(new uint8_t[static_cast<size_t>(capacity_) * width_ + 1]);
  }

  // Appends n codes, none larger than max_code.
  void append(const uint32_t* codes, size_t n, uint32_t max_code) {
    if (n == 0) return;
    const unsigned width = std::max(width_, width_for(max_code));
    if (width != width_ || n > capacity_ - size_) resize(width, std::max(capacity_ * 2, size_ + n));
    uint8_t* base = data_.get();
    switch (width_) {
      case 1: for (size_t i = 0; i < n; ++i) base[size_ + i] = static_cast<uint8_t>(codes[i]); break;
      case 2: {
        auto* out = reinterpret_cast<uint16_t*>(base) + size_;
        for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint16_t>(codes[i]);
        break;
      }
      default: std::memcpy(reinterpret_cast<uint32_t*>(base) + size_, codes, n * 4); break;
    }
    size_ += n;
  }

  uint64_t size() const { return size_; }
  unsigned width() const { return width_; }
  // Calls f(const T* codes) with T = uint8_t, uint16_t or uint32_t.
  template <class F>
  void visit(F&& f) const {
    if (width_ == 1) f(data_.get());
    else if (width_ == 2) f(reinterpret_cast<const uint16_t*>(data_.get()));
    else f(reinterpret_cast<const uint32_t*>(data_.get()));
  }
  void clear() {
    data_.reset();
    size_ = capacity_ = 0;
  }

 private:
  static unsigned width_for(uint32_t max_code) { return max_code < 0x100 ? 1 : max_code < 0x10000 ? 2 : 4; }
  // New storage of `width` bytes per code and room for `capacity` codes, keeping the codes.
  void resize(unsigned width, uint64_t capacity) {
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[static_cast<size_t>(capacity) * width + 1]);
    visit([&](const auto* in) {
      if (width == 1) {
        std::memcpy(bigger.get(), in, size_);
      } else if (width == 2) {
        auto* out = reinterpret_cast<uint16_t*>(bigger.get());
        for (uint64_t i = 0; i < size_; ++i) out[i] = static_cast<uint16_t>(in[i]);
      } else {
        auto* out = reinterpret_cast<uint32_t*>(bigger.get());
        for (uint64_t i = 0; i < size_; ++i) out[i] = in[i];
      }
    });
    data_ = std::move(bigger);
    width_ = width;
    capacity_ = capacity;
  }

  std::unique_ptr<uint8_t[]> data_;
  uint64_t capacity_ = 0;
  uint64_t size_ = 0;
  unsigned width_ = 1;
};

struct ChunkOutput {
  Dictionary dictionary;
  ChunkCodes codes;
  bool all_numeric = true;  // the column's type is numeric (the same for every chunk)
};

}  // namespace tsum::parquet
