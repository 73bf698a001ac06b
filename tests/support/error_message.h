// error_message<E>(f): what an exception of type E thrown by f says, or "(no error)" when
// f returns; another exception type passes through (and fails the test that called it).
// For tests that compare a whole message.
#pragma once

#include <functional>
#include <string>

namespace tsum::test {

template <class E>
std::string error_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace tsum::test
