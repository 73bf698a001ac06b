"""Arrow in: pyarrow, polars and Arrow-backed pandas give the CLI's summary of the CSV.

The Arrow reader (src/io/arrow) reads the producer's buffers through the Arrow C stream
interface. Its contract is that a table summarizes the same whichever way it arrives: a
CSV file through the CLI, or the same table in memory as a pyarrow Table, a polars
DataFrame, a RecordBatchReader of small batches, or pandas with Arrow dtypes. Each test
below compares full JSON reports, byte for byte, under all three cost models.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import tsum
from conftest import vega_data_dir
from test_cli_parity import cli_output

COSTS = ["paper", "tsum-dask", "tsum-js"]

# vega-datasets tables whose every column, read by pyarrow with its inferred type, prints
# back as the file's own text (checked by csv_table below, with pyarrow's own cast):
# integers, decimals in shortest form, ISO dates, strings.
REAL_TABLES = [
    "birdstrikes.csv",
    "disasters.csv",
    "flights-airport.csv",
    "iowa-electricity.csv",
    "la-riots.csv",
    "population_engineers_hurricanes.csv",
    "stocks.csv",
]


def as_cli_report(report: str, path: Path) -> str:
    """A report from Python, named as the CLI names the file."""
    return report.replace(json.dumps("<DataFrame>"), json.dumps(str(path)), 1)


def csv_table(path: Path) -> pa.Table:
    """The CSV as pyarrow reads it (types inferred; only empty fields are NULL, as the
    CLI reads them), after checking that every typed column prints back as the file's
    text, so that the typed table and the file hold the same cells."""
    convert = pacsv.ConvertOptions(null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True)
    typed = pacsv.read_csv(path, convert_options=convert)
    as_text = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in typed.column_names},
            null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True,
        ),
    )
    for name in typed.column_names:
        assert typed[name].cast(pa.string()).equals(as_text[name]), f"{path.name}: column {name} does not print back"
    return typed


def arrow_forms(table: pa.Table) -> dict:
    """The same table as every kind of Arrow input summarize() takes."""
    return {
        "pyarrow": table,
        "batches of 97 rows": lambda: table.to_reader(max_chunksize=97),
        "polars": pl.from_arrow(table),
        "pandas ArrowDtype": table.to_pandas(types_mapper=pd.ArrowDtype),
        "dictionary strings": table.cast(
            pa.schema([pa.field(f.name, pa.dictionary(pa.int32(), f.type)) if pa.types.is_string(f.type) else f
                       for f in table.schema])
        ),
    }


def check_against_cli(path: Path, table: pa.Table, cost: str) -> None:
    expected = cli_output(path, "--format", "json", "--cost", cost)
    for kind, data in arrow_forms(table).items():
        data = data() if callable(data) else data
        got = tsum.summarize(data, cost=cost).to_json()
        assert as_cli_report(got, path) == expected, f"{path.name} as {kind}, cost {cost}"


@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("name", REAL_TABLES)
def test_real_table_through_arrow_equals_cli_on_its_csv(name, cost):
    path = vega_data_dir() / name
    check_against_cli(path, csv_table(path), cost)


def generated_table(seed: int, rows: int) -> pa.Table:
    """Mixed types with NULLs, few distinct values (so that patterns exist)."""
    rng = random.Random(seed)

    def pick(values, null_share=0.1):
        return [None if rng.random() < null_share else rng.choice(values) for _ in range(rows)]

    return pa.table({
        "name": pa.array(pick(["ada", "grace", "alan", "Ünïcode ✓", "a, quoted \"one\""]), pa.string()),
        "big": pa.array(pick(["x" * 20 + "long value", "short"]), pa.large_string()),
        "count": pa.array(pick([-3, 0, 7, 1000000007]), pa.int64()),
        "small": pa.array(pick([1, 2, 250]), pa.uint8()),
        "share": pa.array(pick([0.25, 1.5, -2.75, 100.0]), pa.float64()),
        "flag": pa.array(pick([True, False]), pa.bool_()),
        "day": pa.array(pick([0, 18262, -1]), pa.int32()).cast(pa.date32()),
        "stamp": pa.array(pick([0, 1583020800, 1583020801]), pa.int64()).cast(pa.timestamp("s")),
        "empty": pa.nulls(rows, pa.string()),
    })


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cost", COSTS)
def test_generated_table_equals_cli_on_the_csv_arrow_writes(tmp_path, seed, cost):
    table = generated_table(seed, 3000)
    path = tmp_path / f"generated-{seed}.csv"
    pacsv.write_csv(table, path)
    check_against_cli(path, table, cost)


def test_pandas_str_and_object_columns_agree(tmp_path):
    # pandas 3's default str dtype is Arrow-backed (read by the Arrow reader); object
    # columns go through the numpy encoders. The same strings give the same report.
    frame = pd.DataFrame({"a": ["x", "y", None, "x"] * 50, "b": ["p", "p", "q", None] * 50})
    assert isinstance(frame["a"].dtype, pd.StringDtype) and frame["a"].dtype.storage == "pyarrow"
    for cost in COSTS:
        as_object = tsum.summarize(frame.astype(object), cost=cost).to_json()
        assert tsum.summarize(frame, cost=cost).to_json() == as_object
        assert tsum.summarize(frame.astype("string[pyarrow]"), cost=cost).to_json() == as_object


def test_parquet_file_and_the_table_read_from_it_agree(tmp_path):
    # The Arrow reader gives typed values the Parquet reader's text, so a Parquet file
    # through the CLI and pyarrow's reading of it summarize the same.
    import pyarrow.parquet as pq

    table = generated_table(4, 2000).drop_columns(["empty"])
    path = tmp_path / "generated.parquet"
    pq.write_table(table, path)
    for cost in COSTS:
        expected = cli_output(path, "--format", "json", "--cost", cost)
        assert as_cli_report(tsum.summarize(pq.read_table(path), cost=cost).to_json(), path) == expected


def test_columns_and_exclude_select_arrow_columns():
    table = generated_table(5, 500)
    selected = tsum.summarize(table, columns=["name", "flag"])
    assert selected.columns == ["name", "flag"]
    assert tsum.summarize(table.select(["name", "flag"])).to_json() == selected.to_json()
    with pytest.raises(tsum.Error, match=r"unknown column 'nme' \(did you mean 'name'\?\)"):
        tsum.summarize(table, columns=["nme"])


UNSUPPORTED_TAIL = (", which tsum cannot summarize (it reads numbers, strings, booleans, dates, times, timestamps, "
                    "decimals and dictionaries of those); leave it out")


@pytest.mark.parametrize(
    "column, type_name",
    [
        (pa.array([[1, 2], [3]]), "list<item: int64>"),
        (pa.array([{"x": 1.5, "label": "a"}, {"x": 2.0, "label": "b"}]), "struct<x: double, label: string>"),
        (pa.array([b"\x00" * 16, b"\x01" * 16], pa.uuid()), "extension<arrow.uuid>"),
        (pa.array([1, 2], pa.duration("s")), "duration[s]"),
    ],
)
def test_unsupported_arrow_type_names_column_and_type(column, type_name):
    table = pa.table({"ok": ["a", "b"], "bad": column})
    message = f"<DataFrame>: column 'bad' has type {type_name}{UNSUPPORTED_TAIL}"
    with pytest.raises(tsum.Error) as error:
        tsum.summarize(table)
    assert str(error.value) == message
    # The same column from polars and from pandas' Arrow dtypes.
    if type_name.startswith(("list", "struct")):
        with pytest.raises(tsum.Error, match="column 'bad' has type"):
            tsum.summarize(pl.from_arrow(table))
        with pytest.raises(tsum.Error, match="column 'bad' has type"):
            tsum.summarize(table.to_pandas(types_mapper=pd.ArrowDtype))
    # Left out, it is never read.
    assert tsum.summarize(table, exclude="bad").columns == ["ok"]


def test_producer_failing_mid_stream_raises_its_error():
    schema = pa.schema([("s", pa.string())])

    def batches():
        yield pa.record_batch([pa.array(["a", "b"])], schema=schema)
        yield pa.record_batch([pa.array(["c"])], schema=schema)
        raise RuntimeError("the source went away")

    reader = pa.RecordBatchReader.from_batches(schema, batches())
    with pytest.raises(tsum.Error) as error:
        tsum.summarize(reader)
    text = str(error.value)
    assert text.startswith("<DataFrame>: the Arrow stream failed after 3 rows: "), text
    assert "the source went away" in text
    # The interpreter is intact and the next stream reads normally.
    assert tsum.summarize(pa.table({"s": ["a", "a", "b"]})).rows == 3


def test_stream_is_consumed_batch_by_batch():
    # A RecordBatchReader over a generator: the reader pulls batches one by one and
    # releases each once encoded, so Arrow memory stays at a few batches however long
    # the stream is.
    schema = pa.schema([("k", pa.string())])
    batch_bytes, allocated = [], []

    def batches():
        for i in range(20):
            batch = pa.record_batch([pa.array(["a", "b", "a", f"v{i % 3}"] * 50000)], schema=schema)
            batch_bytes.append(batch.nbytes)
            allocated.append(pa.total_allocated_bytes())
            yield batch
            del batch

    before = pa.total_allocated_bytes()
    summary = tsum.summarize(pa.RecordBatchReader.from_batches(schema, batches()), cost="tsum-dask")
    assert summary.rows == 20 * 200000
    assert max(allocated) - before < 4 * max(batch_bytes), (allocated, batch_bytes)
    whole = pa.table({"k": sum((["a", "b", "a", f"v{i % 3}"] * 50000 for i in range(20)), [])})
    assert summary.to_json() == tsum.summarize(whole, cost="tsum-dask").to_json()


def test_invalid_utf8_in_binary_column_is_an_error():
    table = pa.table({"b": pa.array([b"ok", b"\xff\xfe"], pa.binary())})
    with pytest.raises(tsum.Error, match=r"column 'b', rows 1\.\.2: binary value that is not UTF-8 text"):
        tsum.summarize(table)
    # Binary that is UTF-8 reads as text.
    assert tsum.summarize(pa.table({"b": pa.array([b"x", b"x"], pa.binary())}), cost="tsum-dask")[0].pattern == {"b": "x"}


def test_timestamps_with_a_zone_read_as_utc_wall_time():
    # As the Parquet reader prints a UTC-adjusted timestamp: the UTC wall time, no offset.
    table = pa.table({"t": pa.array([0, 0, 3600], pa.timestamp("s", tz="Europe/Paris"))})
    assert [p.pattern for p in tsum.summarize(table, cost="tsum-dask")] == [{"t": "1970-01-01 00:00:00"}]
