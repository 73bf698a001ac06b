// Arrow PyCapsules -> Table: the Python side of src/io/arrow (read_arrow).
//
// A producer's __arrow_c_stream__() returns a capsule named "arrow_array_stream", its
// __arrow_c_array__() a pair of capsules "arrow_schema" and "arrow_array" (the Arrow
// PyCapsule interface). The structs are moved out of their capsules (the capsules' own
// destructors then find them released and do nothing, as the interface specifies), and
// read with the GIL released: a producer that needs Python to make its next batch (a
// RecordBatchReader over a generator) takes the GIL itself.
#include <pybind11/stl.h>

#include "bindings.h"
#include "tsum/arrow.h"
#include "tsum/error.h"

namespace tsum::python {
namespace {

template <class T>
T* capsule_pointer(const py::object& capsule, const char* name) {
  if (!PyCapsule_CheckExact(capsule.ptr())) {
    throw py::type_error(std::string("expected a PyCapsule named '") + name + "'");
  }
  void* p = PyCapsule_GetPointer(capsule.ptr(), name);
  if (!p) throw py::error_already_set();
  return static_cast<T*>(p);
}

ArrowReadOptions read_options(const std::string& input, const std::string& column_name,
                              const std::vector<std::string>& columns, const std::vector<std::string>& exclude,
                              unsigned threads) {
  ArrowReadOptions o;
  o.input_name = input;
  o.column_name = column_name;
  o.columns = columns;
  o.exclude = exclude;
  o.threads = threads;
  return o;
}

Table read_stream(const py::object& capsule, const ArrowReadOptions& options) {
  auto* source = capsule_pointer<ArrowArrayStream>(capsule, "arrow_array_stream");
  if (!source->release) throw py::value_error("the Arrow stream was already consumed");
  ArrowArrayStream stream = *source;
  source->release = nullptr;
  py::gil_scoped_release unlocked;
  return read_arrow(&stream, options);
}

Table read_array(const py::object& schema_capsule, const py::object& array_capsule, const ArrowReadOptions& options) {
  auto* schema_source = capsule_pointer<ArrowSchema>(schema_capsule, "arrow_schema");
  auto* array_source = capsule_pointer<ArrowArray>(array_capsule, "arrow_array");
  if (!schema_source->release || !array_source->release) throw py::value_error("the Arrow array was already consumed");
  ArrowSchema schema = *schema_source;
  ArrowArray array = *array_source;
  schema_source->release = nullptr;
  array_source->release = nullptr;
  py::gil_scoped_release unlocked;
  return read_arrow(&schema, &array, options);
}

}  // namespace

void bind_arrow(py::module_& m) {
  m.def(
      "read_arrow_stream",
      [](const py::object& capsule, const std::string& input, const std::vector<std::string>& columns,
         const std::vector<std::string>& exclude, unsigned threads) {
        return read_stream(capsule, read_options(input, "", columns, exclude, threads));
      },
      py::arg("capsule"), py::arg("input"), py::arg("columns") = std::vector<std::string>{},
      py::arg("exclude") = std::vector<std::string>{}, py::arg("threads") = 0,
      "A table from an 'arrow_array_stream' capsule (record batches: one column per field).");
  m.def(
      "read_arrow_array",
      [](const py::object& schema, const py::object& array, const std::string& input,
         const std::vector<std::string>& columns, const std::vector<std::string>& exclude, unsigned threads) {
        return read_array(schema, array, read_options(input, "", columns, exclude, threads));
      },
      py::arg("schema"), py::arg("array"), py::arg("input"), py::arg("columns") = std::vector<std::string>{},
      py::arg("exclude") = std::vector<std::string>{}, py::arg("threads") = 0,
      "A table from 'arrow_schema' and 'arrow_array' capsules (a record batch, or one column).");
  m.def(
      "encode_arrow_column",
      [](const std::string& name, const py::object& capsule, const std::string& input, unsigned threads) {
        Table t = read_stream(capsule, read_options(input, name, {}, {}, threads));
        if (t.num_columns() != 1) throw DataError(input + ": column '" + name + "' is a record batch, not a column");
        return EncodedColumn{t.column_ptr(0)};
      },
      py::arg("name"), py::arg("capsule"), py::arg("input"), py::arg("threads") = 0,
      "One column from an 'arrow_array_stream' capsule of plain arrays (a ChunkedArray).");
}

}  // namespace tsum::python
