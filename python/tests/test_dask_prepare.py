"""Dask mode with the paper model's preprocessing (types, bins, identifier-like columns):
decided once from the whole table's dictionaries, so Dask equals the local engine in
every rendering, whatever the partitioning."""

from __future__ import annotations

import json
import re

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import tsum
from conftest import read_vega, vega_data_dir

RENDERINGS = ["to_json", "to_markdown", "to_html", "to_csv", "__str__"]


def without_samples(page: str) -> str:
    """The HTML page without its sample rows, which only a local summary has (a Dask
    summary's rows stay on the workers; docs/reports.md)."""
    page = re.sub(r'<section id="samples">.*?</section>\n', "", page, flags=re.S)
    return page.replace('<a href="#samples">Sample rows</a>', "")


def assert_same(local: tsum.Summary, distributed: tsum.Summary) -> None:
    for rendering in RENDERINGS:
        ours, theirs = getattr(distributed, rendering)(), getattr(local, rendering)()
        if rendering == "to_html" and len(local):
            assert '<section id="samples">' in theirs and '<section id="samples">' not in ours
            ours, theirs = without_samples(ours), without_samples(theirs)
        assert ours == theirs, rendering


def seattle() -> pd.DataFrame:
    # Dates as pandas datetimes: their text is the date, binned by calendar units.
    return pd.read_csv(vega_data_dir() / "seattle-weather.csv", parse_dates=["date"])


@pytest.mark.parametrize("partitions", [1, 3, 8])
@pytest.mark.parametrize("name", ["cars.json", "birdstrikes.csv", "seattle-weather.csv"])
def test_default_options(dask_client, name, partitions):
    frame = seattle() if name == "seattle-weather.csv" else read_vega(name)
    local = tsum.summarize(frame)
    distributed = tsum.summarize(dd.from_pandas(frame, npartitions=partitions, sort=False))
    assert_same(local, distributed)
    report = json.loads(local.to_json())
    assert report["bins"], "nothing was binned: the test would not test binning"
    assert len(local) > 0


def test_partitions_with_disjoint_ranges(dask_client):
    """Sorted data: each partition holds its own range of the numbers and dates, so bins
    planned per partition would differ from the whole table's."""
    rng = np.random.default_rng(11)
    n = 3000
    frame = pd.DataFrame(
        {
            "amount": np.sort(rng.gamma(2.0, 300.0, n)).round(2),
            "when": pd.date_range("2001-01-01", periods=n, freq="6h").astype(str),
            "group": rng.choice(["a", "b", "c"], n),
            "id": np.arange(n),
        }
    )
    local = tsum.summarize(frame)
    report = json.loads(local.to_json())
    assert {b["column"] for b in report["bins"]} == {"amount", "when"}
    assert [e["column"] for e in report["excluded_columns"]] == ["id"]
    # Bins planned on one partition's rows would be other bins.
    first = json.loads(tsum.summarize(frame.iloc[: n // 8]).to_json())
    assert first["bins"] != report["bins"]
    for partitions in (3, 8):
        assert_same(local, tsum.summarize(dd.from_pandas(frame, npartitions=partitions, sort=False)))


@pytest.mark.parametrize(
    "options",
    [
        dict(bins=3),
        dict(bins="none"),
        dict(bins={"Horsepower": 4, "Miles_per_Gallon": "none"}),
        dict(types={"Cylinders": "string", "Year": "string"}),
        dict(keep_id_columns=True),
        dict(exclude=["Acceleration"], limit=2, bins={None: "none", "Weight_in_lbs": 5}),
    ],
)
def test_options(dask_client, options):
    frame = read_vega("cars.json")
    local = tsum.summarize(frame, **options)
    assert_same(local, tsum.summarize(dd.from_pandas(frame, npartitions=3), **options))


def test_option_errors(dask_client):
    frame = read_vega("cars.json")
    ddf = dd.from_pandas(frame, npartitions=3)
    for options in [dict(bins={"Horsepowr": 4}), dict(bins={"Origin": 4}), dict(types={"Year": "time"})]:
        with pytest.raises(ValueError) as local:
            tsum.summarize(frame, **options)
        with pytest.raises(ValueError) as distributed:
            tsum.summarize(ddf, **options)
        assert str(distributed.value) == str(local.value)


def test_compatibility_models_are_not_preprocessed(dask_client):
    frame = read_vega("cars.json")
    ddf = dd.from_pandas(frame, npartitions=3)
    for cost in ["tsum-dask", "tsum-js"]:
        summary = tsum.summarize(ddf, cost=cost)
        assert "bins" not in json.loads(summary.to_json())
        assert_same(tsum.summarize(frame, cost=cost), summary)
