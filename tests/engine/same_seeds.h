// The comparison the root-step tests make at every step: a fast root step's seeds
// against root_seeds' — as many, and each with the same items in the same order, the
// same saving (compared with ==) and the same count.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/seed_expansion.h"

namespace tsum::test {

inline std::vector<std::pair<uint32_t, uint32_t>> items_of(const Seed& s) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Item& item : s.pattern.items) out.emplace_back(item.column, item.code);
  return out;
}

inline void expect_same_seeds(const std::vector<Seed>& fast, const std::vector<Seed>& plain, const std::string& where) {
  EXPECT_EQ(fast.size(), plain.size()) << where;
  for (size_t i = 0; i < std::min(fast.size(), plain.size()); ++i) {
    EXPECT_EQ(items_of(fast[i]), items_of(plain[i])) << where << " seed " << i;
    EXPECT_EQ(fast[i].saving, plain[i].saving) << where << " seed " << i;
    EXPECT_EQ(fast[i].count, plain[i].count) << where << " seed " << i;
  }
}

}  // namespace tsum::test
