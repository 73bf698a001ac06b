// Numbers written as text: the spec's number syntax
// ^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$ (surrounding spaces allowed), read once per
// distinct value.
#pragma once

#include <optional>
#include <string_view>

namespace tsum {

struct NumberText {
  double value = 0;
  bool integer = false;      // digits only (with an optional sign): no '.', no exponent
  bool zero_padded = false;  // an integer part of two or more digits starting with 0 ("007", "02134")
};

// The number, or nullopt when the text does not follow the syntax above. Values that
// overflow a double (1e999) are not numbers.
std::optional<NumberText> parse_number_text(std::string_view text);

}  // namespace tsum
