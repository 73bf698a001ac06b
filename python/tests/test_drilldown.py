"""Drill-down from Python: Summary.explain(n) and summarize(where=...) give what
`tsum explain N` and `tsum --where` give."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import polars as pl
import pytest

import tsum
from conftest import REPO, patients_frame
from test_cli_parity import cli_error, cli_output

PATIENTS_CSV = REPO / "examples" / "patients.csv"


def shop(rows: int = 1200) -> pd.DataFrame:
    """A group, a number that follows the group (binned under the paper model), a shade."""
    i = np.arange(rows)
    grp = np.array(list("aab"))[i % 3]
    n = np.where(grp == "a", 0, 500) + (i * 7) % 100
    return pd.DataFrame({"grp": grp, "n": n, "shade": np.where(i % 5 == 0, "dark", "light")})


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_explain_of_a_path_equals_the_cli(fmt):
    explanation = tsum.summarize(PATIENTS_CSV).explain(2)
    rendered = {"json": explanation.to_json, "text": explanation.__str__, "markdown": explanation.to_markdown}[fmt]()
    assert rendered == cli_output(PATIENTS_CSV, "--explain", "2", "--format", fmt)


def test_explain_fields():
    e = tsum.summarize(patients_frame()).explain(1, patients_frame())
    assert e.rank == 1
    assert e.pattern == {"gender": "M", "age": "adult"}
    assert e.where == "gender = 'M' AND age = 'adult'"
    assert (e.rows, e.new_rows, e.table_rows) == (5, 5, 10)
    frame = patients_frame()
    for row, values in e.sample.items():
        assert values == {c: str(frame[c].iloc[row - 1]) for c in frame.columns}
    shares = e.context["blood_pressure"]
    assert shares and all(isinstance(v, tsum.ValueShare) for v in shares)
    assert sum(v.rows for v in shares) <= 5
    assert json.loads(e.to_json())["where"] == e.where


@pytest.mark.parametrize("form", ["pandas", "polars"])
def test_each_patterns_where_selects_its_rows(form):
    data = shop() if form == "pandas" else pl.from_pandas(shop())
    summary = tsum.summarize(data)
    ranges = 0
    for pattern in summary:
        e = summary.explain(pattern.rank, data)
        ranges += " >= " in e.where
        assert tsum.summarize(data, where=e.where).rows == e.rows == pattern.rows
    assert ranges > 0, [p.pattern for p in summary]


def test_where_equals_the_cli(tmp_path):
    path = tmp_path / "shop.csv"
    shop().to_csv(path, index=False)
    condition = "grp = 'a' AND n >= 10 AND shade != 'dark'"
    for data in (path, shop()):
        ours = tsum.summarize(data, where=condition, columns=["n", "shade"]).to_json()
        theirs = cli_output(path, "--where", condition, "--columns", "n,shade", "--format", "json")
        assert ours[ours.index('"rows"'):] == theirs[theirs.index('"rows"'):]


def test_errors():
    summary = tsum.summarize(patients_frame())
    with pytest.raises(TypeError, match="pass the table the summary was made from"):
        summary.explain(1)
    with pytest.raises(tsum.Error) as error:
        summary.explain(3, patients_frame())
    assert str(error.value) == cli_error(PATIENTS_CSV, "--explain", "3")
    with pytest.raises(ValueError, match="1 or more"):
        summary.explain(0, patients_frame())
    with pytest.raises(tsum.Error) as error:
        tsum.summarize(PATIENTS_CSV, where="gendr = 'M'")
    assert str(error.value) == cli_error(PATIENTS_CSV, "--where", "gendr = 'M'")
    with pytest.raises(TypeError, match="where must be a str"):
        tsum.summarize(PATIENTS_CSV, where=3)
