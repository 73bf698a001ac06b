#include "atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "tsum/error.h"

namespace tsum::cli {

namespace {

// Writes all of `text` to `fd`; false (errno set) on failure.
bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

// An existing target that is not a regular file (/dev/stdout, /dev/full, a FIFO) is
// written in place: renaming a file over it would replace the device or pipe itself.
void write_in_place(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw DataError(path + ": cannot write output: " + std::strerror(errno));
  if (!write_all(fd, text)) {
    int err = errno;
    ::close(fd);
    throw DataError(path + ": cannot write output: " + std::strerror(err));
  }
  if (::close(fd) != 0) throw DataError(path + ": cannot write output: " + std::strerror(errno));
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return write_in_place(path, text);
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  int fd = ::mkstemp(temp.data());
  if (fd < 0) throw DataError(path + ": cannot write output: " + std::strerror(errno));
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(temp.data());
    throw DataError(path + ": cannot write output: " + std::strerror(err));
  };
  if (!write_all(fd, text)) fail(errno);
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.data());
    throw DataError(path + ": cannot write output: " + std::strerror(err));
  }
  if (::rename(temp.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.data());
    throw DataError(path + ": cannot write output: " + std::strerror(err));
  }
}

}  // namespace tsum::cli
