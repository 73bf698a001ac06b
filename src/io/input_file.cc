#include "io/input_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/memory_limit.h"
#include "tsum/error.h"

namespace tsum {
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw DataError(name + ": " + what);
}

std::string describe_errno(int err) {
  switch (err) {
    case ENOENT: return "file not found";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory, expected a file";
    default: return std::strerror(err);
  }
}

// Reads everything from fd into out; used for stdin, pipes and FIFOs. Checks `limit`
// (when given) every 16 MiB, so an endless pipe stops with a message.
void read_all(int fd, const std::string& name, std::string& out, const MemoryLimit* limit) {
  char buffer[1 << 16];
  constexpr size_t kCheckEvery = size_t{16} << 20;
  size_t next_check = kCheckEvery;
  for (;;) {
    if (limit && out.size() >= next_check) {
      limit->check(name, "after reading " + MemoryLimit::describe(out.size()) + " of it");
      next_check = out.size() + kCheckEvery;
    }
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(name, describe_errno(errno));
    }
    out.append(buffer, static_cast<size_t>(n));
  }
}

}  // namespace

InputFile::InputFile(const std::string& path, const MemoryLimit* limit)
    : path_(path), name_(path == "-" ? "<stdin>" : path) {
  if (path == "-") {
    read_all(STDIN_FILENO, name_, owned_, limit);
    data_ = owned_.data();
    size_ = owned_.size();
    return;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(name_, describe_errno(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    fail(name_, describe_errno(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    fail(name_, describe_errno(EISDIR));
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    size_ = static_cast<size_t>(st.st_size);
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      fail(name_, describe_errno(err));
    }
    ::madvise(p, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(p);
    mapped_ = true;
  } else if (!S_ISREG(st.st_mode)) {
    try {
      read_all(fd, name_, owned_, limit);
    } catch (...) {
      ::close(fd);
      throw;
    }
    data_ = owned_.data();
    size_ = owned_.size();
  }
  ::close(fd);
}

InputFile::~InputFile() {
  if (mapped_) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace tsum
