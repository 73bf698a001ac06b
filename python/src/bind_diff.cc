// tsum._core.diff_tables / diff_by: the CLI's `tsum diff` on tables the Python package
// encoded or read, and its renderers.
#include <pybind11/stl.h>

#include "bindings.h"
#include "tsum/diff.h"

namespace tsum::python {
namespace {

// A wrapper, not std::vector<Diff> itself: pybind11/stl.h would convert the vector to a list.
struct Diffs {
  std::vector<Diff> items;
};

DiffOptions make_options(const PrepareOptions& prepare, const std::vector<std::string>& columns,
                         const std::vector<std::string>& exclude, unsigned threads, std::optional<size_t> limit, double alpha) {
  DiffOptions o;
  o.cost_model = prepare.cost_model;
  o.prepare = prepare;
  o.columns = columns;
  o.exclude = exclude;
  o.threads = threads;
  o.limit = limit;
  o.alpha = alpha;
  return o;
}

// One tuple per reported pattern, for pandas: (by_value, rank, status, items, old_rows,
// old_share, new_rows, new_share, change, g, p_value); items are (column, value) pairs.
py::list pattern_rows(const Diffs& diffs) {
  py::list out;
  for (const Diff& d : diffs.items) {
    for (size_t i = 0; i < d.patterns.size(); ++i) {
      const DiffPattern& p = d.patterns[i];
      py::list items;
      for (const PatternItem& item : p.items) items.append(py::make_tuple(item.column, item.value));
      out.append(py::make_tuple(d.by_value, i + 1, p.status, items, p.old_rows, p.old_share, p.new_rows, p.new_share,
                                p.change, p.g, p.p_value));
    }
  }
  return out;
}

}  // namespace

void bind_diff(py::module_& m) {
  py::class_<Diffs>(m, "Diffs", "The engine's diff results (see tsum.Diff for the public view).")
      .def_property_readonly("patterns", &pattern_rows)
      .def("__len__", [](const Diffs& d) { return d.items.size(); })
      .def("render_text", [](const Diffs& d) { return render_diff_text(d.items); })
      .def("render_json", [](const Diffs& d) { return render_diff_json(d.items); })
      .def("render_markdown", [](const Diffs& d) { return render_diff_markdown(d.items); })
      .def("render_html", [](const Diffs& d) { return render_diff_html(d.items); })
      .def("render_csv", [](const Diffs& d) { return render_diff_csv(d.items); });

  m.def(
      "diff_tables",
      [](const Table& old_table, const Table& new_table, const PrepareOptions& prepare, const std::vector<std::string>& columns,
         const std::vector<std::string>& exclude, unsigned threads, std::optional<size_t> limit, double alpha,
         const std::string& old_name, const std::string& new_name) {
        DiffOptions o = make_options(prepare, columns, exclude, threads, limit, alpha);
        o.old_name = old_name;
        o.new_name = new_name;
        py::gil_scoped_release unlocked;
        return Diffs{{diff_tables(old_table, new_table, o)}};
      },
      py::arg("old"), py::arg("new"), py::arg("prepare"), py::arg("columns"), py::arg("exclude"), py::arg("threads"),
      py::arg("limit"), py::arg("alpha"), py::arg("old_name"), py::arg("new_name"));

  m.def(
      "diff_by",
      [](const Table& table, const std::string& column, std::optional<std::string> value, const PrepareOptions& prepare,
         const std::vector<std::string>& columns, const std::vector<std::string>& exclude, unsigned threads,
         std::optional<size_t> limit, double alpha) {
        DiffOptions o = make_options(prepare, columns, exclude, threads, limit, alpha);
        py::gil_scoped_release unlocked;
        return Diffs{diff_by(table, column, value, o)};
      },
      py::arg("table"), py::arg("column"), py::arg("value"), py::arg("prepare"), py::arg("columns"), py::arg("exclude"),
      py::arg("threads"), py::arg("limit"), py::arg("alpha"));
}

}  // namespace tsum::python
