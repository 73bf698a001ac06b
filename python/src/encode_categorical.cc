#include <cstring>
#include <type_traits>

#include "encoders.h"
#include "tsum/error.h"
#include "value_set.h"

namespace tsum::python {
namespace {

template <class T>
std::shared_ptr<const Column> encode(std::string name, const py::array& array, const Column& categories) {
  const size_t rows = static_cast<size_t>(array.shape(0));
  const char* base = static_cast<const char*>(array.data());
  const py::ssize_t stride = array.strides(0);
  const int64_t count = static_cast<int64_t>(categories.rows());
  const bool numeric = categories.type() == ValueType::kNumeric;

  ValueSet values;
  detail::LocalCodes local;                            // category index + 1, 0 = NULL
  std::vector<uint32_t> remap(categories.rows() + 1, 0);  // category index + 1 -> value code
  std::vector<uint32_t> value_of_text(categories.cardinality() + 1, 0);
  {
    py::gil_scoped_release unlocked;
    for (size_t row = 0; row < rows; ++row) {
      T code;
      std::memcpy(&code, base + static_cast<py::ssize_t>(row) * stride, sizeof code);
      int64_t c = static_cast<int64_t>(code);
      if (c < 0) {
        local.push(0);
        continue;
      }
      if (c >= count) {
        throw DataError("column '" + name + "': categorical code " + std::to_string(c) + " has no category");
      }
      uint32_t slot = static_cast<uint32_t>(c) + 1;
      if (remap[slot] == 0) {
        // First time this category occurs: it takes the next code, unless another
        // category with the same text came first.
        uint32_t text = categories.code_at(static_cast<uint64_t>(c));
        if (text != Column::kNull) {
          if (value_of_text[text] == 0) value_of_text[text] = values.add(categories.value(text), numeric);
          remap[slot] = value_of_text[text];
        }
      }
      local.push(slot);
    }
  }
  return assemble_column(std::move(name), local, remap, std::move(values));
}

}  // namespace

std::shared_ptr<const Column> encode_categorical(std::string name, const py::array& codes, const Column& categories) {
  if (codes.ndim() != 1 || codes.dtype().kind() != 'i') throw py::type_error("categorical codes must be a 1-D signed integer array");
  switch (codes.dtype().itemsize()) {
    case 1: return encode<int8_t>(std::move(name), codes, categories);
    case 2: return encode<int16_t>(std::move(name), codes, categories);
    case 4: return encode<int32_t>(std::move(name), codes, categories);
    case 8: return encode<int64_t>(std::move(name), codes, categories);
  }
  throw py::type_error("unsupported categorical code dtype");
}

}  // namespace tsum::python
