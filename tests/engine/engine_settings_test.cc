// The engine's settings from the environment (src/engine/engine_settings.h): what each
// reader takes, and that anything else is a UsageError naming the variable and the value.
#include "engine/engine_settings.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "support/error_message.h"
#include "tsum/error.h"

namespace tsum {
namespace {

constexpr const char* kVariable = "TSUM_ENGINE_SETTINGS_TEST";

class EngineSettings : public ::testing::Test {
 protected:
  void TearDown() override { unsetenv(kVariable); }
  static void set(const std::string& value) { setenv(kVariable, value.c_str(), 1); }
};

TEST_F(EngineSettings, UnsetOrEmptyLeavesTheDefault) {
  unsetenv(kVariable);
  EXPECT_EQ(setting_bytes(kVariable), std::nullopt);
  EXPECT_EQ(setting_choice(kVariable, {"0", "1"}), std::nullopt);
  set("");
  EXPECT_EQ(setting_bytes(kVariable), std::nullopt);
  EXPECT_EQ(setting_choice(kVariable, {"0", "1"}), std::nullopt);
}

TEST_F(EngineSettings, BytesTakeEveryWholeNumber) {
  for (const auto& [text, value] : std::initializer_list<std::pair<const char*, uint64_t>>{
           {"0", 0}, {"7", 7}, {"0012", 12}, {"67108864", uint64_t{64} << 20}, {"18446744073709551615", UINT64_MAX}}) {
    set(text);
    EXPECT_EQ(setting_bytes(kVariable), value) << text;
  }
}

TEST_F(EngineSettings, BytesRefuseAnythingElse) {
  for (const char* text : {"abc", "12abc", "-1", "+5", " 5", "5 ", "1e6", "64MiB", "0x10", "18446744073709551616",
                           "99999999999999999999999"}) {
    set(text);
    EXPECT_EQ(test::error_message<UsageError>([] { setting_bytes(kVariable); }),
              std::string(kVariable) + "='" + text + "': expected a whole number of bytes (digits only, below 2^64)");
  }
}

TEST_F(EngineSettings, ChoicesAreSpeltExactly) {
  set("all");
  EXPECT_EQ(setting_choice(kVariable, {"0", "1", "all"}), "all");
  set("1");
  EXPECT_EQ(setting_choice(kVariable, {"0", "1", "all"}), "1");
  for (const char* text : {"ALL", "2", "1 ", "al", "alll"}) {
    set(text);
    EXPECT_EQ(test::error_message<UsageError>([] { setting_choice(kVariable, {"0", "1", "all"}); }),
              std::string(kVariable) + "='" + text + "': expected one of 0, 1, all");
  }
}

TEST_F(EngineSettings, MessagesStayOneLine) {
  set("1\n2");
  EXPECT_EQ(test::error_message<UsageError>([] { setting_bytes(kVariable); }),
            std::string(kVariable) + "='1\\n2': expected a whole number of bytes (digits only, below 2^64)");
}

}  // namespace
}  // namespace tsum
