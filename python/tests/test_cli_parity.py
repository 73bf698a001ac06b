"""The package and the CLI give the same bytes: the same preprocessing (types, bins,
identifier-like columns), the same summary, the same renderings.

The CLI is $TSUM_CLI (the Makefile sets it), else the one built next to the package
(<build>/cli/tsum), run on the same file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import tsum
from conftest import vega_data_dir

COSTS = ["paper", "tsum-dask", "tsum-js"]
TABLES = ["cars.json", "birdstrikes.csv", "seattle-weather.csv", "movies.json"]
FORMATS = {"json": "to_json", "text": "__str__", "markdown": "to_markdown", "csv": "to_csv", "html": "to_html"}


def cli_path() -> Path:
    # PYTHONPATH=<build>/python: the package is <build>/python/tsum, the CLI <build>/cli/tsum.
    cli = Path(os.environ.get("TSUM_CLI") or Path(tsum.__file__).resolve().parents[2] / "cli" / "tsum")
    if not cli.is_file():
        pytest.fail(f"the CLI {cli} is not built (cmake --build <build> --target tsum_cli)", pytrace=False)
    return cli


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli_path()), "--quiet", *args], capture_output=True)


def cli_output(path: Path, *args: str) -> str:
    """The CLI's output, decoded but not newline-translated (CSV has CRLF line ends)."""
    result = run_cli(*args, str(path))
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def cli_error(path: Path, *args: str) -> str:
    """The CLI's one-line error message, without the "tsum: error: " prefix."""
    result = run_cli(*args, str(path))
    assert result.returncode != 0
    line = result.stderr.decode().strip().splitlines()[-1]
    assert line.startswith("tsum: error: "), result.stderr
    return line[len("tsum: error: "):]


def without_timing(page: str) -> str:
    """The HTML report's only run-dependent parts: when it was made and how long it took."""
    return re.sub(r"<li>(generated|took) <b>[^<]*</b></li>", "", page)


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("bins", [None, "none"])
def test_json_equals_the_cli(name, cost, bins):
    path = vega_data_dir() / name
    args = ["--format", "json", "--cost", cost] + (["--bins", bins] if bins else [])
    options = {"bins": bins} if bins else {}
    if bins and cost != "paper":
        with pytest.warns(UserWarning, match="apply only under --cost paper"):
            summary = tsum.summarize(path, cost=cost, **options)
    else:
        summary = tsum.summarize(path, cost=cost, **options)
    assert summary.to_json() == cli_output(path, *args)
    assert len(summary) > 0


def test_default_summary_is_preprocessed():
    """The default (paper) summary bins numbers and dates and leaves identifiers out,
    as the CLI does: a check that the parity above is not parity of doing nothing."""
    summary = tsum.summarize(vega_data_dir() / "movies.json")
    raw = tsum.summarize(vega_data_dir() / "movies.json", bins="none", keep_id_columns=True)
    report = json.loads(summary.to_json())
    assert len(report["bins"]) >= 5 and [e["column"] for e in report["excluded_columns"]] == ["Title"]
    assert "bins" not in json.loads(raw.to_json()) and "Title" in raw.columns


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", ["cars.json", "seattle-weather.csv"])
def test_every_format_equals_the_cli(name, fmt):
    path = vega_data_dir() / name
    summary = tsum.summarize(path)
    rendered = getattr(summary, FORMATS[fmt])()
    expected = cli_output(path, "--format", fmt)
    if fmt == "html":
        rendered, expected = without_timing(rendered), without_timing(expected)
    assert rendered == expected


@pytest.mark.parametrize(
    "kwargs,args",
    [
        (dict(bins=3), ["--bins", "3"]),
        (dict(bins={"Horsepower": 4, "Miles_per_Gallon": "none"}), ["--bins", "Horsepower=4", "--bins", "Miles_per_Gallon=none"]),
        (dict(bins={None: "none", "Weight_in_lbs": 5}), ["--bins", "none,Weight_in_lbs=5"]),
        (dict(types={"Cylinders": "string", "Year": "string"}), ["--type", "Cylinders=string", "--type", "Year=string"]),
        (dict(keep_id_columns=True), ["--keep-id-columns"]),
        (dict(keep_id_columns=True, bins="none", columns=["Name", "Origin", "Cylinders"]),
         ["--keep-id-columns", "--bins", "none", "--columns", "Name,Origin,Cylinders"]),
        (dict(exclude="Name", limit=3), ["--exclude", "Name", "--limit", "3"]),
        (dict(exclude=["Origin", "Name"], cost="tsum-js", limit=2),
         ["--exclude", "Origin,Name", "--cost", "tsum-js", "--limit", "2"]),
    ],
)
def test_options_equal_the_cli(kwargs, args):
    path = vega_data_dir() / "cars.json"
    assert tsum.summarize(path, **kwargs).to_json() == cli_output(path, "--format", "json", *args)


def test_excluded_columns_are_reported():
    """Columns left out with exclude= are named in the summary after those preparation
    leaves out, under every cost model, each once, in the order given."""
    path = vega_data_dir() / "cars.json"
    for cost in ("paper", "tsum-dask"):
        report = json.loads(tsum.summarize(path, cost=cost, exclude=["Origin", "Name", "Origin"], limit=1).to_json())
        user = [e for e in report["excluded_columns"] if e["reason"] == "excluded (--exclude)"]
        assert [e["column"] for e in user] == ["Origin", "Name"]
        assert "Origin" not in report["columns"] and "Name" not in report["columns"]


def test_pandas_text_frame_equals_the_cli():
    """A CSV read by pandas as text (NULL for empty fields only) is the CLI's table:
    the same preprocessing and summary; only the input's name differs."""
    path = vega_data_dir() / "birdstrikes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for options, args in [({}, []), ({"bins": "none"}, ["--bins", "none"])]:
        expected = cli_output(path, "--format", "json", *args).replace(
            f'"input":"{path}"', '"input":"<DataFrame>"', 1
        )
        assert tsum.summarize(frame, **options).to_json() == expected


@pytest.mark.parametrize(
    "kwargs,args",
    [
        (dict(bins="lots"), ["--bins", "lots"]),
        (dict(bins=1), ["--bins", "1"]),
        (dict(bins={"Horsepowr": 4}), ["--bins", "Horsepowr=4"]),
        (dict(bins={"Origin": 4}), ["--bins", "Origin=4"]),
        (dict(types={"Year": "time"}), ["--type", "Year=time"]),
        (dict(types={"Yaer": "date"}), ["--type", "Yaer=date"]),
    ],
)
def test_option_errors_carry_the_cli_message(kwargs, args):
    path = vega_data_dir() / "cars.json"
    message = cli_error(path, *args)
    with pytest.raises(ValueError) as raised:
        tsum.summarize(path, **kwargs)
    assert str(raised.value) == message
    frame = pd.read_json(path)  # the same message for in-memory data
    with pytest.raises(ValueError) as raised:
        tsum.summarize(frame, **kwargs)
    assert str(raised.value) == message


def test_option_type_errors():
    path = vega_data_dir() / "cars.json"
    with pytest.raises(TypeError, match="bins must be"):
        tsum.summarize(path, bins=2.5)
    with pytest.raises(TypeError, match="bins must map column names"):
        tsum.summarize(path, bins={3: 4})
    with pytest.raises(TypeError, match="types must be a dict"):
        tsum.summarize(path, types=["Year"])
    with pytest.raises(TypeError, match="keep_id_columns must be a bool"):
        tsum.summarize(path, keep_id_columns="yes")


def test_read_options_equal_the_cli(tmp_path):
    """--delimiter (also "tab"), --no-header and --input-format, and their errors."""
    source = (vega_data_dir() / "seattle-weather.csv").read_text()
    tsv = tmp_path / "weather.txt"
    tsv.write_text(source.replace(",", "\t"))
    expected = cli_output(tsv, "--format", "json", "--delimiter", "tab", "--input-format", "csv")
    assert tsum.summarize(tsv, delimiter="tab", input_format="csv").to_json() == expected
    assert tsum.summarize(tsv, delimiter="\t", input_format="csv").to_json() == expected
    headless = tmp_path / "headless.csv"
    headless.write_text(source.split("\n", 1)[1])
    assert tsum.summarize(headless, header=False).to_json() == cli_output(headless, "--format", "json", "--no-header")
    message = cli_error(tsv, "--delimiter", "ab")
    with pytest.raises(ValueError) as raised:
        tsum.summarize(tsv, delimiter="ab")
    assert str(raised.value) == message


def test_max_memory_equals_the_cli(tmp_path):
    """max_memory= is --max-memory: the same stop, the same message, for paths."""
    path = tmp_path / "cells.csv"
    path.write_text("a,b,c,d\n" + "".join(f"{r % 10},{r % 7},{r % 3},{r % 5}\n" for r in range(1_000_000)))
    # The limit counts the whole process, and this one already holds Python, pandas and
    # Dask: it may stop at the first measurement rather than at the CLI's estimate.
    prefix = f"{path}: needs more memory than the limit of 2 MiB (--max-memory): "
    assert cli_error(path, "--max-memory", "2M").startswith(prefix)
    for limit in ["2M", 2 * 1024 * 1024]:
        with pytest.raises(ValueError) as raised:
            tsum.summarize(path, max_memory=limit)
        assert str(raised.value).startswith(prefix)
        assert str(raised.value).endswith("; raise --max-memory or summarize fewer columns (--columns)")
    assert tsum.summarize(path, max_memory="1G", bins="none").to_json() == cli_output(
        path, "--format", "json", "--max-memory", "1G", "--bins", "none")
    bad = cli_error(path, "--max-memory", "lots")
    with pytest.raises(ValueError) as raised:
        tsum.summarize(path, max_memory="lots")
    assert str(raised.value) == bad
    with pytest.raises(TypeError, match="max_memory must be"):
        tsum.summarize(path, max_memory=1.5)
    with pytest.raises(TypeError, match="apply to paths only"):
        tsum.summarize({"a": ["x"]}, max_memory="1G")
