// Drill-down: which rows of a table a pattern covers (tsum.Pattern.mask / rows_of).
//
// The pattern's values are the summary's texts, so the rows are found the way the
// summary counted them: the data is encoded and prepared again with the summary's
// options (prepare_table: same types, same bins, so a bin label such as "[0, 15)" is a
// value of the prepared column), and a row matches when every item's column holds the
// item's code. A value the column does not hold matches no row.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>

#include "bindings.h"
#include "numpy_util.h"
#include "drilldown/pattern_rows.h"
#include "drilldown/where_clause.h"
#include "prepare/prepare.h"
#include "table/row_filter.h"
#include "tsum/error.h"
#include "tsum/explain.h"

namespace tsum::python {
namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

py::array_t<bool> pattern_mask(const Table& table, const Items& items) {
  std::vector<PatternItem> pattern;
  for (const auto& [column, value] : items) pattern.push_back(PatternItem{column, value});
  std::vector<uint8_t> rows;
  {
    py::gil_scoped_release unlocked;
    rows = rows_of_pattern(table, pattern);
  }
  py::array_t<bool> out(static_cast<py::ssize_t>(table.rows()));
  std::memcpy(out.mutable_data(), rows.data(), rows.size());
  return out;
}

}  // namespace

void bind_drilldown(py::module_& m) {
  m.def(
      "prepare_table",
      [](const Table& table, const PrepareOptions& prepare) {
        py::gil_scoped_release unlocked;
        return prepare_table(table, prepare).table;
      },
      py::arg("table"), py::arg("prepare"), "The table the summary saw: types, bins and left-out columns applied.");
  m.def(
      "filter_where",
      [](const Table& table, const std::string& where) {
        const WhereClause clause = parse_where(where);
        py::gil_scoped_release unlocked;
        return filter_rows(table, rows_matching(table, clause));
      },
      py::arg("table"), py::arg("where"), "The rows matching a --where condition, encoded as if read on their own.");
  m.def(
      "explain",
      [](const Table& table, const PrepareOptions& prepare, const Summary& summary, size_t rank, const std::string& input) {
        PatternExplanation e;
        {
          py::gil_scoped_release unlocked;
          const Table prepared = prepare_table(table, prepare).table;
          e = explain_pattern(table, prepared, summary, rank);
        }
        ReportOptions report{input};
        return py::make_tuple(render_explain_json(e, report), render_explain_text(e, report),
                              render_explain_markdown(e, report));
      },
      py::arg("table"), py::arg("prepare"), py::arg("summary"), py::arg("rank"), py::arg("input"),
      "Pattern `rank` of `summary` explained: (JSON, text, Markdown), as tsum explain writes them.");
  m.def("pattern_mask", &pattern_mask, py::arg("table"), py::arg("items"),
        "A bool array: the rows whose every (column, value) item holds.");
}

}  // namespace tsum::python
