// Concatenation of tables read from several inputs (files, shards) into one.
#pragma once

#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum {

// Rows of parts[0], then parts[1], ... Columns are matched by name and keep the first
// part's order; dictionaries are merged so that codes follow first appearance in the
// concatenation, exactly as if the inputs had been one file. Throws DataError naming
// the inputs (`names`, one per part) when their column sets differ.
Table concat_tables(const std::vector<Table>& parts, const std::vector<std::string>& names, unsigned threads = 0);

}  // namespace tsum
