"""The spec's worked example (the patients table) through every front end of the package."""

from __future__ import annotations

import dask.dataframe as dd
import pytest

import tsum
from conftest import REPO, patients_frame

EXPECTED_SAVINGS = {
    "paper": (179.8, 135),
    "tsum-dask": (3313, 1684),
    "tsum-js": (375.3852901558848, 248.35614381022526),
}
FIRST = {"gender": "M", "age": "adult"}
SECOND = {"age": "child", "blood_pressure": "low"}


def check(summary: tsum.Summary, cost: str) -> None:
    assert summary.cost_model == cost
    assert summary.rows == 10
    assert summary.columns == ["gender", "age", "blood_pressure"]
    assert [p.pattern for p in summary] == [FIRST, SECOND]
    assert [p.saving for p in summary] == list(EXPECTED_SAVINGS[cost])
    assert [p.coverage for p in summary] == [50.0, 30.0]
    assert [p.rows for p in summary] == [5, 3]
    assert [p.cumulative_coverage for p in summary] == [50.0, 80.0]
    assert summary.covered_rows == 8


@pytest.mark.parametrize("cost", sorted(EXPECTED_SAVINGS))
def test_pandas(cost):
    check(tsum.summarize(patients_frame(), cost=cost), cost)


@pytest.mark.parametrize("cost", sorted(EXPECTED_SAVINGS))
def test_pandas_categorical(cost):
    frame = patients_frame().astype("category")
    check(tsum.summarize(frame, cost=cost), cost)


@pytest.mark.parametrize("cost", sorted(EXPECTED_SAVINGS))
def test_dict_of_lists(cost):
    frame = patients_frame()
    check(tsum.summarize({c: list(frame[c]) for c in frame.columns}, cost=cost), cost)


@pytest.mark.parametrize("cost", sorted(EXPECTED_SAVINGS))
def test_path(cost):
    summary = tsum.summarize(REPO / "examples" / "patients.csv", cost=cost)
    check(summary, cost)
    assert summary.input == str(REPO / "examples" / "patients.csv")


@pytest.mark.parametrize("cost", sorted(EXPECTED_SAVINGS))
@pytest.mark.parametrize("partitions", [1, 4])
def test_dask(dask_client, cost, partitions):
    ddf = dd.from_pandas(patients_frame(), npartitions=partitions)
    summary = tsum.summarize(ddf, cost=cost)
    check(summary, cost)
    assert summary.dask_stats.partitions == ddf.npartitions
    assert summary.to_json() == tsum.summarize(patients_frame(), cost=cost).to_json()


def test_seed_keyword(dask_client):
    """The seed library's call, summarize(ddf=ddf), works as is."""
    ddf = dd.from_pandas(patients_frame(), npartitions=4)
    check(tsum.summarize(ddf=ddf, cost="tsum-dask"), "tsum-dask")


def test_replicated_benchmark_table():
    """The spec's figures for the seed benchmark at k = 10^5 (10^6 rows)."""
    summary = tsum.summarize(patients_frame(100_000), cost="tsum-dask")
    assert [p.saving for p in summary] == [415999057, 254399044, 127198629, 124798653]
    assert [p.coverage for p in summary] == [50.0, 30.0, 10.0, 10.0]
    assert [p.pattern for p in summary][2:] == [
        {"gender": "F", "age": "child", "blood_pressure": "normal"},
        {"gender": "M", "age": "teen", "blood_pressure": "high"},
    ]


def test_several_paths_are_one_table():
    path = str(REPO / "examples" / "patients.csv")
    summary = tsum.summarize([path, path], cost="tsum-dask")
    assert summary.input == f"{path} {path}"
    assert summary.rows == 20
    assert summary.to_json().replace(f"{path} {path}", "<DataFrame>") == tsum.summarize(
        patients_frame(2), cost="tsum-dask"
    ).to_json()


def test_database_url_and_query(tmp_path):
    import sqlite3

    db = tmp_path / "patients.db"
    with sqlite3.connect(db) as con:
        con.execute("create table patients (gender text, age text, blood_pressure text)")
        con.executemany("insert into patients values (?, ?, ?)", patients_frame().itertuples(index=False))
    check(tsum.summarize(f"sqlite://{db}?table=patients", cost="tsum-js"), "tsum-js")
    check(tsum.summarize(f"sqlite://{db}", query="select * from patients", cost="paper"), "paper")
