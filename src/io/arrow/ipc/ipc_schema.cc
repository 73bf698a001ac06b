#include "io/arrow/ipc/ipc_schema.h"

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "tsum/error.h"

namespace tsum::ipc {
namespace {

[[noreturn]] void bad_field(const fb::Field& field, const std::string& what) {
  throw DataError("field '" + field_name(field) + "' " + what);
}

// Everything an exported ArrowSchema tree points to; the root's private_data.
struct SchemaStorage {
  std::deque<ArrowSchema> nodes;
  std::deque<std::string> strings;
  std::deque<std::vector<ArrowSchema*>> children;

  const char* keep(std::string s) { return strings.emplace_back(std::move(s)).c_str(); }
};

void release_root(ArrowSchema* schema) {
  delete static_cast<SchemaStorage*>(schema->private_data);
  schema->release = nullptr;
}

// Children are freed with the root; their release only marks them released.
void release_child(ArrowSchema* schema) { schema->release = nullptr; }

char unit_letter(fb::TimeUnit unit) {
  switch (unit) {
    case fb::TimeUnit::SECOND: return 's';
    case fb::TimeUnit::MILLISECOND: return 'm';
    case fb::TimeUnit::MICROSECOND: return 'u';
    case fb::TimeUnit::NANOSECOND: return 'n';
  }
  return '?';
}

std::string int_format(const fb::Field& field, int bits, bool is_signed) {
  switch (bits) {
    case 8: return is_signed ? "c" : "C";
    case 16: return is_signed ? "s" : "S";
    case 32: return is_signed ? "i" : "I";
    case 64: return is_signed ? "l" : "L";
    default: bad_field(field, "has an integer type of " + std::to_string(bits) + " bits");
  }
}

// A field's type is a flatbuffers union: its id and its table are separate fields, and
// the Verifier accepts an id whose table is absent. Every type_as_X() below may then be
// null, so both readers of the type check this first.
void require_type_table(const fb::Field& field) {
  if (field.type_type() != fb::Type::NONE && field.type() == nullptr) bad_field(field, "has a type id but no type");
}

// The format string of the field's value type.
std::string value_format(const fb::Field& field) {
  using T = fb::Type;
  require_type_table(field);
  switch (field.type_type()) {
    case T::Null: return "n";
    case T::Int: return int_format(field, field.type_as_Int()->bitWidth(), field.type_as_Int()->is_signed());
    case T::FloatingPoint:
      switch (field.type_as_FloatingPoint()->precision()) {
        case fb::Precision::HALF: return "e";
        case fb::Precision::SINGLE: return "f";
        case fb::Precision::DOUBLE: return "g";
      }
      bad_field(field, "has an unknown floating point precision");
    case T::Binary: return "z";
    case T::Utf8: return "u";
    case T::LargeBinary: return "Z";
    case T::LargeUtf8: return "U";
    case T::BinaryView: return "vz";
    case T::Utf8View: return "vu";
    case T::Bool: return "b";
    case T::Decimal: {
      const fb::Decimal* d = field.type_as_Decimal();
      const int bits = d->bitWidth();
      if (bits != 32 && bits != 64 && bits != 128 && bits != 256) {
        bad_field(field, "has a decimal type of " + std::to_string(bits) + " bits");
      }
      std::string f = "d:" + std::to_string(d->precision()) + "," + std::to_string(d->scale());
      return bits == 128 ? f : f + "," + std::to_string(bits);
    }
    case T::Date: return field.type_as_Date()->unit() == fb::DateUnit::DAY ? "tdD" : "tdm";
    case T::Time: return std::string("tt") + unit_letter(field.type_as_Time()->unit());
    case T::Timestamp: {
      const fb::Timestamp* t = field.type_as_Timestamp();
      return std::string("ts") + unit_letter(t->unit()) + ":" + (t->timezone() ? t->timezone()->str() : "");
    }
    case T::Interval:
      switch (field.type_as_Interval()->unit()) {
        case fb::IntervalUnit::YEAR_MONTH: return "tiM";
        case fb::IntervalUnit::DAY_TIME: return "tiD";
        case fb::IntervalUnit::MONTH_DAY_NANO: return "tin";
      }
      bad_field(field, "has an unknown interval unit");
    case T::Duration: return std::string("tD") + unit_letter(field.type_as_Duration()->unit());
    case T::FixedSizeBinary: return "w:" + std::to_string(field.type_as_FixedSizeBinary()->byteWidth());
    case T::List: return "+l";
    case T::LargeList: return "+L";
    case T::ListView: return "+vl";
    case T::LargeListView: return "+vL";
    case T::FixedSizeList: return "+w:" + std::to_string(field.type_as_FixedSizeList()->listSize());
    case T::Struct_: return "+s";
    case T::Map: return "+m";
    case T::RunEndEncoded: return "+r";
    case T::Union: {
      const fb::Union* u = field.type_as_Union();
      std::string f = u->mode() == fb::UnionMode::Dense ? "+ud:" : "+us:";
      const size_t n = field.children() ? field.children()->size() : 0;
      for (size_t i = 0; i < n; ++i) {
        const int id = u->typeIds() && i < u->typeIds()->size() ? u->typeIds()->Get(static_cast<flatbuffers::uoffset_t>(i))
                                                                  : static_cast<int>(i);
        if (i) f += ',';
        f += std::to_string(id);
      }
      return f;
    }
    case T::NONE: break;
  }
  bad_field(field, "has no type, or one this reader does not know");
}

std::string encode_metadata(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* pairs) {
  // int32 pair count, then per pair: int32 key length, key, int32 value length, value.
  std::string out;
  auto put32 = [&](size_t n) {
    const int32_t v = static_cast<int32_t>(n);
    out.append(reinterpret_cast<const char*>(&v), 4);
  };
  put32(pairs->size());
  for (const fb::KeyValue* kv : *pairs) {
    const std::string key = kv && kv->key() ? kv->key()->str() : "";
    const std::string value = kv && kv->value() ? kv->value()->str() : "";
    put32(key.size());
    out += key;
    put32(value.size());
    out += value;
  }
  return out;
}

ArrowSchema* new_node(SchemaStorage& storage, ArrowSchema* at) {
  ArrowSchema* node = at ? at : &storage.nodes.emplace_back();
  *node = ArrowSchema{};
  node->release = release_child;
  return node;
}

void add_children(SchemaStorage& storage, ArrowSchema& node, const fb::Field& field);

// The value type of `field` (its children included) into `node`.
void fill_value(SchemaStorage& storage, ArrowSchema& node, const fb::Field& field) {
  node.format = storage.keep(value_format(field));
  if (field.type_type() == fb::Type::Map && field.type_as_Map()->keysSorted()) node.flags |= ARROW_FLAG_MAP_KEYS_SORTED;
  add_children(storage, node, field);
}

// `field` into `node`: its name, flags, metadata, and its type or dictionary.
void fill_field(SchemaStorage& storage, ArrowSchema& node, const fb::Field& field) {
  node.name = storage.keep(field_name(field));
  if (field.nullable()) node.flags |= ARROW_FLAG_NULLABLE;
  if (field.custom_metadata() && field.custom_metadata()->size() > 0) {
    const std::string& kept = storage.strings.emplace_back(encode_metadata(field.custom_metadata()));
    node.metadata = kept.data();
  }
  if (const fb::DictionaryEncoding* dictionary = field.dictionary()) {
    const fb::Int* index = dictionary->indexType();
    node.format = storage.keep(index ? int_format(field, index->bitWidth(), index->is_signed()) : "i");
    if (dictionary->isOrdered()) node.flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    ArrowSchema* values = new_node(storage, nullptr);
    values->name = storage.keep("");
    values->flags = ARROW_FLAG_NULLABLE;
    fill_value(storage, *values, field);
    node.dictionary = values;
    return;
  }
  fill_value(storage, node, field);
}

void add_children(SchemaStorage& storage, ArrowSchema& node, const fb::Field& field) {
  const auto* children = field.children();
  if (!children || children->size() == 0) return;
  std::vector<ArrowSchema*>& list = storage.children.emplace_back();
  for (const fb::Field* child : *children) {
    if (!child) bad_field(field, "has a missing child field");
    ArrowSchema* c = new_node(storage, nullptr);
    fill_field(storage, *c, *child);
    list.push_back(c);
  }
  node.n_children = static_cast<int64_t>(list.size());
  node.children = list.data();
}

}  // namespace

std::string field_name(const fb::Field& field) { return field.name() ? field.name()->str() : ""; }

FieldLayout layout_of(const fb::Field& field) {
  using T = fb::Type;
  require_type_table(field);
  FieldLayout out;
  auto fixed = [&](size_t width) {
    out.layout = Layout::kFixed;
    out.width = width;
    return out;
  };
  switch (field.type_type()) {
    case T::Null: return out;
    case T::Bool: out.layout = Layout::kBits; return out;
    case T::Int: {
      const int bits = field.type_as_Int()->bitWidth();
      int_format(field, bits, true);  // refuses other widths
      return fixed(static_cast<size_t>(bits / 8));
    }
    case T::FloatingPoint: {
      const fb::Precision p = field.type_as_FloatingPoint()->precision();
      return fixed(p == fb::Precision::HALF ? 2 : p == fb::Precision::SINGLE ? 4 : 8);
    }
    case T::Decimal: {
      value_format(field);  // refuses other widths
      return fixed(static_cast<size_t>(field.type_as_Decimal()->bitWidth() / 8));
    }
    case T::Date: return fixed(field.type_as_Date()->unit() == fb::DateUnit::DAY ? 4 : 8);
    case T::Time: {
      const fb::Time* t = field.type_as_Time();
      const bool wide = t->unit() == fb::TimeUnit::MICROSECOND || t->unit() == fb::TimeUnit::NANOSECOND;
      if (t->bitWidth() != (wide ? 64 : 32)) {
        bad_field(field, "has a time type of " + std::to_string(t->bitWidth()) + " bits for its unit");
      }
      return fixed(wide ? 8 : 4);
    }
    case T::Timestamp:
    case T::Duration: return fixed(8);
    case T::Interval: {
      const fb::IntervalUnit u = field.type_as_Interval()->unit();
      return fixed(u == fb::IntervalUnit::YEAR_MONTH ? 4 : u == fb::IntervalUnit::DAY_TIME ? 8 : 16);
    }
    case T::FixedSizeBinary: {
      const int width = field.type_as_FixedSizeBinary()->byteWidth();
      if (width <= 0) bad_field(field, "has a fixed-size binary type of " + std::to_string(width) + " bytes");
      return fixed(static_cast<size_t>(width));
    }
    case T::Binary:
    case T::Utf8: out.layout = Layout::kOffsets32; return out;
    case T::LargeBinary:
    case T::LargeUtf8: out.layout = Layout::kOffsets64; return out;
    case T::BinaryView:
    case T::Utf8View: out.layout = Layout::kView; return out;
    case T::List:
    case T::Map: out.layout = Layout::kList32; return out;
    case T::LargeList: out.layout = Layout::kList64; return out;
    case T::ListView: out.layout = Layout::kListView32; return out;
    case T::LargeListView: out.layout = Layout::kListView64; return out;
    case T::FixedSizeList: out.layout = Layout::kFixedList; return out;
    case T::Struct_: out.layout = Layout::kStruct; return out;
    case T::Union:
      out.layout = field.type_as_Union()->mode() == fb::UnionMode::Dense ? Layout::kDenseUnion : Layout::kSparseUnion;
      return out;
    case T::RunEndEncoded: out.layout = Layout::kRunEnd; return out;
    case T::NONE: break;
  }
  bad_field(field, "has no type, or one this reader does not know");
}

void export_schema(const fb::Schema& schema, ArrowSchema* out) {
  auto storage = std::make_unique<SchemaStorage>();
  ArrowSchema* root = new_node(*storage, out);
  root->format = storage->keep("+s");
  root->name = storage->keep("");
  std::vector<ArrowSchema*>& list = storage->children.emplace_back();
  try {
    if (const auto* fields = schema.fields()) {
      for (const fb::Field* field : *fields) {
        if (!field) throw DataError("the schema has a missing field");
        ArrowSchema* c = new_node(*storage, nullptr);
        fill_field(*storage, *c, *field);
        list.push_back(c);
      }
    }
  } catch (...) {
    out->release = nullptr;  // nothing to release: the storage goes with the exception
    throw;
  }
  root->n_children = static_cast<int64_t>(list.size());
  root->children = list.data();
  root->private_data = storage.release();
  root->release = release_root;
}

}  // namespace tsum::ipc
