// A Table as one byte string and back, for pickling: Dask may move an encoded
// partition between worker processes. Native byte order; both ends are the same build.
#pragma once

#include <string>
#include <string_view>

#include "tsum/table.h"

namespace tsum::python {

std::string serialize_table(const Table& table);
// Throws DataError when `bytes` is not something serialize_table produced.
Table deserialize_table(std::string_view bytes);

}  // namespace tsum::python
