// The Parquet schema as tsum sees it: top-level fields, each either a flat column (a
// primitive that is REQUIRED or OPTIONAL) or a nested one (a group: struct, list, map;
// or a REPEATED primitive), and where each field's leaf columns sit among the column
// chunks of a row group (leaves are numbered depth-first, as chunks are stored).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "io/parquet/parquet_metadata.h"

namespace tsum::parquet {

struct TopField {
  std::string name;
  size_t first_leaf = 0;    // index of its first column chunk in a row group
  size_t leaves = 0;        // column chunks it spans (1 for a flat column)
  bool nested = false;
  std::string nesting;      // for nested fields: "a group of 3 fields", "a LIST", "REPEATED", ...
  const SchemaElement* element = nullptr;
};

struct FlatSchema {
  std::vector<TopField> fields;
  size_t leaves = 0;        // column chunks per row group
};

// Walks the depth-first schema list (iteratively: hostile nesting depth cannot overflow
// the stack). Throws DecodeError "bad schema: ..." when it is inconsistent.
FlatSchema flatten_schema(const std::vector<SchemaElement>& schema);

}  // namespace tsum::parquet
