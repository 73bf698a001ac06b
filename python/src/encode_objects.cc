#include <cmath>
#include <string_view>

#include "encoders.h"
#include "python_float.h"
#include "tsum/error.h"
#include "value_set.h"

namespace tsum::python {
namespace {

// Python objects that mean NULL or need a type check, fetched once.
struct KnownObjects {
  PyObject* pandas_na;
  PyObject* pandas_nat;
  PyObject* numpy_bool;
  PyObject* numpy_integer;
  PyObject* numpy_floating;
};

const KnownObjects& known_objects() {
  // Leaked on purpose: destroying Python objects at process exit can run after the
  // interpreter is gone.
  static const KnownObjects* known = [] {
    py::module_ pandas = py::module_::import("pandas");
    py::module_ numpy = py::module_::import("numpy");
    auto keep = [](py::object o) { return o.release().ptr(); };
    return new KnownObjects{keep(pandas.attr("NA")), keep(pandas.attr("NaT")), keep(numpy.attr("bool_")),
                            keep(numpy.attr("integer")), keep(numpy.attr("floating"))};
  }();
  return *known;
}

bool is_instance(PyObject* object, PyObject* type) {
  int r = PyObject_IsInstance(object, type);
  if (r < 0) throw py::error_already_set();
  return r == 1;
}

std::string str_of(PyObject* object) {
  py::str text = py::reinterpret_steal<py::str>(PyObject_Str(object));
  if (!text) throw py::error_already_set();
  return std::string(text);
}

// The value of one cell: NULL, or a text and whether it is a number. `storage` owns the
// text when it is not the str object's own UTF-8 buffer.
struct Cell {
  bool null = false;
  std::string_view text;
  bool number = false;
};
constexpr Cell kNull{true, {}, false};

Cell classify(PyObject* o, std::string& storage, const std::string& column, size_t row) {
  const KnownObjects& k = known_objects();
  if (PyUnicode_Check(o)) {
    Py_ssize_t size;
    const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
    if (!utf8) {
      PyErr_Clear();
      throw DataError("column '" + column + "', row " + std::to_string(row + 1) +
                      ": the string is not valid Unicode (it holds a lone surrogate)");
    }
    return Cell{false, std::string_view(utf8, static_cast<size_t>(size)), false};
  }
  if (o == Py_None || o == k.pandas_na || o == k.pandas_nat) return kNull;
  if (PyBool_Check(o) || is_instance(o, k.numpy_bool)) {
    return Cell{false, PyObject_IsTrue(o) ? "true" : "false", false};
  }
  if (PyLong_Check(o) || is_instance(o, k.numpy_integer)) {
    storage = str_of(o);
    return Cell{false, storage, true};
  }
  if (PyFloat_Check(o) || is_instance(o, k.numpy_floating)) {
    double x = PyFloat_AsDouble(o);
    if (x == -1.0 && PyErr_Occurred()) throw py::error_already_set();
    if (std::isnan(x)) return kNull;
    // float64 (incl. np.float64, a float subclass) prints like repr(); narrower numpy
    // floats print their own shortest digits.
    storage = PyFloat_Check(o) ? python_float_repr(x) : str_of(o);
    return Cell{false, storage, true};
  }
  // Any other NaN-like object (e.g. Decimal('NaN')) is unequal to itself.
  int self_unequal = PyObject_RichCompareBool(o, o, Py_NE);
  if (self_unequal < 0) PyErr_Clear();
  if (self_unequal == 1) return kNull;
  storage = str_of(o);
  return Cell{false, storage, false};
}

// Remembers the code of recently seen objects by address. Columns usually hold few
// distinct objects many times over (pandas shares str objects between equal cells), so
// most cells cost one pointer comparison instead of a string hash.
class ObjectCache {
 public:
  static constexpr size_t kSlots = 4096;
  bool find(PyObject* o, uint32_t& code) const {
    const Slot& s = slots_[slot(o)];
    if (s.object != o) return false;
    code = s.code;
    return true;
  }
  void store(PyObject* o, uint32_t code) { slots_[slot(o)] = Slot{o, code}; }

 private:
  struct Slot {
    PyObject* object = nullptr;
    uint32_t code = 0;
  };
  static size_t slot(PyObject* o) {
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(o) >> 4) * 0x9E3779B97F4A7C15ull >> 52);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

}  // namespace

std::shared_ptr<const Column> encode_objects(std::string name, const py::array& objects, const py::object& null_mask) {
  if (objects.ndim() != 1 || objects.dtype().kind() != 'O') throw py::type_error("expected a 1-D object array");
  const size_t rows = static_cast<size_t>(objects.shape(0));
  const char* base = static_cast<const char*>(objects.data());
  const py::ssize_t stride = objects.strides(0);
  const bool* mask = null_mask_data(null_mask, rows);
  ValueSet values;
  detail::LocalCodes codes;
  ObjectCache cache;
  std::string storage;
  for (size_t row = 0; row < rows; ++row) {
    if (mask && mask[row]) {
      codes.push(0);
      continue;
    }
    PyObject* o = *reinterpret_cast<PyObject* const*>(base + static_cast<py::ssize_t>(row) * stride);
    uint32_t code;
    if (!cache.find(o, code)) {
      Cell cell = classify(o, storage, name, row);
      code = cell.null ? 0 : values.add(cell.text, cell.number);
      cache.store(o, code);
    }
    codes.push(code);
  }
  uint32_t size = values.size();
  return assemble_column(std::move(name), codes, identity_remap(size), std::move(values));
}

}  // namespace tsum::python
