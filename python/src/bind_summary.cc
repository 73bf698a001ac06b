#include <pybind11/stl.h>

#include "bindings.h"
#include "drilldown/pattern_rows.h"
#include "prepare/prepare.h"
#include "tsum/read.h"
#include "tsum/report.h"
#include "tsum/summarize.h"

namespace tsum::python {
namespace {

// (items, saving, rows, coverage, cumulative_coverage) per pattern; items are
// (column, value) pairs in table column order.
py::list patterns(const Summary& s) {
  py::list out;
  for (const SummaryPattern& p : s.patterns) {
    py::list items;
    for (const PatternItem& item : p.items) items.append(py::make_tuple(item.column, item.value));
    out.append(py::make_tuple(items, p.saving, p.rows, p.coverage, p.cumulative_coverage));
  }
  return out;
}

ReportOptions report(const std::string& input) { return ReportOptions{input}; }

}  // namespace

void bind_summary(py::module_& m) {
  py::class_<Summary>(m, "Summary", "The engine's summary (see tsum.Summary for the public view).")
      .def_property_readonly("cost_model", [](const Summary& s) { return cost_model_name(s.cost_model); })
      .def_property_readonly("search", [](const Summary& s) { return search_name(s.search); })
      .def_readonly("rows", &Summary::rows)
      .def_readonly("columns", &Summary::columns)
      .def_property_readonly("patterns", &patterns)
      .def_readonly("total_patterns", &Summary::total_patterns)
      .def_readonly("total_saving", &Summary::total_saving)
      .def_readonly("table_bits", &Summary::table_bits)
      .def_readonly("covered_rows", &Summary::covered_rows)
      .def_readonly("expand_seconds", &Summary::expand_seconds)
      .def_readonly("expand_evaluations", &Summary::expand_evaluations)
      .def_readonly("marshal_evaluations", &Summary::marshal_evaluations)
      .def_readonly("marshal_seconds", &Summary::marshal_seconds);

  m.def("display_input_name", &display_input_name, py::arg("input"),
        "How reports name an input: database URLs without their password.");

  m.def("parse_cost_model", [](const std::string& name) { return cost_model_name(parse_cost_model(name)); },
        py::arg("name"), "The canonical name of a cost model; ValueError for an unknown one.");
  m.def("parse_search", [](const std::string& name) { return search_name(parse_search(name)); }, py::arg("name"),
        "The canonical name of a search strategy; ValueError for an unknown one.");

  // The CLI's pipeline after reading and selecting: preprocessing (paper model only),
  // summarize, then the preparation's bins and left-out columns into the summary.
  m.def(
      "summarize",
      [](const Table& table, const PrepareOptions& prepare, unsigned threads, std::optional<size_t> limit,
         const std::string& search, size_t beam) {
        SummarizeOptions options;
        options.cost_model = prepare.cost_model;
        options.search = parse_search(search);
        options.beam = beam;
        options.threads = threads;
        options.limit = limit;
        py::gil_scoped_release unlocked;
        PreparedTable prepared = prepare_table(table, prepare);
        Summary summary = summarize(prepared.table, options);
        describe_preparation(prepared, summary);
        describe_samples(table, prepared.table, summary);
        return summary;
      },
      py::arg("table"), py::arg("prepare"), py::arg("threads") = 0, py::arg("limit") = py::none(),
      py::arg("search") = "greedy", py::arg("beam") = 3);

  m.def(
      "render_text",
      [](const Summary& s, const std::string& input, size_t width) {
        ReportOptions options = report(input);
        options.width = width;
        return render_text(s, options);
      },
      py::arg("summary"), py::arg("input"), py::arg("width") = 0);
  // `threads` format a long summary's patterns (0: all cores); the text never depends on it.
  m.def(
      "render_json",
      [](const Summary& s, const std::string& input, unsigned threads) {
        ReportOptions options = report(input);
        options.threads = threads;
        return render_json(s, options);
      },
      py::arg("summary"), py::arg("input"), py::arg("threads") = 0);
  m.def("render_markdown", [](const Summary& s, const std::string& input) { return render_markdown(s, report(input)); },
        py::arg("summary"), py::arg("input"));
  // HTML without the generation time and elapsed time (ReportOptions' defaults hide
  // them), so the page is a function of the summary.
  m.def("render_html", [](const Summary& s, const std::string& input) { return render_html(s, report(input)); },
        py::arg("summary"), py::arg("input"));
  m.def("render_csv", [](const Summary& s, const std::string& input) { return render_csv(s, report(input)); },
        py::arg("summary"), py::arg("input"));
}

}  // namespace tsum::python
