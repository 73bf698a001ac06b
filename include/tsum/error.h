// Errors tsum reports to its user.
//
// Every failure caused by the user's input or options is thrown as one of these,
// carrying a complete one-line message (file, line/row and column where they apply).
// Front ends print what() verbatim and exit with exit_code(): 2 for usage errors,
// 1 for data errors. Nothing in the library aborts on user data.
//
// Messages quote user data (column names, values, arguments), which may hold line breaks
// or other control characters; the constructor keeps the message one line by writing
// those as \n, \r, \t or \xNN (line ends at the very end are dropped). The fuzz
// targets (tests/fuzz) check this for every message.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace tsum {

class Error : public std::runtime_error {
 public:
  explicit Error(std::string_view message) : std::runtime_error(one_line(message)) {}
  explicit Error(const char* message) : Error(std::string_view(message)) {}
  explicit Error(const std::string& message) : Error(std::string_view(message)) {}
  virtual int exit_code() const { return 1; }

  // The message with control characters escaped and trailing line ends removed.
  static std::string one_line(std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.remove_suffix(1);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(message.size());
    for (char c : message) {
      unsigned char b = static_cast<unsigned char>(c);
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (b < 0x20 || b == 0x7f) out += {'\\', 'x', kHex[b >> 4], kHex[b & 15]};
      else out += c;
    }
    return out;
  }
};

// The input could not be read or is not a valid table (exit 1).
class DataError : public Error {
 public:
  using Error::Error;
};

// The command line or API call asked for something impossible (exit 2).
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return 2; }
};

}  // namespace tsum
