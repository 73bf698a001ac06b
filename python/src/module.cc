// tsum._core: the C++ engine as seen from Python. The pure-Python package (tsum/*.py)
// is the public interface; this module is its implementation detail.
#include "bindings.h"
#include "tsum/error.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "tsum's C++ engine (internal: use the tsum package)";
  m.attr("__version__") = TSUM_VERSION;
  // Every error the engine reports about the user's data or options: a ValueError whose
  // message is the CLI's.
  pybind11::register_exception<tsum::Error>(m, "Error", PyExc_ValueError);
  tsum::python::bind_table(m);
  tsum::python::bind_summary(m);
  tsum::python::bind_dask(m);
  tsum::python::bind_prepare(m);
  tsum::python::bind_diff(m);
  tsum::python::bind_arrow(m);
  tsum::python::bind_drilldown(m);
  tsum::python::bind_state(m);
}
