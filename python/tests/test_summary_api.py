"""The Summary object: sequence, totals, limit, renderings (the CLI's, byte for byte)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

import tsum
from conftest import REPO, patients_frame, read_vega, vega_data_dir


def cli_binary() -> Path:
    """The CLI built next to the package: PYTHONPATH is <build>/python, the CLI <build>/cli/tsum."""
    path = Path(os.environ.get("TSUM_CLI", Path(tsum.__file__).resolve().parents[2] / "cli" / "tsum"))
    if not path.is_file():
        pytest.fail(f"the CLI {path} is not built (cmake --build <build> --target tsum_cli, or set TSUM_CLI)", pytrace=False)
    return path


def test_sequence_and_totals():
    summary = tsum.summarize(patients_frame(), cost="tsum-dask")
    assert isinstance(summary, Sequence)
    assert len(summary) == 2 and summary[-1] is summary[1]
    assert [p.pattern for p in summary[:1]] == [{"gender": "M", "age": "adult"}]
    assert isinstance(summary[0].saving, int) and isinstance(summary.total_saving, int)
    assert summary.total_saving == 3313 + 1684
    assert summary.total_patterns == 2
    assert summary.table_bits > 0
    assert summary.input == "<DataFrame>"
    assert summary.dask_stats is None


def test_limit_keeps_totals():
    summary = tsum.summarize(patients_frame(), cost="tsum-dask", limit=1)
    assert len(summary) == 1 and summary.total_patterns == 2
    assert summary.total_saving == 3313 + 1684


def test_to_pandas():
    frame = tsum.summarize(patients_frame(), cost="tsum-dask").to_pandas()
    assert list(frame.columns) == ["pattern", "saving", "rows", "coverage", "cumulative_coverage"]
    assert list(frame.index) == [1, 2] and frame.index.name == "rank"
    assert frame.loc[2, "pattern"] == {"age": "child", "blood_pressure": "low"}
    assert list(frame["saving"]) == [3313, 1684]


def test_html_is_escaped():
    frame = pd.DataFrame({"<b>": ["<script>&"] * 6, "y": ["z"] * 6})
    page = tsum.summarize(frame)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;&amp;" in page and "&lt;b&gt;" in page


def test_repr_html_is_the_report_pattern_table():
    summary = tsum.summarize(read_vega("cars.json"), limit=3)
    page, cell = summary.to_html(), summary._repr_html_()
    start = page.index('<div class="table-wrap"><table class="patterns">')
    table = page[start : page.index("</table></div>", start) + len("</table></div>")]
    assert table in cell and table.count("<tr>") == 4  # header + 3 patterns
    assert "Showing the top 3 of" in cell
    # The report's styles, every rule scoped to this output: the notebook keeps its own.
    import re

    style = re.search(r"<style>(.*?)</style>", cell, re.S).group(1)
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", style.replace("@media (prefers-color-scheme:dark){", ""))
    assert rules and all(
        all(sel.strip().startswith(".tsum-summary") for sel in rule.split(",")) for rule in rules
    ), rules
    assert "<html" not in cell and "<body" not in cell
    empty = tsum.summarize({"x": ["a", "b", "c"]})._repr_html_()
    assert "No pattern saves any bits." in empty


def test_str_is_the_cli_text_header():
    text = str(tsum.summarize(patients_frame()))
    assert text.splitlines()[0] == "<DataFrame>: 10 rows \u00d7 3 columns, cost model paper, search greedy, 2 patterns, saving 314.8 of 800.0 bits (39.4 %)"
    assert "gender = M, age = adult" in text


def test_json_document():
    doc = json.loads(tsum.summarize(patients_frame(), cost="tsum-js").to_json())
    assert doc["input"] == "<DataFrame>" and doc["cost_model"] == "tsum-js"
    assert doc["patterns"][1]["saving"] == 248.35614381022526


@pytest.mark.parametrize("cost", ["paper", "tsum-dask", "tsum-js"])
def test_path_outputs_equal_the_cli(cost):
    path = str(REPO / "examples" / "patients.csv")
    cli = cli_binary()
    summary = tsum.summarize(path, cost=cost)
    for fmt, ours in [("json", summary.to_json()), ("text", str(summary)), ("markdown", summary.to_markdown())]:
        out = subprocess.run([cli, path, "--cost", cost, "--format", fmt], check=True, capture_output=True, text=True)
        assert ours == out.stdout, fmt


def test_threads_never_change_the_answer():
    frame = read_vega("birdstrikes.csv")
    one = tsum.summarize(frame, threads=1).to_json()
    assert tsum.summarize(frame, threads=2).to_json() == one
    assert tsum.summarize(frame).to_json() == one


def test_pandas_equals_cli_reader_on_text_columns():
    """A CSV read by pandas as text (dtype=str, NaN for empty fields) gives the CLI
    reader's answer under the paper model, which does not look at column types."""
    path = vega_data_dir() / "birdstrikes.csv"
    from_pandas = tsum.summarize(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]))
    from_path = tsum.summarize(path)
    assert [(p.pattern, p.saving, p.rows) for p in from_pandas] == [(p.pattern, p.saving, p.rows) for p in from_path]
