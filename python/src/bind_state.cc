// tsum._core.state_init / state_apply / state_apply_text / state_info: the `tsum state`
// subcommand's functions (tsum/state.h) for tsum.State (python/tsum/_state.py).
#include <pybind11/stl.h>

#include "bindings.h"
#include "io/memory_limit.h"
#include "tsum/state.h"

namespace tsum::python {
namespace {

py::dict counts_dict(const ApplyCounts& c) {
  py::dict d;
  d["events"] = c.events;
  d["inserted"] = c.inserted;
  d["updated"] = c.updated;
  d["deleted"] = c.deleted;
  d["key_updates"] = c.key_updates;
  d["unknown_deletes"] = c.unknown_deletes;
  d["truncates"] = c.truncates;
  d["already_applied"] = c.already_applied;
  d["other_table"] = c.other_table;
  d["tombstones"] = c.tombstones;
  d["bad_skipped"] = c.bad_skipped;
  d["rows"] = c.rows;
  return d;
}

}  // namespace

void bind_state(py::module_& m) {
  m.def(
      "state_init",
      [](const std::string& path, const std::string& key, const std::string& table, std::optional<std::string> from,
         std::optional<std::string> input_format, std::optional<std::string> delimiter, bool header,
         std::optional<std::string> query, std::optional<std::string> max_memory) {
        StateInitOptions o;
        o.key = key;
        o.table = table;
        o.from = from;
        if (input_format) o.read.format = parse_input_format(*input_format);
        if (delimiter) o.read.delimiter = parse_delimiter(*delimiter);
        o.read.header = header;
        o.read.query = query;
        if (max_memory) o.read.max_memory = MemoryLimit::parse(*max_memory);
        py::gil_scoped_release release;
        init_state(path, o);
      },
      py::arg("path"), py::arg("key"), py::arg("table"), py::arg("from_"), py::arg("input_format"), py::arg("delimiter"),
      py::arg("header"), py::arg("query"), py::arg("max_memory"));
  m.def(
      "state_apply",
      [](const std::string& path, const std::vector<std::string>& inputs, uint64_t skip_bad) {
        ApplyCounts c;
        {
          py::gil_scoped_release release;
          c = apply_state(path, inputs, ApplyOptions{skip_bad});
        }
        return counts_dict(c);
      },
      py::arg("path"), py::arg("inputs"), py::arg("skip_bad"));
  m.def(
      "state_apply_text",
      [](const std::string& path, const py::bytes& events, const std::string& name, uint64_t skip_bad) {
        std::string_view text = events;
        ApplyCounts c;
        {
          py::gil_scoped_release release;
          c = apply_state_text(path, text, name, ApplyOptions{skip_bad});
        }
        return counts_dict(c);
      },
      py::arg("path"), py::arg("events"), py::arg("name"), py::arg("skip_bad"));
  m.def("state_info", [](const std::string& path) {
    StateInfo info = state_info(path);
    py::dict d;
    d["version"] = info.version;
    d["rows"] = info.rows;
    d["columns"] = info.columns;
    d["types"] = info.types;
    d["key"] = info.key;
    d["integer_keys"] = info.integer_keys;
    d["table"] = info.table;
    d["position"] = info.position ? py::object(py::make_tuple(info.position->first, info.position->second)) : py::none();
    d["events_applied"] = info.events_applied;
    d["file_bytes"] = info.file_bytes;
    return d;
  });
}

}  // namespace tsum::python
