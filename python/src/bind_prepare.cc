// Preprocessing options (the CLI's --bins, --type, --keep-id-columns) and the Dask
// driver's preparation (dask_prepare.h), as tsum._core sees them.
#include <pybind11/stl.h>

#include "bindings.h"
#include "coordinator.h"
#include "dask_prepare.h"
#include "numpy_util.h"
#include "prepare/prepare_options.h"
#include "tsum/error.h"

namespace tsum::python {
namespace {

// PrepareOptions from summarize()'s keywords, already turned into the CLI's texts by
// tsum/_options.py; each text is parsed exactly as the CLI parses it, so errors carry
// the CLI's messages.
PrepareOptions make_prepare_options(const std::string& cost, const std::string& bins,
                                    const std::vector<std::pair<std::string, std::string>>& column_bins,
                                    const std::vector<std::pair<std::string, std::string>>& column_types,
                                    bool keep_id_columns, unsigned threads,
                                    const std::vector<std::string>& excluded_by_user) {
  PrepareOptions o;
  o.cost_model = parse_cost_model(cost);
  o.bins = parse_bin_setting(bins);
  for (const auto& [column, setting] : column_bins) {
    if (column.empty()) throw UsageError("--bins: missing column name in '=" + setting + "'");
    o.column_bins[column] = parse_bin_setting(setting);
  }
  for (const auto& [column, type] : column_types) {
    if (column.empty()) throw UsageError("--type: expected COLUMN=TYPE (string, integer, float, boolean, date or timestamp), got '=" + type + "'");
    try {
      o.column_types[column] = parse_column_kind(type);
    } catch (const UsageError& e) {
      throw UsageError("--type " + column + "=" + type + ": " + e.what());
    }
  }
  o.keep_id_columns = keep_id_columns;
  o.threads = threads;
  o.excluded_by_user = excluded_by_user;
  return o;
}

// One partition's dictionaries (a `tsum._dask_tasks.dictionaries` result): views into
// the Python bytes objects, which the holder below keeps alive.
PartitionDictionaries partition_dictionaries(const py::handle& result) {
  auto pair = result.cast<py::tuple>();
  if (pair.size() != 2) throw py::type_error("expected (rows, dictionaries)");
  PartitionDictionaries p;
  p.rows = pair[0].cast<uint64_t>();
  p.columns = column_dictionaries(pair[1].cast<py::list>());
  return p;
}

// DaskPreparation plus the Python objects its views point into.
struct PreparationHolder {
  py::list source;
  std::vector<PartitionDictionaries> partitions;
  std::unique_ptr<DaskPreparation> preparation;
};

}  // namespace

void bind_prepare(py::module_& m) {
  py::class_<PrepareOptions>(m, "PrepareOptions", "The CLI's --bins, --type, --keep-id-columns and --exclude (for the report).")
      .def(py::init(&make_prepare_options), py::arg("cost"), py::arg("bins") = "auto",
           py::arg("column_bins") = std::vector<std::pair<std::string, std::string>>{},
           py::arg("column_types") = std::vector<std::pair<std::string, std::string>>{},
           py::arg("keep_id_columns") = false, py::arg("threads") = 0,
           py::arg("excluded_by_user") = std::vector<std::string>{})
      .def_property_readonly("customized", &PrepareOptions::customized);

  py::class_<PreparationHolder>(m, "DaskPreparation", "Preprocessing decided from merged partition dictionaries.")
      .def(py::init([](const std::vector<std::string>& names, const py::list& results, const PrepareOptions& options) {
             auto h = std::make_unique<PreparationHolder>();
             h->source = results;
             for (py::handle r : results) h->partitions.push_back(partition_dictionaries(r));
             h->preparation = std::make_unique<DaskPreparation>(names, h->partitions, options);
             return h;
           }),
           py::arg("names"), py::arg("dictionaries"), py::arg("options"))
      .def_property_readonly("columns", [](const PreparationHolder& h) { return h.preparation->columns(); })
      .def("feed", [](const PreparationHolder& h, Coordinator& c) { h.preparation->feed(c, h.partitions); },
           py::arg("coordinator"))
      .def(
          "relabels",
          [](const PreparationHolder& h, size_t k) {
            py::list out;
            for (auto& r : h.preparation->relabels(k)) {
              if (!r) {
                out.append(py::none());
              } else {
                out.append(py::make_tuple(to_numpy(std::move(r->bin_of)), r->values));
              }
            }
            return out;
          },
          py::arg("partition"), "Per summarized column: None, or (bin_of, values) for Table.relabel.")
      .def(
          "describe",
          [](const PreparationHolder& h, Summary summary) {
            h.preparation->describe(summary);
            return summary;
          },
          py::arg("summary"), "A copy of the summary with the bins, left-out columns and column profiles.");
}

}  // namespace tsum::python
