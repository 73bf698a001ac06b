#include "io/parquet/parquet_schema.h"

#include "io/parquet/parquet_error.h"

namespace tsum::parquet {

namespace {

bool is_group(const SchemaElement& e) { return e.num_children > 0 || !e.type; }

std::string describe_nesting(const SchemaElement& e) {
  if (!is_group(e)) return "a REPEATED " + name(*e.type);
  using K = LogicalType::Kind;
  if (e.logical.kind == K::kList || e.converted_type == ConvertedType::kList) return "a LIST";
  if (e.logical.kind == K::kMap || e.converted_type == ConvertedType::kMap ||
      e.converted_type == ConvertedType::kMapKeyValue) {
    return "a MAP";
  }
  return "a group of " + std::to_string(e.num_children) + (e.num_children == 1 ? " field" : " fields");
}

}  // namespace

FlatSchema flatten_schema(const std::vector<SchemaElement>& schema) {
  if (schema.empty()) fail("bad schema: it has no elements");
  const SchemaElement& root = schema[0];
  if (root.num_children < 0) fail("bad schema: the root has " + std::to_string(root.num_children) + " children");
  FlatSchema flat;
  size_t pos = 1;
  for (int32_t child = 0; child < root.num_children; ++child) {
    if (pos >= schema.size()) {
      fail("bad schema: the root declares " + std::to_string(root.num_children) + " fields but the list ends after " +
           std::to_string(child));
    }
    TopField field;
    const SchemaElement& e = schema[pos];
    field.name = e.name;
    field.element = &e;
    field.first_leaf = flat.leaves;
    // Depth-first walk of the subtree: `pending` counts the elements still to visit.
    uint64_t pending = 1;
    while (pending > 0) {
      if (pos >= schema.size()) fail("bad schema: field '" + field.name + "' declares more children than the list holds");
      const SchemaElement& s = schema[pos++];
      --pending;
      if (s.num_children < 0) fail("bad schema: element '" + s.name + "' has " + std::to_string(s.num_children) + " children");
      if (is_group(s)) {
        pending += static_cast<uint64_t>(s.num_children);
      } else {
        ++field.leaves;
        ++flat.leaves;
      }
    }
    const bool repeated = e.repetition && *e.repetition == Repetition::kRepeated;
    field.nested = is_group(e) || repeated;
    if (field.nested) field.nesting = describe_nesting(e);
    flat.fields.push_back(std::move(field));
  }
  return flat;
}

}  // namespace tsum::parquet
