"""Dask mode equals the local engine: same JSON, byte for byte, whatever the partitioning."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

import tsum
from conftest import patients_frame, read_vega

# (table, cost model, partitions). Every table under 1, 3 and 8 partitions except
# birdstrikes (10,000 rows x 14 columns, ~75 rounds: the slowest), which
# test_dask_recovery.py also runs with 8.
CASES = [
    (name, cost, partitions)
    for name, cost in [("cars.json", "tsum-dask"), ("jobs.json", "tsum-js"), ("movies.json", "paper")]
    for partitions in (1, 3, 8)
] + [("birdstrikes.csv", "paper", 3)]


@pytest.mark.parametrize("name,cost,partitions", CASES)
def test_vega_tables(dask_client, name, cost, partitions):
    frame = read_vega(name)
    local = tsum.summarize(frame, cost=cost)
    ddf = dd.from_pandas(frame, npartitions=partitions, sort=False)
    distributed = tsum.summarize(ddf, cost=cost)
    assert distributed.to_json() == local.to_json()
    assert len(local) > 0
    stats = distributed.dask_stats
    assert stats.partitions == ddf.npartitions
    assert stats.count("dictionaries") == 1 and stats.count("attach") == 1 and stats.count("marshal") == 1
    # One round per item of each pattern found, less one for a pattern of every column.
    assert stats.patterns_found >= len(local)
    assert stats.items_found - stats.patterns_found <= stats.count("expand") <= stats.items_found


def test_columns_and_limit(dask_client):
    frame = read_vega("cars.json")
    ddf = dd.from_pandas(frame, npartitions=3)
    options = dict(cost="tsum-js", exclude=["Name"], limit=2)
    assert tsum.summarize(ddf, **options).to_json() == tsum.summarize(frame, **options).to_json()


def test_no_columns(dask_client):
    frame = read_vega("cars.json")
    ddf = dd.from_pandas(frame, npartitions=3)
    summary = tsum.summarize(ddf, exclude=list(frame.columns))
    assert summary.rows == len(frame) and summary.columns == [] and len(summary) == 0
    assert summary.to_json() == tsum.summarize(frame, exclude=list(frame.columns)).to_json()


def test_nulls_types_and_empty_partitions(dask_client):
    """A numeric column that is all NULL in some partitions stays numeric; partitions
    that a filter emptied contribute nothing."""
    rng = np.random.default_rng(5)
    n = 400
    frame = pd.DataFrame(
        {
            "n": pd.Series([None] * 150 + list(rng.integers(0, 3, n - 150)), dtype=object),
            "s": rng.choice(["a", "b", None], n),
            "f": np.where(rng.random(n) < 0.2, np.nan, rng.integers(0, 2, n) / 2),
            "c": pd.Categorical(rng.choice(["x", "y"], n), categories=["z", "y", "x"]),
            "keep": np.arange(n) % 7 != 3,
        }
    )
    ddf = dd.from_pandas(frame, npartitions=6)
    ddf = ddf.map_partitions(lambda part: part[(part.index < 60) | (part.index > 250)])
    for cost in ["paper", "tsum-dask", "tsum-js"]:
        expected = tsum.summarize(ddf.compute(), cost=cost).to_json()
        assert tsum.summarize(ddf, cost=cost).to_json() == expected


def test_threaded_scheduler_without_cluster():
    frame = patients_frame(50)
    ddf = dd.from_pandas(frame, npartitions=5)
    with dask.config.set(scheduler="threads"):
        summary = tsum.summarize(ddf, cost="tsum-dask")
    assert summary.to_json() == tsum.summarize(frame, cost="tsum-dask").to_json()


def test_progress_sees_every_round(dask_client):
    seen = []
    ddf = dd.from_pandas(patients_frame(3), npartitions=3)
    summary = tsum.summarize(ddf, progress=seen.append)
    assert seen == summary.dask_stats.rounds
    assert [r.kind for r in seen][:2] == ["dictionaries", "attach"] and seen[-1].kind == "marshal"
    assert all(r.bytes_to_driver > 0 for r in seen if r.kind != "attach")


def test_round_budget_gathers_rows_with_the_same_answer(dask_client, monkeypatch):
    # Many small groups: hundreds of patterns, far more expand rounds than the cap.
    rng = np.random.default_rng(5)
    frame = pd.DataFrame({f"c{k}": [f"v{x}" for x in rng.integers(0, 150, 3000) // (k + 1)] for k in range(3)})
    local = tsum.summarize(frame, bins="none", keep_id_columns=True)
    assert len(local) > 40
    import tsum._rounds as rounds

    monkeypatch.setattr(rounds, "EXPAND_ROUND_BUDGET", 12)
    distributed = tsum.summarize(dd.from_pandas(frame, npartitions=4, sort=False), bins="none", keep_id_columns=True)
    assert distributed.to_json() == local.to_json()
    stats = distributed.dask_stats
    assert stats.count("expand") == 12 and stats.count("rows") == 1 and stats.count("marshal") == 0
    assert len(stats.rounds) == 12 + 3  # dictionaries, attach, 12 expand, rows
