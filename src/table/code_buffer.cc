#include "table/code_buffer.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

namespace tsum::detail {
namespace {
constexpr size_t kMapThreshold = size_t{1} << 20;
constexpr size_t kHugePage = size_t{2} << 20;
}  // namespace

CodeBuffer::CodeBuffer(size_t bytes, Pages pages) : bytes_(bytes) {
  if (bytes >= kMapThreshold) {
    // Whole huge pages at a huge-page boundary, so that every page can be huge when
    // advised: map one page more than needed and unmap the unaligned head and the tail.
    bytes_ = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = ::mmap(nullptr, bytes_ + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      const auto raw = reinterpret_cast<uintptr_t>(p);
      const uintptr_t aligned = (raw + kHugePage - 1) / kHugePage * kHugePage;
      if (aligned > raw) ::munmap(p, aligned - raw);
      if (const uintptr_t tail = raw + bytes_ + kHugePage - (aligned + bytes_); tail > 0) {
        ::munmap(reinterpret_cast<void*>(aligned + bytes_), tail);
      }
      data_ = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
      // Advice only: without it, 4 KiB pages.
      if (pages == Pages::kHuge) ::madvise(data_, bytes_, MADV_HUGEPAGE);
#endif
      mapped_ = true;
      return;
    }
    bytes_ = bytes;  // fall back to malloc
  }
  data_ = std::malloc(bytes == 0 ? 1 : bytes);
  if (data_ == nullptr) throw std::bad_alloc();
}

void CodeBuffer::trim(size_t used) {
  constexpr size_t kPage = 4096;
  if (!mapped_) return;
  const size_t keep = (used + kPage - 1) / kPage * kPage;
  if (keep < bytes_) ::madvise(static_cast<char*>(data_) + keep, bytes_ - keep, MADV_DONTNEED);
}

CodeBuffer::~CodeBuffer() { free(data_, bytes_, mapped_); }

void CodeBuffer::free(void* data, size_t bytes, bool mapped) {
  if (data == nullptr) return;
  if (mapped) {
    ::munmap(data, bytes);
  } else {
    std::free(data);
  }
}

std::shared_ptr<void> CodeBuffer::release_shared() && {
  void* data = std::exchange(data_, nullptr);
  const size_t bytes = std::exchange(bytes_, 0);
  const bool mapped = std::exchange(mapped_, false);
  return std::shared_ptr<void>(data, [bytes, mapped](void* p) { free(p, bytes, mapped); });
}

}  // namespace tsum::detail
