// Helpers for the CSV reader tests: temporary input files and tables as plain values.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "io/csv/csv_reader.h"
#include "io/input_file.h"
#include "tsum/error.h"
#include "support/plain_table.h"
#include "tsum/table.h"

namespace tsum::csv_test {

using Cell = std::optional<std::string>;
using Rows = std::vector<std::vector<Cell>>;

// A file holding `bytes` in a per-process temporary directory, removed on destruction.
class TempFile {
 public:
  explicit TempFile(const std::string& bytes, const std::string& suffix = ".csv") {
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tsum_csv_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    path_ = (dir / ("input" + std::to_string(counter++) + suffix)).string();
    std::ofstream out(path_, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A Table as plain values (tests/support/plain_table.h).
using Plain = test::PlainTable;
using test::plain;

// Either the table read from `bytes`, or the error message (prefixed "DataError: " or
// "UsageError: "), with the temporary file's path replaced by "FILE".
struct Outcome {
  std::optional<Plain> table;
  std::string error;
  bool operator==(const Outcome&) const = default;
};

inline std::string replace_path(std::string text, const std::string& path) {
  for (size_t at; (at = text.find(path)) != std::string::npos;) text.replace(at, path.size(), "FILE");
  return text;
}

inline Outcome read_outcome(const std::string& bytes, const CsvOptions& options = {}) {
  TempFile file(bytes);
  Outcome outcome;
  try {
    InputFile input(file.path());
    outcome.table = plain(read_csv(input, options));
  } catch (const DataError& e) {
    outcome.error = "DataError: " + replace_path(e.what(), file.path());
  } catch (const UsageError& e) {
    outcome.error = "UsageError: " + replace_path(e.what(), file.path());
  }
  return outcome;
}

}  // namespace tsum::csv_test
