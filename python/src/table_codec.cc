#include "table_codec.h"

#include <cstring>

#include "table/column_assembler.h"
#include "tsum/error.h"

namespace tsum::python {
namespace {

constexpr std::string_view kMagic = "TSUMTBL1";

class Writer {
 public:
  void u64(uint64_t v) { bytes(&v, sizeof v); }
  void bytes(const void* data, size_t size) { out.append(static_cast<const char*>(data), size); }
  void text(std::string_view s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t u64() {
    uint64_t v;
    std::memcpy(&v, take(sizeof v), sizeof v);
    return v;
  }
  const char* take(uint64_t size) {
    if (size > in_.size() - pos_) throw DataError("corrupt serialized table");
    const char* p = in_.data() + pos_;
    pos_ += size;
    return p;
  }
  std::string text() {
    uint64_t n = u64();
    return std::string(take(n), n);
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

std::string serialize_table(const Table& table) {
  Writer w;
  w.bytes(kMagic.data(), kMagic.size());
  w.u64(table.rows());
  w.u64(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    w.text(column.name());
    w.u64(column.type() == ValueType::kNumeric);
    w.u64(column.cardinality());
    for (uint32_t code = 1; code <= column.cardinality(); ++code) w.text(column.value(code));
    for (uint64_t count : column.code_counts()) w.u64(count);
    w.u64(static_cast<uint64_t>(column.width()));
    w.bytes(column.code_data(), column.rows() * static_cast<size_t>(column.width()));
  }
  return std::move(w.out);
}

Table deserialize_table(std::string_view bytes) {
  Reader r(bytes);
  if (std::string_view(r.take(kMagic.size()), kMagic.size()) != kMagic) throw DataError("corrupt serialized table");
  uint64_t rows = r.u64();
  uint64_t columns = r.u64();
  std::vector<std::shared_ptr<const Column>> out;
  for (uint64_t c = 0; c < columns; ++c) {
    std::string name = r.text();
    bool numeric = r.u64() != 0;
    uint64_t cardinality = r.u64();
    std::string values;
    std::vector<uint64_t> offsets{0};
    for (uint64_t i = 0; i < cardinality; ++i) {
      values += r.text();
      offsets.push_back(values.size());
    }
    std::vector<uint64_t> counts(cardinality + 1);
    for (uint64_t& count : counts) count = r.u64();
    auto width = static_cast<CodeWidth>(r.u64());
    if (width != CodeWidth::k8 && width != CodeWidth::k16 && width != CodeWidth::k32) {
      throw DataError("corrupt serialized table");
    }
    ColumnAssembler assembler(std::move(name), rows, width);
    size_t code_bytes = rows * static_cast<size_t>(width);
    std::memcpy(assembler.mutable_codes(), r.take(code_bytes), code_bytes);
    // A numeric column has non-NULL cells, so finish() types it numeric again; an
    // all-NULL column is a string column either way.
    out.push_back(assembler.finish(std::move(values), std::move(offsets), std::move(counts), numeric));
  }
  if (!r.done()) throw DataError("corrupt serialized table");
  return Table(std::move(out), rows);
}

}  // namespace tsum::python
