"""tsum.diff(): the CLI's `tsum diff` from Python: same bytes as the CLI on files, pandas
frames and dicts, --by, to_pandas(), and the bad inputs with the CLI's messages."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tsum


def cli_path() -> Path:
    cli = Path(os.environ.get("TSUM_CLI") or Path(tsum.__file__).resolve().parents[2] / "cli" / "tsum").resolve()
    if not cli.is_file():
        pytest.fail(f"the tsum CLI is not built: {cli}")
    return cli


def frames(seed: int = 0, rows: int = 20000, planted: int = 600):
    """OLD and NEW with independent skewed columns a, b, c; in NEW `planted` rows get
    a = a1, b = b2."""
    rng = np.random.default_rng(seed)
    p = np.array([5, 4, 3, 2, 1]) / 15

    def draw():
        return pd.DataFrame({c: [f"{c}{v}" for v in rng.choice(5, size=rows, p=p)] for c in "abc"})

    old, new = draw(), draw()
    rows_ = rng.choice(rows, size=planted, replace=False)
    new.loc[rows_, "a"] = "a1"
    new.loc[rows_, "b"] = "b2"
    return old, new


def test_planted_segment_is_first_and_to_pandas_has_its_counts():
    old, new = frames()
    d = tsum.diff(old, new)
    table = d.to_pandas()
    assert list(table.columns) == ["by_value", "rank", "status", "pattern", "old_rows", "old_share", "new_rows",
                                   "new_share", "change", "g", "p_value"]
    top = table.iloc[0]
    assert top["pattern"] == {"a": "a1", "b": "b2"}
    assert top["status"] == "up"
    assert top["old_rows"] == int(((old.a == "a1") & (old.b == "b2")).sum())
    assert top["new_rows"] == int(((new.a == "a1") & (new.b == "b2")).sum())
    assert top["change"] == pytest.approx(top["new_share"] - top["old_share"])
    assert list(table["g"]) == sorted(table["g"], reverse=True)
    doc = json.loads(d.to_json())
    assert doc["patterns"][0]["pattern"] == {"a": "a1", "b": "b2"}
    assert "<table>" in d._repr_html_() and "bar new" in d._repr_html_()
    assert str(d).startswith("OLD <old DataFrame>: 20,000 rows; NEW <new DataFrame>: 20,000 rows")


def test_dict_and_frame_give_the_same_diff():
    old, new = frames(seed=1)
    as_dicts = tsum.diff({c: list(old[c]) for c in old}, {c: list(new[c]) for c in new})
    assert as_dicts.to_json() == tsum.diff(old, new).to_json()


@pytest.mark.parametrize("fmt,method", [("json", "to_json"), ("text", "__str__"), ("markdown", "to_markdown"),
                                        ("csv", "to_csv"), ("html", "to_html")])
def test_files_give_the_cli_bytes(tmp_path, fmt, method):
    old, new = frames(seed=2, rows=5000, planted=300)
    new = new[["c", "b", "a"]].assign(extra="x")  # other column order, an added column
    old.to_csv(tmp_path / "old.csv", index=False)
    new.to_csv(tmp_path / "new.csv", index=False)
    cli = subprocess.run([str(cli_path()), "diff", "--format", fmt, "--limit", "5", "old.csv", "new.csv"],
                         cwd=tmp_path, capture_output=True, check=True)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        d = tsum.diff("old.csv", "new.csv", limit=5)
    finally:
        os.chdir(cwd)
    assert getattr(d, method)().encode() == cli.stdout


def test_by_column_each_value_and_one_value():
    rng = np.random.default_rng(3)
    shard = rng.choice(["eu", "us", "apac"], size=9000, p=[0.5, 0.3, 0.2])
    hot = np.where(shard == "apac", rng.random(9000) < 0.5, rng.random(9000) < 0.1)
    df = pd.DataFrame({"shard": shard, "kind": np.where(hot, "hot", "cold"), "n": rng.choice(["x", "y"], size=9000)})
    table = tsum.diff(df, by="shard").to_pandas()
    # Diffs in decreasing row count of the value: eu, us, apac.
    assert list(dict.fromkeys(table["by_value"])) == [v for v in ["eu", "us", "apac"] if v in set(table["by_value"])]
    apac = table[table.by_value == "apac"].iloc[0]
    # kind = hot up and kind = cold down are the same change (equal G); either may lead.
    assert (apac["pattern"], apac["status"]) in [({"kind": "hot"}, "up"), ({"kind": "cold"}, "down")]
    one = json.loads(tsum.diff(df, by="shard=apac").to_json())
    assert one["by"] == "shard" and [d["by"]["value"] for d in one["diffs"]] == ["apac"]


def test_bad_inputs_raise_the_cli_messages():
    with pytest.raises(ValueError, match="have no column in common"):
        tsum.diff(pd.DataFrame({"x": ["1"]}), pd.DataFrame({"y": ["1"]}))
    with pytest.raises(ValueError, match=r"unknown column 'shrad'"):
        tsum.diff(pd.DataFrame({"shard": ["a", "b"], "v": ["1", "2"]}), by="shrad")
    with pytest.raises(ValueError, match=r"--by k: the column has one value \('a'\); nothing to contrast it with"):
        tsum.diff(pd.DataFrame({"k": ["a", "a"], "v": ["1", "2"]}), by="k")
    with pytest.raises(ValueError, match="--alpha must be between 0 and 1"):
        tsum.diff(pd.DataFrame({"x": ["1"]}), pd.DataFrame({"x": ["1"]}), alpha=1.5)
    with pytest.raises(TypeError):
        tsum.diff(pd.DataFrame({"x": ["1"]}), pd.DataFrame({"x": ["1"]}), by="x")


def test_empty_side_is_a_stated_empty_result():
    d = tsum.diff(pd.DataFrame({"x": pd.Series([], dtype=object)}), pd.DataFrame({"x": ["1", "2"]}))
    assert d.to_pandas().empty
    assert json.loads(d.to_json())["note"] == "<old DataFrame> has no rows: no pattern can be compared"


def test_dask_frames_on_either_side():
    import dask.dataframe as dd

    old, new = frames(seed=4, rows=6000, planted=300)
    expected = tsum.diff(old, new).to_json()
    assert tsum.diff(dd.from_pandas(old, npartitions=3), new).to_json() == expected
    assert tsum.diff(old, dd.from_pandas(new, npartitions=2)).to_json() == expected
