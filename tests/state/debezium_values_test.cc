// Debezium encodings -> PostgreSQL's text, value by value.
#include "state/debezium_values.h"

#include <gtest/gtest.h>

namespace tsum::debezium {
namespace {

template <class F>
std::string text(F f) {
  std::string out;
  EXPECT_TRUE(f(out));
  return out;
}

TEST(DebeziumValues, Dates) {
  EXPECT_EQ(text([](std::string& o) { return format_date(0, o); }), "1970-01-01");
  EXPECT_EQ(text([](std::string& o) { return format_date(19723, o); }), "2024-01-01");
  EXPECT_EQ(text([](std::string& o) { return format_date(-1, o); }), "1969-12-31");
  EXPECT_EQ(text([](std::string& o) { return format_date(-719528, o); }), "0001-01-01 BC");
}

TEST(DebeziumValues, Timestamps) {
  EXPECT_EQ(text([](std::string& o) { return format_timestamp(1704067200000000, 6, o); }), "2024-01-01 00:00:00");
  EXPECT_EQ(text([](std::string& o) { return format_timestamp(1704067200120000, 6, o); }), "2024-01-01 00:00:00.12");
  EXPECT_EQ(text([](std::string& o) { return format_timestamp(1704067200123, 3, o); }), "2024-01-01 00:00:00.123");
  EXPECT_EQ(text([](std::string& o) { return format_timestamp(-1, 6, o); }), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(text([](std::string& o) { return format_time(3723000001, 6, o); }), "01:02:03.000001");
  EXPECT_EQ(text([](std::string& o) { return format_zoned("2024-01-02T03:04:05.120000Z", o); }), "2024-01-02 03:04:05.12+00");
  EXPECT_EQ(text([](std::string& o) { return format_zoned("2024-01-02T03:04:05Z", o); }), "2024-01-02 03:04:05+00");
  EXPECT_EQ(text([](std::string& o) { return format_zoned("10:00:00+05:30", o); }), "10:00:00+05:30");
}

TEST(DebeziumValues, Decimals) {
  EXPECT_EQ(text([](std::string& o) { return format_decimal("BNI=", 2, o); }), "12.34");   // 1234
  EXPECT_EQ(text([](std::string& o) { return format_decimal("+y4=", 2, o); }), "-12.34");  // -1234
  EXPECT_EQ(text([](std::string& o) { return format_decimal("AQ==", 3, o); }), "0.001");
  EXPECT_EQ(text([](std::string& o) { return format_decimal("/w==", 1, o); }), "-0.1");
  EXPECT_EQ(text([](std::string& o) { return format_decimal("AA==", 2, o); }), "0.00");
  EXPECT_EQ(text([](std::string& o) { return format_decimal("AA==", 0, o); }), "0");
  // 2^72 = 4722366482869645213696: beyond 64 bits.
  EXPECT_EQ(text([](std::string& o) { return format_decimal("AQAAAAAAAAAAAA==", 0, o); }), "4722366482869645213696");
  std::string out;
  EXPECT_FALSE(format_decimal("not base64!", 2, out));
}

TEST(DebeziumValues, FloatsAsPostgresPrintsThem) {
  auto f8 = [](double v) { std::string o; format_float8(v, o); return o; };
  auto f4 = [](float v) { std::string o; format_float4(v, o); return o; };
  EXPECT_EQ(f8(0.1), "0.1");
  EXPECT_EQ(f8(100000), "100000");
  EXPECT_EQ(f8(123456789012345.0), "123456789012345");
  EXPECT_EQ(f8(1e15), "1e+15");
  EXPECT_EQ(f8(0.0001), "0.0001");
  EXPECT_EQ(f8(0.00001), "1e-05");
  EXPECT_EQ(f8(-2.5), "-2.5");
  EXPECT_EQ(f8(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(f8(1.5e300), "1.5e+300");
  EXPECT_EQ(f4(1.1f), "1.1");
  EXPECT_EQ(f4(1e6f), "1e+06");
  EXPECT_EQ(f4(123456.0f), "123456");
}

TEST(DebeziumValues, Bytea) {
  EXPECT_EQ(text([](std::string& o) { return format_bytea("AQL/", o); }), "\\x0102ff");
}

}  // namespace
}  // namespace tsum::debezium
