#include "prepare/missing_marker.h"

namespace tsum {

bool is_missing_marker(std::string_view text) {
  static constexpr std::string_view kMarkers[] = {"NA",   "N/A",  "n/a",  "na",   "NaN", "nan", "null", "NULL",
                                                  "Null", "None", "none", "nil",  "-",   "--",  "?",    "."};
  for (std::string_view m : kMarkers) {
    if (text == m) return true;
  }
  return text.find_first_not_of(' ') == std::string_view::npos;
}

}  // namespace tsum
