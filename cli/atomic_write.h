// Writes a whole file or nothing: the text goes to a temporary file beside the target,
// which is renamed over it only once fully written and flushed. An existing target that
// is not a regular file or directory (a device such as /dev/stdout, a FIFO) is written in
// place instead.
#pragma once

#include <string>

namespace tsum::cli {

// Throws DataError naming the path when the file cannot be written; leaves no
// temporary file behind.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace tsum::cli
