// Table: an immutable, column-major, dictionary-encoded table.
//
// Each column holds a dictionary of its distinct non-NULL values (UTF-8 text, in order
// of first appearance in the input) and one code per row. Code 0 is NULL; the value
// with dictionary index i (0-based) has code i + 1, so code order is first-appearance
// order, which is the spec's tie-break order. Codes are stored in the narrowest of
// uint8 / uint16 / uint32 that holds cardinality + 1 codes.
//
// Tables are cheap to copy: columns are shared, immutable, and may be selected or
// reordered without touching their data (see Table::select).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tsum {

enum class CodeWidth : uint8_t { k8 = 1, k16 = 2, k32 = 4 };

// The narrowest width that holds codes 0..max_code.
CodeWidth width_for(uint64_t max_code);

// Column type in the sense of the spec's compatibility cost models: numeric when the
// column has at least one non-NULL value and every non-NULL value is a number.
enum class ValueType : uint8_t { kString, kNumeric };

class Column {
 public:
  static constexpr uint32_t kNull = 0;

  const std::string& name() const { return name_; }
  uint64_t rows() const { return rows_; }
  // Number of distinct non-NULL values; codes run 1..cardinality().
  uint32_t cardinality() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  CodeWidth width() const { return width_; }
  ValueType type() const { return type_; }
  uint64_t null_count() const { return null_count_; }
  uint64_t non_null_count() const { return rows_ - null_count_; }
  // Sum of the UTF-8 byte lengths of all non-NULL cells.
  uint64_t total_utf8_bytes() const { return total_utf8_bytes_; }
  // Mean UTF-8 byte length of the non-NULL cells (0 for an all-NULL column).
  double mean_utf8_length() const;

  // Text of a non-NULL code (1..cardinality()).
  std::string_view value(uint32_t code) const {
    return std::string_view(bytes_.data() + offsets_[code - 1], offsets_[code] - offsets_[code - 1]);
  }
  // Number of rows holding each code; index 0 counts NULLs.
  const std::vector<uint64_t>& code_counts() const { return code_counts_; }

  // Raw code storage; prefer visit_codes.
  const void* code_data() const { return codes_.get(); }
  template <class T>
  const T* codes_as() const { return static_cast<const T*>(codes_.get()); }
  uint32_t code_at(uint64_t row) const;

  // Calls f(const T* codes) with T the column's code type; returns f's result.
  template <class F>
  decltype(auto) visit_codes(F&& f) const {
    switch (width_) {
      case CodeWidth::k8: return f(codes_as<uint8_t>());
      case CodeWidth::k16: return f(codes_as<uint16_t>());
      default: return f(codes_as<uint32_t>());
    }
  }

 private:
  friend class ColumnAssembler;
  Column() = default;

  std::string name_;
  uint64_t rows_ = 0;
  CodeWidth width_ = CodeWidth::k8;
  ValueType type_ = ValueType::kString;
  uint64_t null_count_ = 0;
  uint64_t total_utf8_bytes_ = 0;
  std::string bytes_;                 // dictionary values, concatenated
  std::vector<uint64_t> offsets_{0};  // cardinality + 1 offsets into bytes_
  std::vector<uint64_t> code_counts_{0};
  std::shared_ptr<void> codes_;       // rows_ codes of width_
};

class Table {
 public:
  Table() = default;
  Table(std::vector<std::shared_ptr<const Column>> columns, uint64_t rows);

  uint64_t rows() const { return rows_; }
  size_t num_columns() const { return columns_.size(); }
  const Column& column(size_t i) const { return *columns_[i]; }
  const std::shared_ptr<const Column>& column_ptr(size_t i) const { return columns_[i]; }
  std::vector<std::string> column_names() const;
  // Index of the column with this name, or -1.
  ptrdiff_t find_column(std::string_view name) const;

  // The same rows with only the named columns. `keep` empty means all columns; names in
  // `drop` are then removed. Column order stays the table's own order. Unknown names throw
  // UsageError with a did-you-mean suggestion.
  Table select(const std::vector<std::string>& keep, const std::vector<std::string>& drop) const;

 private:
  std::vector<std::shared_ptr<const Column>> columns_;
  uint64_t rows_ = 0;
};

}  // namespace tsum
