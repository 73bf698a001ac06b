// PostgreSQL text output → tsum's canonical text, and the COPY text format.
//
// The reader streams `COPY (query) TO STDOUT` (text format) in a session with
// DateStyle ISO, TimeZone UTC, extra_float_digits 3, IntervalStyle postgres and
// bytea_output hex, and maps each column by its type OID (see postgres_reader.h for the
// table). Both pieces are separate from libpq so that they can be tested without a server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsum::pg {

// How a column's text is turned into tsum's canonical text.
enum class ValueKind : uint8_t {
  kInteger,      // int2, int4, int8: decimal as printed; numeric
  kNumeric,      // numeric: as printed (keeps its scale: 1.50); numeric
  kFloat4,       // float4: shortest text that round-trips the float; numeric
  kFloat8,       // float8: shortest text that round-trips the double; numeric
  kBool,         // t/f → true/false
  kTimestamptz,  // printed in UTC; the "+00" offset is dropped
  kText,         // everything else: PostgreSQL's text output, as is
};

// The kind for a result column's type OID (domains arrive as their base type).
ValueKind value_kind(uint32_t type_oid);
bool is_number_kind(ValueKind kind);
// "integer", "numeric", ... for messages and tests.
const char* kind_name(ValueKind kind);

// Converts PostgreSQL's text of one non-NULL value of the given kind. Returns the text to
// store: `pg_text` itself, or `scratch` filled with the converted form. Returns false
// (and leaves an explanation in scratch) when a float or boolean is not in the form
// PostgreSQL prints, which only a protocol error could cause.
bool canonical_value(ValueKind kind, std::string_view pg_text, std::string& scratch, std::string_view& out);

// Splits rows of the COPY text format: fields separated by tab, the row ending in a line
// feed (optional here), "\N" alone is NULL, and backslash escapes \b \f \n \r \t \v \\,
// \ooo (1-3 octal digits), \xhh (1-2 hex digits) and \c (any other c stands for itself).
class CopyRowSplitter {
 public:
  // Splits `row`; returns the number of fields found (which may differ from the column
  // count: the caller checks). Field i is valid until the next call.
  size_t split(std::string_view row);
  bool is_null(size_t i) const { return nulls_[i]; }
  std::string_view field(size_t i) const { return fields_[i]; }

 private:
  std::vector<std::string_view> fields_;
  std::vector<bool> nulls_;
  std::vector<std::string> unescaped_;
};

// Decodes the escapes of one field (no tabs or line feeds inside).
void unescape_copy_field(std::string_view text, std::string& out);

// The query without what may follow its last token: blanks, -- and /* */ comments and
// semicolons (the query goes inside COPY ( ... ), where none of them may end it). Quoted
// text ('...', E'...', "...", $tag$...$tag$) is skipped whole, so a ';' or "--" inside it
// stays. Leading blanks are kept.
std::string trim_statement(std::string_view sql);

}  // namespace tsum::pg
