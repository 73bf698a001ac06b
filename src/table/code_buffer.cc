#include "table/code_buffer.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>
#include <utility>

namespace tsum::detail {
namespace {
constexpr size_t kMapThreshold = size_t{1} << 20;
}  // namespace

CodeBuffer::CodeBuffer(size_t bytes) : bytes_(bytes) {
  if (bytes >= kMapThreshold) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
#ifdef MADV_NOHUGEPAGE
      ::madvise(p, bytes, MADV_NOHUGEPAGE);  // advice only (see the header)
#endif
      data_ = p;
      mapped_ = true;
      return;
    }
    // fall back to malloc
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
