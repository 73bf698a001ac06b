// CodeBuffer: raw memory for arrays of codes, the largest allocations of a run.
//
// Big buffers (>= 1 MiB) are anonymous mappings, aligned to and rounded up to 2 MiB.
// Untouched pages of a mapping are never allocated, so a reader may reserve an upper
// bound on its rows for the price of address space, and trim() gives back what it did
// not use. Smaller buffers use malloc.
//
// Pages::kHuge advises transparent huge pages: for a buffer that will be written whole
// (a table's column of codes), one fault per 2 MiB instead of one per 4 KiB. Reservations
// stay on 4 KiB pages: a huge page is zeroed whole at its first write, and a chunk's
// reserved codes are mostly untouched (the bound assumes the shortest records), so each
// huge page zeroed 2 MiB for the few hundred KiB a chunk's column used; on a table of
// 10^5-value columns, whose codes widen twice per chunk, that was a third of the
// one-thread read (docs/benchmarks.md, "Huge pages").
#pragma once

#include <cstddef>
#include <memory>

namespace tsum::detail {

class CodeBuffer {
 public:
  CodeBuffer() = default;
  enum class Pages { kSmall, kHuge };
  // Uninitialized memory of `bytes` bytes; throws std::bad_alloc.
  explicit CodeBuffer(size_t bytes, Pages pages = Pages::kSmall);
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
  // new writes, which then read zeros): a huge page only partly used is split and its
  // unused part freed. Nothing happens to malloc'ed buffers.
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
