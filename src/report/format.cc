#include "report/format.h"

#include <fmt/format.h>

#include <charconv>

#include "tsum/report.h"

namespace tsum {

double saving_ratio(const Summary& s) { return s.table_bits > 0 ? s.total_saving / s.table_bits : 0.0; }

std::string format_double(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_saving(double saving, CostModelKind model) {
  if (model == CostModelKind::kTsumDask) return fmt::format("{:.0f}", saving);
  return format_double(saving);
}

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string display_value(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

size_t display_width(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string with_thousands(unsigned long long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_of(unsigned long long n, std::string_view noun) {
  std::string out = with_thousands(n) + " ";
  out += noun;
  if (n != 1) out += 's';
  return out;
}

std::string percent1(double value) { return fmt::format("{:.1f}", value); }

void append_json_items(std::string& out, const std::vector<PatternItem>& items) {
  out += '{';
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) out += ',';
    out += json_quote(items[k].column);
    out += ':';
    out += json_quote(items[k].value);
  }
  out += '}';
}

std::string markdown_text(std::string_view text) {
  std::string out;
  for (char c : display_value(text)) {
    if (std::string_view("|\\*_`[]<>&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string html_text(std::string_view text) {
  std::string out;
  for (char c : display_value(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace tsum
