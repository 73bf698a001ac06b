// Errors tsum reports to its user.
//
// Every failure caused by the user's input or options is thrown as one of these,
// carrying a complete one-line message (file, line/row and column where they apply).
// Front ends print what() verbatim and exit with exit_code(): 2 for usage errors,
// 1 for data errors. Nothing in the library aborts on user data.
#pragma once

#include <stdexcept>
#include <string>

namespace tsum {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  virtual int exit_code() const { return 1; }
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
