// Encoders from numpy / pandas arrays to Columns, one per kind of array. No Python code
// runs per row: each encoder walks the array's buffer in C++.
//
// Cell texts (the spec compares values by text; see python/README.md for the table):
//   str                      -> the string itself (a string, even when it looks like a number)
//   int (Python or numpy)    -> decimal, a number
//   float (Python or numpy)  -> repr() digits ("1.0", "0.1", "1e+16"), a number; NaN is NULL
//   bool (Python or numpy)   -> "true" / "false", a string (as the JSON reader does)
//   None, pd.NA, pd.NaT      -> NULL
//   anything else            -> str(value), a string
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "tsum/table.h"

namespace tsum::python {

namespace py = pybind11;

// A 1-D object array. `null_mask` is None or a bool array of the same length whose true
// cells are NULL whatever they hold (lets callers pass e.g. pandas' own isna()).
std::shared_ptr<const Column> encode_objects(std::string name, const py::array& objects, const py::object& null_mask);

// A 1-D array of a numpy integer, float or bool dtype. `null_mask` as above.
std::shared_ptr<const Column> encode_numbers(std::string name, const py::array& values, const py::object& null_mask);

// A pandas Categorical given as its codes (any signed integer dtype, -1 = NULL) and its
// categories, already encoded as a Column of as many rows as there are categories.
// Codes follow the order in which categories first appear in the rows, not the
// categories' order; categories that never occur are dropped.
std::shared_ptr<const Column> encode_categorical(std::string name, const py::array& codes, const Column& categories);

// The data of a null mask (nullptr for None), checked to be a C-contiguous 1-D bool
// array of `rows` cells. The caller keeps `mask` alive while using the pointer.
inline const bool* null_mask_data(const py::object& mask, size_t rows) {
  if (mask.is_none()) return nullptr;
  if (!py::isinstance<py::array_t<bool>>(mask)) throw py::type_error("null mask must be a numpy bool array");
  py::array array = mask.cast<py::array>();
  if (array.ndim() != 1 || static_cast<size_t>(array.shape(0)) != rows || !(array.flags() & py::array::c_style)) {
    throw py::type_error("null mask must be a C-contiguous 1-D bool array as long as the column");
  }
  return static_cast<const bool*>(array.data());
}

}  // namespace tsum::python
