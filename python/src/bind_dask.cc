#include <pybind11/stl.h>
#include <tbb/task_arena.h>

#include "bindings.h"
#include "coordinator.h"
#include "numpy_util.h"
#include "partition.h"
#include "table_codec.h"
#include "tsum/error.h"

namespace tsum::python {
namespace {

std::vector<std::vector<uint32_t>> code_maps_from(const py::list& maps) {
  std::vector<std::vector<uint32_t>> out;
  for (py::handle map : maps) out.push_back(vector_from_numpy<uint32_t>(map));
  return out;
}

Request unpack(const py::handle& request) { return unpack_request(vector_from_numpy<uint32_t>(request)); }

py::list code_maps_to(std::vector<std::vector<uint32_t>> maps) {
  py::list out;
  for (auto& map : maps) out.append(to_numpy(std::move(map)));
  return out;
}

}  // namespace

// One partition's dictionaries, as Table.dictionaries() returns them. The views point
// into the Python bytes objects, which the caller's arguments keep alive.
std::vector<ColumnDictionary> column_dictionaries(const py::list& columns) {
  std::vector<ColumnDictionary> out;
  for (py::handle item : columns) {
    auto entry = item.cast<py::tuple>();
    if (entry.size() != 4) throw py::type_error("expected (bytes, offsets, counts, numeric_or_empty)");
    std::string_view bytes = entry[0].cast<std::string_view>();
    std::vector<uint64_t> offsets = vector_from_numpy<uint64_t>(entry[1]);
    ColumnDictionary c;
    c.counts = vector_from_numpy<uint64_t>(entry[2]);
    c.numeric_or_empty = entry[3].cast<bool>();
    if (offsets.empty() || offsets.back() > bytes.size()) throw UsageError("malformed dictionary");
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (offsets[i] > offsets[i + 1]) throw UsageError("malformed dictionary");
      c.values.push_back(bytes.substr(offsets[i], offsets[i + 1] - offsets[i]));
    }
    out.push_back(std::move(c));
  }
  return out;
}

void bind_dask(py::module_& m) {
  py::class_<Partition, std::shared_ptr<Partition>>(m, "Partition",
                                                    "One Dask partition on a worker: its table and code maps.")
      .def(py::init([](const Table& table, const py::list& maps) {
             return std::make_shared<Partition>(table, code_maps_from(maps));
           }),
           py::arg("table"), py::arg("code_maps"))
      .def_property_readonly("rows", [](const Partition& p) { return p.table().rows(); })
      .def(
          "histograms",
          [](Partition& p, const py::handle& packed, unsigned threads) {
            Request request = unpack(packed);
            SparseHistograms h;
            {
              py::gil_scoped_release unlocked;
              h = p.histograms(request.found, request.prefix, threads);
            }
            return py::make_tuple(to_numpy(std::move(h.offsets)), to_numpy(std::move(h.codes)),
                                  to_numpy(std::move(h.counts)));
          },
          py::arg("request"), py::arg("threads") = 1,
          "Histograms for a packed (found, prefix) request (Coordinator.next_request).")
      .def(
          "global_rows",
          [](Partition& p, unsigned threads) {
            std::pair<std::vector<uint32_t>, std::vector<uint64_t>> rows;
            {
              py::gil_scoped_release unlocked;
              rows = p.global_rows(threads);
            }
            return py::make_tuple(to_numpy(std::move(rows.first)), to_numpy(std::move(rows.second)));
          },
          py::arg("threads") = 1, "Every row as global codes (row-major) and its weight.")
      .def(
          "signatures",
          [](Partition& p, const py::handle& packed, unsigned threads) {
            Request request = unpack(packed);
            Signatures s;
            {
              py::gil_scoped_release unlocked;
              s = p.signatures(request.found, threads);
            }
            return py::make_tuple(to_numpy(std::move(s.offsets)), to_numpy(std::move(s.patterns)),
                                  to_numpy(std::move(s.counts)));
          },
          py::arg("request"), py::arg("threads") = 1,
          "Row signatures over the found patterns of a packed request (Coordinator.marshal_request).")
      .def(py::pickle(
          [](const Partition& p) {
            py::list maps;
            for (const auto& map : p.to_global()) maps.append(to_numpy(std::vector<uint32_t>(map)));
            return py::make_tuple(py::bytes(serialize_table(p.table())), maps);
          },
          [](const py::tuple& state) {
            return std::make_shared<Partition>(deserialize_table(std::string_view(state[0].cast<py::bytes>())),
                                               code_maps_from(state[1].cast<py::list>()));
          }));

  py::class_<Coordinator>(m, "Coordinator", "The Dask driver's decisions (see coordinator.h).")
      .def(py::init([](const std::string& cost, std::vector<std::string> columns) {
             return std::make_unique<Coordinator>(parse_cost_model(cost), std::move(columns));
           }),
           py::arg("cost"), py::arg("columns"))
      .def(
          "add_partition",
          [](Coordinator& c, uint64_t rows, const py::list& columns) { c.add_partition(rows, column_dictionaries(columns)); },
          py::arg("rows"), py::arg("dictionaries"))
      .def(
          "start",
          [](Coordinator& c, unsigned threads) {
            // The cost model is built here (under entropy, a table of x log2 x with one
            // entry per row, filled on the arena's threads): on `threads`, as search().
            py::gil_scoped_release unlocked;
            tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
            arena.execute([&] { c.start(); });
          },
          py::arg("threads") = 0, "Ends add_partition(): builds the cost model on `threads` (0: all).")
      .def("code_maps", [](const Coordinator& c, size_t k) { return code_maps_to(c.code_maps(k)); }, py::arg("partition"))
      .def_property_readonly("rows", &Coordinator::rows)
      .def(
          "next_request",
          [](Coordinator& c) -> py::object {
            auto request = c.next_request();
            if (!request) return py::none();
            return to_numpy(pack_request(*request));
          },
          "The next expansion round's packed (found, prefix), or None when expansion is over.")
      .def(
          "marshal_request", [](const Coordinator& c) { return to_numpy(pack_request(Request{c.found(), {}})); },
          "The packed patterns found, for Partition.signatures.")
      .def_property_readonly("patterns_found", [](const Coordinator& c) { return c.found().size(); })
      .def_property_readonly("items_found", [](const Coordinator& c) {
        size_t items = 0;
        for (const GlobalPattern& p : c.found()) items += p.size();
        return items;
      })
      .def(
          "add_histograms",
          [](Coordinator& c, const py::handle& offsets, const py::handle& codes, const py::handle& counts) {
            SparseHistograms h{vector_from_numpy<uint64_t>(offsets), vector_from_numpy<uint32_t>(codes),
                               vector_from_numpy<uint32_t>(counts)};
            c.add_histograms(h);
          },
          py::arg("offsets"), py::arg("codes"), py::arg("counts"))
      .def("decide", &Coordinator::decide)
      .def(
          "add_signatures",
          [](Coordinator& c, const py::handle& offsets, const py::handle& patterns, const py::handle& counts) {
            Signatures s{vector_from_numpy<uint64_t>(offsets), vector_from_numpy<uint32_t>(patterns),
                         vector_from_numpy<uint64_t>(counts)};
            c.add_signatures(s);
          },
          py::arg("offsets"), py::arg("patterns"), py::arg("counts"))
      .def("rank", &Coordinator::rank)
      .def(
          "add_rows",
          [](Coordinator& c, const py::handle& codes, const py::handle& weights) {
            c.add_rows(vector_from_numpy<uint32_t>(codes), vector_from_numpy<uint64_t>(weights));
          },
          py::arg("codes"), py::arg("weights"))
      .def(
          "search",
          [](Coordinator& c, const std::string& search, size_t beam, unsigned threads) {
            SummarizeOptions o;
            o.search = parse_search(search);
            o.beam = beam;
            py::gil_scoped_release unlocked;
            tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
            arena.execute([&] { c.search(o); });
          },
          py::arg("search"), py::arg("beam"), py::arg("threads") = 0)
      .def("summary", &Coordinator::summary, py::arg("limit") = py::none());
}

}  // namespace tsum::python
