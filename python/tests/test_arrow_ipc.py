"""The CLI reads Arrow IPC (Feather v2 files, IPC streams) as it reads the same data
written as Parquet: `tsum --format json` gives the same summary, whatever the IPC
compression (none, LZ4, ZSTD), the framing (file, stream) or an outer compression
(.arrow.zst). The files are written here by pyarrow; the CLI is $TSUM_CLI (the Makefile
sets it), else <repo>/build/cli/tsum.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

from conftest import REPO, read_vega, vega_data_dir


def cli_path() -> Path:
    cli = Path(os.environ.get("TSUM_CLI") or REPO / "build" / "cli" / "tsum")
    if not cli.is_file():
        pytest.fail(f"the CLI {cli} is not built (cmake --build <build> --target tsum_cli)", pytrace=False)
    return cli


def summary(path: Path, *args: str) -> dict:
    """The CLI's JSON summary, without the field naming the input."""
    result = subprocess.run([str(cli_path()), "--quiet", "--format", "json", *args, str(path)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout)
    assert out.pop("input") == str(path)
    return out


def ipc_variants(table: pa.Table, folder: Path) -> list[Path]:
    """The table as Feather files (uncompressed, LZ4, ZSTD), a stream, and a ZSTD-compressed file."""
    paths = []
    for compression in ["uncompressed", "lz4", "zstd"]:
        path = folder / f"t-{compression}.feather"
        feather.write_feather(table, path, compression=compression, chunksize=max(1, table.num_rows // 3))
        paths.append(path)
    stream = folder / "t.arrows"
    with ipc.new_stream(stream, table.schema) as writer:
        writer.write_table(table, max_chunksize=1000)
    paths.append(stream)
    outer = folder / "t.arrow.zst"
    outer.write_bytes(pa.compress((folder / "t-uncompressed.feather").read_bytes(), codec="zstd", asbytes=True))
    paths.append(outer)
    return paths


def assert_same_as_parquet(table: pa.Table, folder: Path, *args: str) -> dict:
    parquet = folder / "t.parquet"
    pq.write_table(table, parquet)
    want = summary(parquet, *args)
    for path in ipc_variants(table, folder):
        assert summary(path, *args) == want, path.name
    return want


def planted() -> pa.Table:
    """A pattern planted in 40 % of 3,000 rows, over numbers, strings, dates and a dictionary."""
    rng = np.random.default_rng(7)
    n = 3000
    frame = pd.DataFrame({
        "city": rng.choice(["Oslo", "Lima", "Pune", "Kobe"], n),
        "size": rng.integers(0, 50, n),
        "score": rng.normal(10, 3, n).round(2),
        "day": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
        "kind": pd.Categorical(rng.choice(["a", "b", "c"], n)),
    })
    plant = rng.random(n) < 0.4
    frame.loc[plant, "city"] = "Oslo"
    frame.loc[plant, "size"] = 7
    frame.loc[plant, "kind"] = "c"
    frame.loc[rng.random(n) < 0.05, "score"] = np.nan
    return pa.Table.from_pandas(frame, preserve_index=False)


def test_planted_table(tmp_path):
    out = assert_same_as_parquet(planted(), tmp_path)
    assert out["rows"] == 3000
    # Unbinned, the planted pattern is found whole.
    out = assert_same_as_parquet(planted(), tmp_path, "--bins", "none", "--keep-id-columns")
    assert any({"city": "Oslo", "size": "7", "kind": "c"}.items() <= p["pattern"].items() for p in out["patterns"])


@pytest.mark.parametrize("name", ["cars.json", "seattle-weather.csv", "birdstrikes.csv"])
def test_vega_tables(tmp_path, name):
    table = pa.Table.from_pandas(read_vega(name), preserve_index=False)
    assert_same_as_parquet(table, tmp_path, "--bins", "none")


def test_vega_arrow_file_as_published(tmp_path):
    """flights-200k.arrow, an Arrow IPC file as vega-datasets ships it (not written by
    pyarrow here), reads as pyarrow's Parquet copy of it."""
    path = vega_data_dir() / "flights-200k.arrow"
    table = feather.read_table(path)
    pq.write_table(table, tmp_path / "t.parquet")
    assert summary(path) == summary(tmp_path / "t.parquet")


def test_exclude_leaves_a_nested_column_out(tmp_path):
    table = pa.table({"a": ["x", "y", "x"], "l": pa.array([[1], [], None]), "b": [1, 2, 1]})
    path = tmp_path / "t.arrow"
    feather.write_feather(table, path)
    pq.write_table(table.drop_columns(["l"]), tmp_path / "t.parquet")
    excluded = summary(path, "--exclude", "l")
    assert excluded.pop("excluded_columns") == [{"column": "l", "reason": "excluded (--exclude)"}]
    assert excluded == summary(tmp_path / "t.parquet")
    result = subprocess.run([str(cli_path()), "--quiet", str(path)], capture_output=True)
    assert result.returncode == 1
    assert "column 'l' has type list<item: int64>" in result.stderr.decode()
