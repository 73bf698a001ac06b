// What the binding comparison calls (run.sh): a no-op, a function of two ints, and a
// function returning a list of strings (like Summary's patterns). The same source is
// compiled against pybind11 or nanobind, whose APIs differ only in these names.
#include <string>
#include <vector>

#ifdef BENCH_NANOBIND
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>
namespace py = nanobind;
#define BENCH_MODULE(name, m) NB_MODULE(name, m)
#else
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
namespace py = pybind11;
#define BENCH_MODULE(name, m) PYBIND11_MODULE(name, m)
#endif

namespace {
std::vector<std::string> labels(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("value " + std::to_string(i));
  return out;
}
}  // namespace

#ifdef BENCH_NANOBIND
BENCH_MODULE(bench_nanobind, m) {
#else
BENCH_MODULE(bench_pybind11, m) {
#endif
  m.def("noop", [] {});
  m.def("add", [](long a, long b) { return a + b; });
  m.def("labels", &labels);
}
