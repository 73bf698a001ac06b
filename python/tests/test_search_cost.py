"""The entropy cost model and the search strategies through Python: the same bytes as
the CLI, the same answer from a Dask DataFrame as from pandas, whatever the threads."""

from __future__ import annotations

import json

import dask.dataframe as dd
import pytest

import tsum
from conftest import patients_frame, vega_data_dir
from test_cli_parity import cli_output

SEARCHES = ["greedy", "beam", "bottom-up"]


@pytest.mark.parametrize("name", ["cars.json", "seattle-weather.csv", "birdstrikes.csv"])
@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("cost", ["entropy", "paper"])
def test_json_equals_the_cli(name, search, cost):
    path = vega_data_dir() / name
    summary = tsum.summarize(path, cost=cost, search=search)
    out = cli_output(path, "--format", "json", "--cost", cost, "--search", search)
    assert summary.to_json() == out
    assert len(summary) > 0
    totals = json.loads(out)["totals"]
    assert (summary.search, summary.saving_ratio) == (search, totals["saving_ratio"])
    assert totals["saving_ratio"] == pytest.approx(totals["saving"] / totals["table_bits"])


@pytest.mark.parametrize("partitions", [1, 3])
@pytest.mark.parametrize("search", SEARCHES)
def test_dask_equals_pandas_under_entropy(dask_client, partitions, search):
    frame = patients_frame(1000)
    local = tsum.summarize(frame, cost="entropy", search=search)
    distributed = tsum.summarize(dd.from_pandas(frame, npartitions=partitions, sort=False), cost="entropy",
                                 search=search)
    assert distributed.to_json() == local.to_json()
    assert len(local) >= 1
    assert distributed.dask_stats.count("rows") == 1


@pytest.mark.parametrize("threads", [1, 2, None])
def test_dask_driver_threads_do_not_change_the_answer(dask_client, threads):
    """The driver builds its cost model on `threads` (None: all), as it searches: under
    entropy a table of x log2 x, one entry per row, filled in blocks of 2^16 on the
    arena. 70,000 rows fill two blocks."""
    frame = patients_frame(7000)
    local = tsum.summarize(frame, cost="entropy", threads=1)
    distributed = tsum.summarize(dd.from_pandas(frame, npartitions=2, sort=False), cost="entropy", threads=threads)
    assert distributed.rows == 70_000 and len(local) >= 1
    assert distributed.to_json() == local.to_json()


def test_entropy_patients():
    """Ten rows pay for no pattern under entropy; a hundred pay for two (docs/spec.md)."""
    assert len(tsum.summarize(patients_frame(1), cost="entropy")) == 0
    summary = tsum.summarize(patients_frame(10), cost="entropy")
    assert [p.pattern for p in summary] == [{"gender": "F", "age": "child"},
                                           {"gender": "M", "age": "teen", "blood_pressure": "high"}]
    assert summary[0].saving == pytest.approx(41.80529006443326, abs=1e-9)


def test_threads_do_not_change_the_answer():
    path = vega_data_dir() / "birdstrikes.csv"
    one = tsum.summarize(path, cost="entropy", threads=1).to_json()
    assert tsum.summarize(path, cost="entropy", threads=2).to_json() == one


def test_bad_search_and_beam():
    with pytest.raises(ValueError, match="unknown search 'best'"):
        tsum.summarize(patients_frame(), search="best")
    with pytest.raises(ValueError, match="beam must be a positive integer"):
        tsum.summarize(patients_frame(), beam=0)
    with pytest.raises(TypeError):
        tsum.summarize(patients_frame(), search=3)
