// Moving vectors into numpy arrays without copying, and reading contiguous arrays.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <span>
#include <vector>

namespace tsum::python {

namespace py = pybind11;

// A numpy array that owns `v`'s buffer.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* owner = new std::vector<T>(std::move(v));
  py::capsule free_owner(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owner->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        owner->data(), free_owner);
}

// A read-only view of a 1-D array, converted to a contiguous T array when it is not one
// already (`keep` holds the converted array alive).
template <class T>
std::span<const T> from_numpy(const py::handle& object, py::array_t<T, py::array::c_style | py::array::forcecast>& keep) {
  keep = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(object);
  if (!keep || keep.ndim() != 1) throw py::type_error("expected a 1-D numeric array");
  return std::span<const T>(keep.data(), static_cast<size_t>(keep.shape(0)));
}

template <class T>
std::vector<T> vector_from_numpy(const py::handle& object) {
  py::array_t<T, py::array::c_style | py::array::forcecast> keep;
  std::span<const T> view = from_numpy<T>(object, keep);
  return std::vector<T>(view.begin(), view.end());
}

}  // namespace tsum::python
