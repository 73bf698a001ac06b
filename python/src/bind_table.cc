#include <pybind11/stl.h>

#include "bindings.h"
#include "encoders.h"
#include "numpy_util.h"
#include "io/memory_limit.h"
#include "prepare/relabel_column.h"
#include "table_codec.h"
#include "tsum/error.h"
#include "tsum/read.h"
#include "tsum/table_builder.h"

namespace tsum::python {
namespace {

// Checks names the way readers do (TableBuilder: no empty or duplicate names) and that
// every column has `rows` cells.
Table make_table(const std::vector<EncodedColumn>& columns, uint64_t rows) {
  std::vector<std::string> names;
  std::vector<std::shared_ptr<const Column>> parts;
  for (const EncodedColumn& c : columns) {
    names.push_back(c.column->name());
    parts.push_back(c.column);
    if (c.column->rows() != rows) {
      throw DataError("column '" + c.column->name() + "' has " + std::to_string(c.column->rows()) + " values, expected " +
                      std::to_string(rows));
    }
  }
  TableBuilder check(std::move(names));
  return Table(std::move(parts), rows);
}

// The names `keep` and `drop` select from `names`, with the CLI's errors (unknown
// column, did you mean ...): Table::select on a table with no rows.
std::vector<std::string> select_names(const std::vector<std::string>& names, const std::vector<std::string>& keep,
                                      const std::vector<std::string>& drop) {
  return TableBuilder(names).finish(1).select(keep, drop).column_names();
}

const Column& column_named(const Table& table, const std::string& name) {
  ptrdiff_t i = table.find_column(name);
  if (i < 0) throw py::key_error(name);
  return table.column(static_cast<size_t>(i));
}

// What the Dask driver needs of one partition's table: per column, the dictionary as
// one UTF-8 byte string with offsets, the count of each code, and whether every
// non-NULL cell is a number (true when there are none).
py::list dictionaries(const Table& table) {
  py::list out;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    std::string bytes;
    std::vector<uint64_t> offsets{0};
    for (uint32_t code = 1; code <= column.cardinality(); ++code) {
      bytes += column.value(code);
      offsets.push_back(bytes.size());
    }
    std::vector<uint64_t> counts = column.code_counts();
    bool numeric_or_empty = column.type() == ValueType::kNumeric || column.non_null_count() == 0;
    out.append(py::make_tuple(py::bytes(bytes), to_numpy(std::move(offsets)), to_numpy(std::move(counts)),
                              numeric_or_empty));
  }
  return out;
}

// The table with some columns relabelled (relabel_column): `relabels` holds, per
// column, None (unchanged) or (bin_of, labels). Used by the Dask workers to apply the
// driver's bins to their partition (python/src/dask_prepare.h).
Table relabel(const Table& table, const py::list& relabels) {
  if (relabels.size() != table.num_columns()) throw UsageError("relabel: one entry per column expected");
  std::vector<std::shared_ptr<const Column>> columns;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    if (relabels[c].is_none()) {
      columns.push_back(table.column_ptr(c));
      continue;
    }
    auto entry = relabels[c].cast<py::tuple>();
    std::vector<int32_t> bin_of = vector_from_numpy<int32_t>(entry[0]);
    std::vector<std::string> labels = entry[1].cast<std::vector<std::string>>();
    const Column& column = table.column(c);
    if (bin_of.size() != column.cardinality() + size_t{1}) throw UsageError("relabel: bin_of does not match the column");
    for (size_t code = 1; code < bin_of.size(); ++code) {
      if (bin_of[code] != kKeepValue && (bin_of[code] < 0 || static_cast<size_t>(bin_of[code]) >= labels.size())) {
        throw UsageError("relabel: bin index out of range");
      }
    }
    py::gil_scoped_release unlocked;
    columns.push_back(relabel_column(column, bin_of, labels));
  }
  return Table(std::move(columns), table.rows());
}

InputFormat input_format(const std::optional<std::string>& name) {
  return name ? parse_input_format(*name) : InputFormat::kAuto;
}

}  // namespace

void bind_table(py::module_& m) {
  py::class_<EncodedColumn>(m, "Column", "One encoded column (dictionary + codes).")
      .def_property_readonly("name", [](const EncodedColumn& c) { return c.column->name(); })
      .def_property_readonly("rows", [](const EncodedColumn& c) { return c.column->rows(); });

  py::class_<Table>(m, "Table", "A dictionary-encoded table, as the engine sees it.")
      .def(py::init(&make_table), py::arg("columns"), py::arg("rows"))
      .def_property_readonly("rows", &Table::rows)
      .def_property_readonly("column_names", &Table::column_names)
      .def("select", &Table::select, py::arg("keep"), py::arg("drop"))
      .def(
          "values", [](const Table& t, const std::string& name) {
            const Column& column = column_named(t, name);
            std::vector<std::string> values;
            for (uint32_t code = 1; code <= column.cardinality(); ++code) values.emplace_back(column.value(code));
            return values;
          },
          py::arg("column"), "The column's distinct values, in code (first appearance) order.")
      .def(
          "codes", [](const Table& t, const std::string& name) {
            const Column& column = column_named(t, name);
            std::vector<uint32_t> codes(column.rows());
            for (uint64_t r = 0; r < column.rows(); ++r) codes[r] = column.code_at(r);
            return to_numpy(std::move(codes));
          },
          py::arg("column"), "The column's codes (0 = NULL, value i has code i + 1).")
      .def(
          "is_numeric", [](const Table& t, const std::string& name) {
            return column_named(t, name).type() == ValueType::kNumeric;
          },
          py::arg("column"))
      .def("dictionaries", &dictionaries)
      .def("relabel", &relabel, py::arg("relabels"))
      .def(py::pickle([](const Table& t) { return py::bytes(serialize_table(t)); },
                      [](const py::bytes& b) { return deserialize_table(std::string_view(b)); }));

  m.def("encode_objects", [](std::string name, const py::array& a, const py::object& mask) {
        return EncodedColumn{encode_objects(std::move(name), a, mask)};
      }, py::arg("name"), py::arg("values"), py::arg("null_mask") = py::none());
  m.def("encode_numbers", [](std::string name, const py::array& a, const py::object& mask) {
        return EncodedColumn{encode_numbers(std::move(name), a, mask)};
      }, py::arg("name"), py::arg("values"), py::arg("null_mask") = py::none());
  m.def("encode_categorical", [](std::string name, const py::array& codes, const EncodedColumn& categories) {
        return EncodedColumn{encode_categorical(std::move(name), codes, *categories.column)};
      }, py::arg("name"), py::arg("codes"), py::arg("categories"));

  m.def("select_names", &select_names, py::arg("names"), py::arg("keep"), py::arg("drop"));

  m.def(
      "read_tables",
      [](const std::vector<std::string>& paths, const std::optional<std::string>& format,
         const std::optional<std::string>& delimiter, bool header, unsigned threads,
         const std::optional<std::string>& query, const std::optional<std::string>& max_memory,
         const std::vector<std::string>& null_values, const std::optional<std::string>& encoding,
         const std::optional<std::string>& ragged) {
        ReadOptions options;
        options.null_values = null_values;
        if (encoding) options.encoding = parse_encoding(*encoding);
        if (ragged) options.ragged = parse_ragged(*ragged);
        // The readers' warnings (renamed header names, ragged rows) become Python
        // warnings once the read is over and the GIL is held again.
        std::vector<std::string> warnings;
        options.warn = [&warnings](const std::string& message) { warnings.push_back(message); };
        options.query = query;
        if (max_memory) options.max_memory = MemoryLimit::parse(*max_memory, "--max-memory");
        options.format = input_format(format);
        if (delimiter) options.delimiter = parse_delimiter(*delimiter);
        options.header = header;
        options.threads = threads;
        Table table;
        {
          py::gil_scoped_release unlocked;
          table = read_tables(paths, options);
        }
        py::object warn = py::module_::import("warnings").attr("warn");
        for (const std::string& message : warnings) warn(message, py::module_::import("builtins").attr("UserWarning"), 2);
        return table;
      },
      py::arg("paths"), py::arg("format") = py::none(), py::arg("delimiter") = py::none(), py::arg("header") = true,
      py::arg("threads") = 0, py::arg("query") = py::none(), py::arg("max_memory") = py::none(),
      py::arg("null_values") = std::vector<std::string>{}, py::arg("encoding") = py::none(),
      py::arg("ragged") = py::none(),
      "The CLI's readers: several inputs are one table (columns matched by name).");
}

}  // namespace tsum::python
