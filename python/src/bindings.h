// The parts of the tsum._core extension module, one function per binding file.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <vector>

#include "tsum/table.h"

namespace tsum::python {

namespace py = pybind11;

// A Column handed to Python: encoders return these; Table's constructor takes them.
struct EncodedColumn {
  std::shared_ptr<const Column> column;
};

void bind_table(py::module_& m);    // Column, Table, encoders, read_table
void bind_summary(py::module_& m);  // summarize, Summary, renderers
void bind_dask(py::module_& m);     // Partition, Coordinator
void bind_prepare(py::module_& m);  // PrepareOptions, DaskPreparation
void bind_diff(py::module_& m);     // diff_tables, diff_by, Diffs
void bind_arrow(py::module_& m);    // read_arrow_stream, read_arrow_array, encode_arrow_column
void bind_drilldown(py::module_& m);  // prepare_table, pattern_mask
void bind_state(py::module_& m);      // state_init, state_apply, state_apply_text, state_info

// One partition's dictionaries as tsum._core.Table.dictionaries() returns them; the views
// point into the list's bytes objects (bind_dask.cc).
struct ColumnDictionary;
std::vector<ColumnDictionary> column_dictionaries(const py::list& columns);

}  // namespace tsum::python
