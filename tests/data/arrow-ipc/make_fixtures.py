"""Writes the Arrow IPC fixtures of tests/io/arrow/ipc (committed, so the C++ tests need
no Python): small tables as Arrow IPC files and streams, uncompressed, LZ4 and ZSTD, and
each table's Parquet twin (written by pyarrow, read by tsum's own Parquet reader) as the
tests' oracle: a column must read the same from both.

Recorded run (regenerate the same way; the files are deterministic for one pyarrow):
    Python 3.11.7, pyarrow 26.0.1
    /work/ci1/repo/.venv/bin/python tests/data/arrow-ipc/make_fixtures.py
"""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
BATCH_ROWS = 3  # several batches per table


def primitives() -> pa.Table:
    """Every primitive type tsum reads, with NULLs."""
    n = [1, None, -3, 4, 5, 1, None, 8]
    u = [1, None, 3, 200, 5, 1, None, 8]
    return pa.table({
        "i8": pa.array(n, pa.int8()),
        "i16": pa.array([x * 1000 if x else x for x in n], pa.int16()),
        "i32": pa.array([x * 100000 if x else x for x in n], pa.int32()),
        "i64": pa.array([x * 10**12 if x else x for x in n], pa.int64()),
        "u8": pa.array(u, pa.uint8()),
        "u16": pa.array(u, pa.uint16()),
        "u32": pa.array([x * 10**7 if x else x for x in u], pa.uint32()),
        "u64": pa.array([x * 9 * 10**16 if x else x for x in u], pa.uint64()),
        "f32": pa.array([0.5, None, -1.25, 3.0, 1e20, 0.5, float("nan"), 7.75], pa.float32()),
        "f64": pa.array([0.1, None, -2.5, float("inf"), 1e-300, 0.1, 3.0, -0.0], pa.float64()),
        "flag": pa.array([True, False, None, True, True, False, None, True]),
        "day": pa.array([dt.date(2020, 1, 1), None, dt.date(1969, 12, 31), dt.date(2000, 2, 29),
                         dt.date(2020, 1, 1), dt.date(1970, 1, 1), None, dt.date(2024, 6, 30)], pa.date32()),
        "at": pa.array([dt.datetime(2020, 1, 1, 12, 30), None, dt.datetime(1999, 12, 31, 23, 59, 59, 5),
                        dt.datetime(2020, 1, 1, 12, 30), dt.datetime(2001, 1, 1), None,
                        dt.datetime(2020, 1, 1, 12, 30), dt.datetime(1970, 1, 1)], pa.timestamp("us")),
        "at_utc": pa.array([0, 1, None, 1_600_000_000_000, 2, 0, None, 5], pa.timestamp("ms", tz="UTC")),
        "clock": pa.array([0, 3_600_000_000, None, 45_296_000_001, 0, 1, None, 86_399_999_999], pa.time64("us")),
        "price": pa.array([decimal.Decimal("12.30"), None, decimal.Decimal("-0.05"), decimal.Decimal("1.00"),
                           decimal.Decimal("12.30"), decimal.Decimal("0.00"), None, decimal.Decimal("99999999.99")],
                          pa.decimal128(10, 2)),
        "name": pa.array(["ann", "bob", None, "", "ann", "é ü", None, "bob"]),
        "raw": pa.array([b"x", None, b"yz", b"", b"x", b"w", None, b"yz"], pa.binary()),
    })


def strings() -> pa.Table:
    """The string layouts and dictionaries."""
    words = ["apple", None, "a string longer than twelve bytes", "", "apple", "kiwi", None,
             "another string longer than twelve"]
    return pa.table({
        "utf8": pa.array(words, pa.string()),
        "large": pa.array(words, pa.large_string()),
        "view": pa.array(words, pa.string_view()),
        "bview": pa.array([w.encode() if w is not None else None for w in words], pa.binary_view()),
        "dict8": pa.array(words, pa.string()).dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string())),
        "dict32": pa.array(words, pa.string()).dictionary_encode(),
        "dict_int": pa.array([3, 1, None, 3, 3, 2, 1, None], pa.int64()).dictionary_encode(),
    })


def nested() -> pa.Table:
    """Flat columns around nested ones, which tsum reads only when they are left out."""
    return pa.table({
        "a": pa.array([1, 2, None, 4, 5], pa.int64()),
        "list": pa.array([[1, 2], None, [], [3], [4, 5, 6]], pa.list_(pa.int64())),
        "s": pa.array([{"x": 1, "y": "p"}, None, {"x": 3, "y": None}, {"x": 4, "y": "q"}, {"x": 5, "y": "r"}]),
        "u": pa.UnionArray.from_dense(pa.array([0, 1, 0, 1, 0], pa.int8()), pa.array([0, 0, 1, 1, 2], pa.int32()),
                                      [pa.array([10, 11, 12]), pa.array(["p", "q"])], ["n", "t"]),
        "ree": pa.RunEndEncodedArray.from_arrays(pa.array([2, 5], pa.int32()), pa.array(["r", "s"])),
        "b": pa.array(["x", "y", None, "x", "z"]),
    })


def flat_twin(table: pa.Table) -> pa.Table:
    """The table as Parquet stores it: views and large strings as plain ones."""
    columns = {}
    for field, column in zip(table.schema, table.columns):
        if field.type == pa.string_view() or field.type == pa.large_string():
            column = column.cast(pa.string())
        elif field.type == pa.binary_view():
            column = column.cast(pa.binary())
        columns[field.name] = column
    return pa.table(columns)


def write_file(table: pa.Table, path: Path, compression: str | None) -> None:
    options = ipc.IpcWriteOptions(compression=compression)
    with ipc.new_file(path, table.schema, options=options) as writer:
        writer.write_table(table, max_chunksize=BATCH_ROWS)


def write_stream(table: pa.Table, path: Path, compression: str | None = None, legacy: bool = False) -> None:
    options = ipc.IpcWriteOptions(compression=compression, use_legacy_format=legacy)
    with ipc.new_stream(path, table.schema, options=options) as writer:
        writer.write_table(table, max_chunksize=BATCH_ROWS)


def main() -> None:
    for name, table in [("primitives", primitives()), ("strings", strings())]:
        write_file(table, HERE / f"{name}.arrow", None)
        write_file(table, HERE / f"{name}-lz4.arrow", "lz4")
        write_file(table, HERE / f"{name}-zstd.arrow", "zstd")
        write_stream(table, HERE / f"{name}.arrows")
        write_stream(table, HERE / f"{name}-zstd.arrows", "zstd")
        pq.write_table(flat_twin(table), HERE / f"{name}.parquet", compression="none")
    write_stream(primitives(), HERE / "primitives-legacy.arrows", legacy=True)

    table = nested()
    write_file(table, HERE / "nested.arrow", None)
    pq.write_table(table.select(["a", "b"]), HERE / "nested-flat.parquet", compression="none")

    # A stream whose dictionary changes between batches (a replacement dictionary).
    first = pa.table({"d": pa.array(["p", "q", "p"]).dictionary_encode(), "n": [1, 2, 3]})
    second = pa.table({"d": pa.array(["r", None, "p"]).dictionary_encode(), "n": [4, 5, 6]})
    with ipc.new_stream(HERE / "dictionary-replaced.arrows", first.schema) as writer:
        writer.write_table(first)
        writer.write_table(second)
    # The same as a delta: the second batch's dictionary adds to the first (refused).
    grown = pa.DictionaryArray.from_arrays(pa.array([2, 0, 1], pa.int32()), pa.array(["p", "q", "r"]))
    third = pa.table({"d": grown, "n": [4, 5, 6]})
    options = ipc.IpcWriteOptions(emit_dictionary_deltas=True)
    with ipc.new_stream(HERE / "dictionary-delta.arrows", first.schema, options=options) as writer:
        writer.write_table(pa.table({"d": pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array(["p", "q"])),
                                     "n": [1, 2, 3]}))
        writer.write_table(third)
    pq.write_table(pa.concat_tables([first, second]).combine_chunks().cast(
        pa.schema([("d", pa.string()), ("n", pa.int64())])), HERE / "dictionary-replaced.parquet", compression="none")


if __name__ == "__main__":
    main()
