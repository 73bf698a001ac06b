// Formats tsum does not read, recognised by their first bytes, so that such a file gets
// an error naming what it is ("this looks like an Excel workbook") instead of whatever
// the CSV reader would meet first (invalid UTF-8, a NUL byte). SQLite databases, which
// tsum does read when given as a plain path, are recognised here too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tsum {

// What the bytes look like when they are a format tsum does not read as a table: "an
// Excel workbook (.xlsx)", "a ZIP archive", "a Feather version 1 file", ..., or
// nullopt for anything else (text, Parquet, SQLite, compressed data).
std::optional<std::string> foreign_format(std::string_view bytes);

// True when the bytes start with SQLite's header "SQLite format 3\0".
bool looks_like_sqlite(std::string_view bytes);

}  // namespace tsum
