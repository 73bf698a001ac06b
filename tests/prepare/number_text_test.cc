#include <gtest/gtest.h>

#include <cmath>

#include "prepare/missing_marker.h"
#include "prepare/number_text.h"

namespace tsum {
namespace {

TEST(NumberText, FollowsTheSpecSyntax) {
  for (const char* text : {"0", "12", "-13", "+5", "1.5", "5.", ".5", "-0.25", "1e5", "2.5E-3", " 42 "}) {
    EXPECT_TRUE(parse_number_text(text).has_value()) << text;
  }
  for (const char* text : {"", "-", ".", "e5", "1e", "1.2.3", "0x10", "1,000", "12a", "inf", "NaN", "1e999", "--1"}) {
    EXPECT_FALSE(parse_number_text(text).has_value()) << text;
  }
}

TEST(NumberText, ValuesAndFlags) {
  auto n = parse_number_text("-13");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->value, -13);
  EXPECT_TRUE(n->integer);
  EXPECT_FALSE(n->zero_padded);
  EXPECT_FALSE(parse_number_text("1.0")->integer);
  EXPECT_FALSE(parse_number_text("1e3")->integer);
  EXPECT_EQ(parse_number_text("1e3")->value, 1000);
  EXPECT_EQ(parse_number_text("+5")->value, 5);
  EXPECT_TRUE(parse_number_text("007")->zero_padded);
  EXPECT_TRUE(parse_number_text("02134")->zero_padded);
  EXPECT_TRUE(parse_number_text("-01")->zero_padded);
  EXPECT_FALSE(parse_number_text("0")->zero_padded);
  EXPECT_FALSE(parse_number_text("0.5")->zero_padded);
  EXPECT_FALSE(std::signbit(parse_number_text("-0")->value));
}

TEST(MissingMarker, CommonMarkers) {
  for (const char* text : {"NA", "N/A", "n/a", "NaN", "null", "NULL", "None", "-", "?", " ", "   "}) {
    EXPECT_TRUE(is_missing_marker(text)) << text;
  }
  for (const char* text : {"0", "Nan Goldin", "NAN1", "n", "nope"}) EXPECT_FALSE(is_missing_marker(text)) << text;
}

}  // namespace
}  // namespace tsum
