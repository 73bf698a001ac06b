// CodeBuffer: raw memory for arrays of codes, the largest allocations of a run.
//
// Big buffers (>= 1 MiB) are anonymous mappings. Untouched pages of a mapping are never
// allocated, so a reader may reserve an upper bound on its rows for the price of address
// space, and trim() gives back what it did not use. Smaller buffers use malloc.
//
// Mappings are advised against transparent huge pages (MADV_NOHUGEPAGE), whatever the
// system's THP setting. A huge page is zeroed whole at its first write: a chunk's
// reservation, sized for the shortest records and mostly untouched, had 2 MiB zeroed per
// column for the few hundred KiB it used, again at each widening of its codes. And on the
// test machine (a VM) a table's assembled columns, written whole, were slower on huge
// pages too: a run after a pause got pages the host had to provide afresh, 2 MiB at a
// time (read+encode of the seed's 10^7-row table 0.38 → 0.26 s, flights-3m 0.38 → 0.25 s
// on 4 KiB pages; back-to-back runs the same or better): docs/benchmarks.md, "No huge
// pages at all".
#pragma once

#include <cstddef>
#include <memory>

namespace tsum::detail {

class CodeBuffer {
 public:
  CodeBuffer() = default;
  // Uninitialized memory of `bytes` bytes; throws std::bad_alloc.
  explicit CodeBuffer(size_t bytes);
  CodeBuffer(CodeBuffer&& other) noexcept { swap(other); }
  CodeBuffer& operator=(CodeBuffer&& other) noexcept {
    CodeBuffer(std::move(other)).swap(*this);
    return *this;
  }
  CodeBuffer(const CodeBuffer&) = delete;
  CodeBuffer& operator=(const CodeBuffer&) = delete;
  ~CodeBuffer();

  void* data() const { return data_; }
  size_t bytes() const { return bytes_; }

  // Gives back the whole pages after the first `used` bytes (to be touched again only by
  // new writes, which then read zeros). Nothing happens to malloc'ed buffers.
  void trim(size_t used);

  // Hands the memory to a shared_ptr that frees it the right way.
  std::shared_ptr<void> release_shared() &&;

 private:
  void swap(CodeBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(bytes_, other.bytes_);
    std::swap(mapped_, other.mapped_);
  }
  static void free(void* data, size_t bytes, bool mapped);

  void* data_ = nullptr;
  size_t bytes_ = 0;
  bool mapped_ = false;
};

}  // namespace tsum::detail
