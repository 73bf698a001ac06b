// Engine-internal pattern: (column, code) pairs in the order local expansion chose them,
// with the left-to-right sum of their bits (the spec's Benefit factor).
#pragma once

#include <cstdint>
#include <vector>

namespace tsum {

struct Item {
  uint32_t column;
  uint32_t code;
};

struct CodedPattern {
  std::vector<Item> items;
  double sum_bits = 0;
};

}  // namespace tsum
