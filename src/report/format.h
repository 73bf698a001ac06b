// Small text helpers shared by the renderers.
#pragma once

#include "tsum/summary.h"

#include <string>
#include <string_view>
#include <vector>

namespace tsum {

// JSON string literal, quotes included (control characters escaped, UTF-8 kept).
std::string json_quote(std::string_view text);

// `{"col":"value",...}`: a pattern's items as a JSON object, in item order.
void append_json_items(std::string& out, const std::vector<PatternItem>& items);

// Text escaped for each format, all after display_value: Markdown inline text (table
// cells included), an RFC 4180 CSV field (quoted only when it must be), and HTML text or
// a quoted attribute value (& < > " ' as entities).
std::string markdown_text(std::string_view text);
void append_csv_field(std::string& out, std::string_view field);
std::string html_text(std::string_view text);

// The value as a person should see it on one line: control characters escaped as
// \n, \t, \r or \xHH.
std::string display_value(std::string_view text);

// Columns of UTF-8 text as a terminal shows them (code points; wide characters count 1).
size_t display_width(std::string_view text);

// "1 234 567"-free plain thousands: 1234567 -> "1,234,567".
std::string with_thousands(unsigned long long n);

// A count and its noun, singular for one: (1, "row") -> "1 row", (1234, "row") -> "1,234 rows".
std::string count_of(unsigned long long n, std::string_view noun);

// A percentage with one decimal, e.g. 33.3.
std::string percent1(double value);
// totals.saving / totals.table_bits (0 when the table has no bits): the share of the
// table's size under the model that the summary saves.
double saving_ratio(const Summary& s);

}  // namespace tsum
