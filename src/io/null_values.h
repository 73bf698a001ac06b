// --null-values: cells whose whole text equals one of the given texts become NULL, after
// any reader, so every format treats them alike. Only columns that hold such a value are
// rebuilt: their dictionary loses those values (the others keep their first-appearance
// order) and their type follows the CSV rule on the remaining values' text (a column of
// numbers and "NA" becomes numeric).
#pragma once

#include <string>
#include <vector>

#include "tsum/table.h"

namespace tsum {

Table apply_null_values(const Table& table, const std::vector<std::string>& null_values, unsigned threads);

}  // namespace tsum
