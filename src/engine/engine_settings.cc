#include "engine/engine_settings.h"

#include <cstdlib>
#include <string>

#include "tsum/error.h"

namespace tsum {

std::optional<uint64_t> setting_bytes(const char* variable) {
  const char* text = std::getenv(variable);
  if (!text || !*text) return std::nullopt;
  uint64_t value = 0;
  for (const char* c = text; *c; ++c) {
    const unsigned digit = static_cast<unsigned char>(*c) - '0';
    if (digit > 9 || value > (UINT64_MAX - digit) / 10) {
      throw UsageError(std::string(variable) + "='" + text +
                       "': expected a whole number of bytes (digits only, below 2^64)");
    }
    value = value * 10 + digit;
  }
  return value;
}

std::optional<std::string_view> setting_choice(const char* variable, std::initializer_list<std::string_view> choices) {
  const char* text = std::getenv(variable);
  if (!text || !*text) return std::nullopt;
  std::string listed;
  for (std::string_view choice : choices) {
    if (choice == text) return choice;
    listed += listed.empty() ? "" : ", ";
    listed += choice;
  }
  throw UsageError(std::string(variable) + "='" + text + "': expected one of " + listed);
}

std::optional<uint64_t> pair_count_bytes_setting() { return setting_bytes("TSUM_PAIR_COUNT_BYTES"); }
std::optional<uint64_t> pair_grid_bytes_setting() { return setting_bytes("TSUM_PAIR_GRID_BYTES"); }
std::optional<uint64_t> run_bound_bytes_setting() { return setting_bytes("TSUM_RUN_BOUND_BYTES"); }
std::optional<uint64_t> value_bitmap_bytes_setting() { return setting_bytes("TSUM_VALUE_BITMAP_BYTES"); }
std::optional<std::string_view> row_major_setting() { return setting_choice("TSUM_ROW_MAJOR", {"0", "1", "all"}); }
std::optional<std::string_view> histogram_isa_setting() {
  return setting_choice("TSUM_HISTOGRAM_ISA", {"scalar", "avx2", "avx512bw", "avx512gfni"});
}

void check_engine_settings() {
  pair_count_bytes_setting();
  pair_grid_bytes_setting();
  run_bound_bytes_setting();
  value_bitmap_bytes_setting();
  row_major_setting();
  histogram_isa_setting();
}

}  // namespace tsum
