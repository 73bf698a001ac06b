// InputFile: the bytes of one input, memory-mapped when it is a regular file, read
// fully otherwise (standard input, pipes). Errors name the input: not found, a
// directory, permission denied.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tsum {

class MemoryLimit;

class InputFile {
 public:
  // "-" reads standard input, displayed as "<stdin>". `limit` (optional) is checked as
  // standard input or a pipe is read into memory (io/memory_limit.h).
  explicit InputFile(const std::string& path, const MemoryLimit* limit = nullptr);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // The name to use in messages.
  const std::string& display_name() const { return name_; }
  const std::string& path() const { return path_; }
  std::string_view bytes() const { return {data_, size_}; }

 private:
  std::string path_;
  std::string name_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
  std::string owned_;
};

}  // namespace tsum
