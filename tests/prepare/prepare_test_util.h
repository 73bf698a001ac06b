// Small tables for the preprocessing tests.
#pragma once

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <optional>
#include <string>
#include <vector>

#include "prepare/column_bins.h"
#include "support/raw_table.h"
#include "tsum/table.h"

namespace tsum::test {

// One column named `name` holding `values` (nullopt = NULL), CSV typing.
inline Table one_column(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  RawTable raw;
  raw.names = {name};
  for (const auto& v : values) raw.rows.push_back({v});
  return to_table(raw);
}

inline std::vector<std::optional<std::string>> texts(const std::vector<std::string>& values) {
  return std::vector<std::optional<std::string>>(values.begin(), values.end());
}

// The column's values row by row ("<NULL>" for NULL).
inline std::vector<std::string> cells(const Column& c) {
  std::vector<std::string> out;
  for (uint64_t r = 0; r < c.rows(); ++r) {
    uint32_t code = c.code_at(r);
    out.push_back(code == Column::kNull ? "<NULL>" : std::string(c.value(code)));
  }
  return out;
}

// The dictionary in code order.
inline std::vector<std::string> dictionary(const Column& c) {
  std::vector<std::string> out;
  for (uint32_t code = 1; code <= c.cardinality(); ++code) out.emplace_back(c.value(code));
  return out;
}

// Plans a and b agree in every field.
inline void expect_same_plan(const BinPlan& a, const BinPlan& b) {
  EXPECT_EQ(b.unit, a.unit);
  EXPECT_EQ(b.numeric_edges, a.numeric_edges);
  EXPECT_EQ(b.labels, a.labels);
  EXPECT_EQ(b.edges, a.edges);
  EXPECT_EQ(b.bin_of, a.bin_of);
  EXPECT_EQ(b.lowest, a.lowest);
  EXPECT_EQ(b.highest, a.highest);
}

// The plan make_plan() gives on an arena of one thread and on one of two, which must be a
// plan and the same in every field; returns it.
template <class MakePlan>
BinPlan same_plan_on_one_and_two_threads(const MakePlan& make_plan) {
  std::vector<std::optional<BinPlan>> plans;
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    arena.execute([&] { plans.push_back(make_plan()); });
  }
  EXPECT_TRUE(plans[0] && plans[1]) << "no plan";
  if (!plans[0] || !plans[1]) return {};
  expect_same_plan(*plans[0], *plans[1]);
  return *plans[0];
}

}  // namespace tsum::test
