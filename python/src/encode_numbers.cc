#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>

#include "encoders.h"
#include "python_float.h"
#include "value_set.h"

namespace tsum::python {
namespace {

// Distinct numbers by bit pattern -> local code (1-based, in order of first
// appearance). Open addressing with linear probing; a number's text is made once per
// distinct value, after the scan, never per row.
class NumberCodes {
 public:
  NumberCodes() : keys_(kInitial), codes_(kInitial, 0), mask_(kInitial - 1) {}

  uint32_t find_or_add(uint64_t key, bool& added) {
    for (uint64_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      if (codes_[i] == 0) {
        added = true;
        keys_[i] = key;
        codes_[i] = ++size_;
        if (2 * size_ > mask_) grow();
        return size_;
      }
      if (keys_[i] == key) {
        added = false;
        return codes_[i];
      }
    }
  }

 private:
  static constexpr size_t kInitial = 64;
  static uint64_t hash(uint64_t x) {  // splitmix64 finalizer
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  void grow() {
    std::vector<uint64_t> keys(keys_.size() * 2);
    std::vector<uint32_t> codes(codes_.size() * 2, 0);
    uint64_t mask = keys.size() - 1;
    for (size_t j = 0; j < keys_.size(); ++j) {
      if (codes_[j] == 0) continue;
      uint64_t i = hash(keys_[j]) & mask;
      while (codes[i] != 0) i = (i + 1) & mask;
      keys[i] = keys_[j];
      codes[i] = codes_[j];
    }
    keys_.swap(keys);
    codes_.swap(codes);
    mask_ = mask;
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> codes_;  // 0 = empty slot
  uint64_t mask_;
  uint32_t size_ = 0;
};

template <class T>
uint64_t key_of(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    // Bit patterns, not values: -0.0 and 0.0 have different texts ("-0.0", "0.0").
    std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t> bits;
    std::memcpy(&bits, &v, sizeof v);
    return bits;
  } else {
    return static_cast<uint64_t>(v);
  }
}

template <class T>
std::string text_of(T v) {
  if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
  else if constexpr (std::is_same_v<T, float>) return python_float32_repr(v);
  else if constexpr (std::is_same_v<T, double>) return python_float_repr(v);
  else return std::to_string(v);
}

template <class T>
std::shared_ptr<const Column> encode(std::string name, const py::array& array, const bool* mask) {
  const size_t rows = static_cast<size_t>(array.shape(0));
  const char* base = static_cast<const char*>(array.data());
  const py::ssize_t stride = array.strides(0);
  detail::LocalCodes codes;
  std::vector<T> distinct;
  {
    py::gil_scoped_release unlocked;  // only the buffer is read
    NumberCodes numbers;
    uint64_t last_key = 0;
    uint32_t last_code = 0;  // 0: no previous non-NULL cell
    for (size_t row = 0; row < rows; ++row) {
      T v;
      std::memcpy(&v, base + static_cast<py::ssize_t>(row) * stride, sizeof v);
      bool null = mask && mask[row];
      if constexpr (std::is_floating_point_v<T>) null = null || std::isnan(v);
      if (null) {
        codes.push(0);
        continue;
      }
      uint64_t key = key_of(v);
      if (last_code == 0 || key != last_key) {  // runs of one value skip the hash
        bool added;
        last_code = numbers.find_or_add(key, added);
        last_key = key;
        if (added) distinct.push_back(v);
      }
      codes.push(last_code);
    }
  }
  ValueSet values;
  std::vector<uint32_t> remap(distinct.size() + 1, 0);
  for (size_t i = 0; i < distinct.size(); ++i) {
    remap[i + 1] = values.add(text_of<T>(distinct[i]), !std::is_same_v<T, bool>);
  }
  return assemble_column(std::move(name), codes, remap, std::move(values));
}

}  // namespace

std::shared_ptr<const Column> encode_numbers(std::string name, const py::array& values, const py::object& null_mask) {
  if (values.ndim() != 1) throw py::type_error("expected a 1-D array");
  const bool* mask = null_mask_data(null_mask, static_cast<size_t>(values.shape(0)));
  const char kind = values.dtype().kind();
  const auto size = values.dtype().itemsize();
  if (kind == 'b' && size == 1) return encode<bool>(std::move(name), values, mask);
  if (kind == 'i' && size == 1) return encode<int8_t>(std::move(name), values, mask);
  if (kind == 'i' && size == 2) return encode<int16_t>(std::move(name), values, mask);
  if (kind == 'i' && size == 4) return encode<int32_t>(std::move(name), values, mask);
  if (kind == 'i' && size == 8) return encode<int64_t>(std::move(name), values, mask);
  if (kind == 'u' && size == 1) return encode<uint8_t>(std::move(name), values, mask);
  if (kind == 'u' && size == 2) return encode<uint16_t>(std::move(name), values, mask);
  if (kind == 'u' && size == 4) return encode<uint32_t>(std::move(name), values, mask);
  if (kind == 'u' && size == 8) return encode<uint64_t>(std::move(name), values, mask);
  if (kind == 'f' && size == 4) return encode<float>(std::move(name), values, mask);
  if (kind == 'f' && size == 8) return encode<double>(std::move(name), values, mask);
  throw py::type_error("unsupported numeric dtype " + std::string(py::str(values.dtype())));
}

}  // namespace tsum::python
