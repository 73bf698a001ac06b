// expect_same_patterns: two Summaries rank the same patterns, with the same savings (bit
// for bit), rows and coverage, in the same order; `label` names the case in failure messages.
// For tests whose two runs must not differ (thread counts, row collapse, two readers of
// one table).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "tsum/summary.h"

namespace tsum::test {

inline void expect_same_patterns(const Summary& a, const Summary& b, const std::string& label) {
  ASSERT_EQ(a.patterns.size(), b.patterns.size()) << label;
  for (size_t i = 0; i < a.patterns.size(); ++i) {
    EXPECT_EQ(a.patterns[i].items, b.patterns[i].items) << label << " pattern " << i;
    EXPECT_EQ(a.patterns[i].saving, b.patterns[i].saving) << label << " pattern " << i;
    EXPECT_EQ(a.patterns[i].rows, b.patterns[i].rows) << label << " pattern " << i;
    EXPECT_EQ(a.patterns[i].coverage, b.patterns[i].coverage) << label << " pattern " << i;
    EXPECT_EQ(a.patterns[i].cumulative_coverage, b.patterns[i].cumulative_coverage) << label << " pattern " << i;
  }
}

}  // namespace tsum::test
