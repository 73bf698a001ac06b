// Settings the engine reads from the environment, for tests and measurements only:
// TSUM_PAIR_COUNT_BYTES, TSUM_PAIR_GRID_BYTES, TSUM_RUN_BOUND_BYTES and
// TSUM_VALUE_BITMAP_BYTES (memory budgets), TSUM_ROW_MAJOR (when codes are copied row by
// row) and TSUM_HISTOGRAM_ISA (a lower counting kernel). None changes a summary; each changes how it is computed.
//
// A variable that is unset or empty leaves the default. Any other value must be one the
// setting takes, else a UsageError names the variable and the value: a typo silently
// falling back to the default would make a test or a benchmark measure something other
// than what it says. Every WorkTable checks all six when it is built, so a bad value
// fails every run at its start, not only the runs that reach the code reading it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace tsum {

// A number of bytes: decimal digits only, at most 2^64 - 1.
std::optional<uint64_t> setting_bytes(const char* variable);

// One of `choices`, spelt exactly.
std::optional<std::string_view> setting_choice(const char* variable, std::initializer_list<std::string_view> choices);

// The six settings, each read where it applies.
std::optional<uint64_t> pair_count_bytes_setting();           // TSUM_PAIR_COUNT_BYTES
std::optional<uint64_t> pair_grid_bytes_setting();            // TSUM_PAIR_GRID_BYTES
std::optional<uint64_t> run_bound_bytes_setting();            // TSUM_RUN_BOUND_BYTES
std::optional<uint64_t> value_bitmap_bytes_setting();         // TSUM_VALUE_BITMAP_BYTES
std::optional<std::string_view> row_major_setting();          // TSUM_ROW_MAJOR: 0, 1, all
std::optional<std::string_view> histogram_isa_setting();      // TSUM_HISTOGRAM_ISA

// Reads all six; throws the first one's UsageError.
void check_engine_settings();

}  // namespace tsum
