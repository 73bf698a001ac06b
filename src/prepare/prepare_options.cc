#include "prepare/prepare_options.h"

#include <charconv>
#include <vector>

#include "tsum/error.h"

namespace tsum {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  bool quoted = false;  // inside a quoted stretch
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') item += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') item += '"', ++i;
      else quoted = false;
    } else if (c == '"' && item.empty()) {
      quoted = true;
    } else if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (quoted) throw UsageError("unterminated quote in '" + text + "' (a quoted name ends with \")");
  if (!item.empty()) out.push_back(item);
  return out;
}

bool PrepareOptions::customized() const {
  return !(bins == BinSetting{}) || !column_bins.empty() || !column_types.empty() || keep_id_columns;
}

BinSetting parse_bin_setting(const std::string& text) {
  if (text == "none") return BinSetting{BinSetting::Mode::kNone, 0};
  if (text == "auto") return BinSetting{BinSetting::Mode::kAuto, 0};
  unsigned n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    throw UsageError("--bins: expected none, auto or a number of bins, got '" + text + "'");
  }
  if (n < 2 || n > 1000) throw UsageError("--bins: the number of bins must be between 2 and 1000, got " + text);
  return BinSetting{BinSetting::Mode::kCount, n};
}

void apply_bins_argument(const std::string& text, PrepareOptions& options) {
  std::vector<std::string> items = split_commas(text);
  if (items.empty()) throw UsageError("--bins: expected none, auto, N or COLUMN=none|auto|N");
  for (const std::string& item : items) {
    size_t eq = item.rfind('=');
    if (eq == std::string::npos) {
      options.bins = parse_bin_setting(item);
    } else {
      std::string column = item.substr(0, eq);
      if (column.empty()) throw UsageError("--bins: missing column name in '" + item + "'");
      options.column_bins[column] = parse_bin_setting(item.substr(eq + 1));
    }
  }
}

void apply_type_argument(const std::string& text, PrepareOptions& options) {
  std::vector<std::string> items = split_commas(text);
  if (items.empty()) throw UsageError("--type: expected COLUMN=TYPE");
  for (const std::string& item : items) {
    size_t eq = item.rfind('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError("--type: expected COLUMN=TYPE (string, integer, float, boolean, date or timestamp), got '" +
                       item + "'");
    }
    try {
      options.column_types[item.substr(0, eq)] = parse_column_kind(item.substr(eq + 1));
    } catch (const UsageError& e) {
      throw UsageError("--type " + item + ": " + e.what());
    }
  }
}

}  // namespace tsum
