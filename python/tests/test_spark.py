"""tsum.spark.summarize: the same JSON as the local engine on the same rows, on local[2]
and on a standalone cluster (conftest.py's `spark` fixture), for every cost model, with
1, 3 and 16 partitions; bad input.

Spark is slow to start and each round is a Spark job, so the tables are small and the
cost models are spread over the partition counts rather than crossed with them."""

from __future__ import annotations

import datetime
import json

import numpy as np
import pandas as pd
import pytest

import tsum
import tsum.spark

COSTS = [
    ("paper", {}),  # binning by default: numeric and date columns binned from merged dictionaries
    ("paper", {"bins": "none"}),
    ("tsum-dask", {}),
    ("tsum-js", {}),
]


def mixed_frame(rows: int = 360, seed: int = 7) -> pd.DataFrame:
    """Rows with structure (three kinds of row) and noise: integers with NULLs, strings
    with NULLs, booleans, floats and dates with many distinct values (binned under
    paper), a column that is all NULL in some partitions."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(3, rows, p=[0.5, 0.3, 0.2])
    noise = rng.random(rows) < 0.15
    city = np.where(kind == 0, "Oslo", np.where(kind == 1, "Lima", "Pune")).astype(object)
    city[noise] = rng.choice(["Oslo", "Lima", "Pune", "Kyiv"], noise.sum())
    city[rng.random(rows) < 0.05] = None
    level = pd.array(np.where(kind == 2, 3, kind), dtype="Int64")
    level[rng.random(rows) < 0.1] = pd.NA
    start = datetime.date(2023, 1, 1)
    day = [start + datetime.timedelta(days=int(d)) for d in rng.integers(0, 60, rows) + 200 * kind]
    price = np.round(rng.normal(10 + 5 * kind, 2.0), 2)
    price[rng.random(rows) < 0.05] = np.nan
    late = [None if i < rows // 2 else bool(k == 1) for i, k in enumerate(kind)]
    return pd.DataFrame({
        "city": city,
        "level": level,
        "day": day,
        "price": price,
        "active": pd.array(kind != 2, dtype="boolean"),
        "late": pd.array(late, dtype="boolean"),
    })


def spark_frame(spark, frame: pd.DataFrame, partitions: int):
    """`frame` as a Spark DataFrame of `partitions` partitions whose concatenation, in
    partition order, is `frame` in its own row order."""
    return in_partitions(spark.createDataFrame(frame.assign(_row=np.arange(len(frame)))), partitions)


def in_partitions(sdf, partitions: int):
    """A Spark DataFrame with a column _row (0, 1, ...) in `partitions` partitions
    ordered by _row, without _row."""
    sdf = sdf.repartitionByRange(partitions, "_row").sortWithinPartitions("_row").drop("_row")
    assert sdf.rdd.getNumPartitions() == partitions
    return sdf


@pytest.fixture(scope="module")
def mixed():
    return mixed_frame()


# (session, partitions, cost): every cost model and every partition count on both
# sessions, without crossing them all (each round is a Spark job: seconds on a busy
# machine; cost 0, the paper's with binning, has the most rounds, so it runs once per
# session).
CASES = [
    ("local", 1, 0), ("local", 3, 1), ("local", 16, 2), ("local", 3, 3),
    ("cluster", 16, 0), ("cluster", 3, 1), ("cluster", 1, 2), ("cluster", 3, 3),
]


@pytest.mark.parametrize("spark,partitions,cost", CASES, indirect=["spark"], scope="session")
def test_spark_equals_local(spark, mixed, partitions, cost):
    name, keywords = COSTS[cost]
    expected = tsum.summarize(mixed, cost=name, **keywords).to_json()
    summary = tsum.spark.summarize(spark_frame(spark, mixed, partitions), cost=name, **keywords)
    assert summary.to_json() == expected
    stats = summary.spark_stats
    assert stats.partitions == partitions
    assert stats.count("dictionaries") == 1 and stats.count("expand") >= 1
    report = json.loads(expected)
    assert report["patterns"], "the table should have patterns"
    if name == "paper" and not keywords:
        # The test covers binning: both the float and the date column are binned.
        assert {b["column"] for b in report["bins"]} >= {"price", "day"}


@pytest.mark.parametrize("spark", ["local"], indirect=True, scope="session")
@pytest.mark.parametrize("keywords", [dict(cost="entropy"), dict(search="beam"), dict(search="bottom-up")])
def test_gathered_rows_searches_equal_local(spark, mixed, keywords):
    """The entropy model and the beam and bottom-up searches run on the rows the
    partitions send in one "rows" round instead of expand rounds."""
    expected = tsum.summarize(mixed, **keywords).to_json()
    summary = tsum.spark.summarize(spark_frame(spark, mixed, 3), **keywords)
    assert summary.to_json() == expected
    assert summary.spark_stats.count("rows") == 1 and summary.spark_stats.count("expand") == 0


@pytest.mark.parametrize("spark", ["local"], indirect=True, scope="session")
def test_options_and_other_renderings(spark, mixed):
    """Column selection, limit and the Markdown report (column profiles from the merged
    dictionaries) equal the local engine's."""
    keywords = dict(exclude=["late"], limit=2, bins={"price": 4}, keep_id_columns=True)
    expected = tsum.summarize(mixed, **keywords)
    summary = tsum.spark.summarize(spark_frame(spark, mixed, 3), **keywords)
    assert summary.to_json() == expected.to_json()
    assert summary.to_markdown() == expected.to_markdown()
    assert "late" not in summary.columns


@pytest.mark.parametrize("spark", ["local"], indirect=True, scope="session")
def test_unsupported_columns_are_named(spark):
    from pyspark.sql import functions as F

    odd = {
        "m": F.create_map(F.lit("k"), F.col("id")),
        "a": F.array(F.col("id")),
        "s": F.struct(F.col("id")),
        "b": F.col("city").cast("binary"),
    }
    sdf = spark.range(4).withColumn("city", F.lit("Oslo"))
    for name, value in odd.items():
        sdf = sdf.withColumn(name, value)
    for name, kind in [("m", "map<string,bigint>"), ("a", "array<bigint>"), ("s", "struct<id:bigint>"), ("b", "binary")]:
        others = [n for n in odd if n != name]
        with pytest.raises(tsum.Error, match=rf"^column '{name}' has Spark type {kind}, .*exclude=\['{name}'\]$"):
            tsum.spark.summarize(sdf, exclude=others)
    # Left out, the rest is summarized as locally.
    expected = tsum.summarize(pd.DataFrame({"id": pd.array(range(4), dtype="Int64"), "city": ["Oslo"] * 4}))
    # ... and the columns left out are named.
    got = json.loads(tsum.spark.summarize(sdf, exclude=list(odd)).to_json())
    assert got.pop("excluded_columns") == [{"column": n, "reason": "excluded (--exclude)"} for n in odd]
    assert got == json.loads(expected.to_json())
    assert tsum.summarize(sdf, columns=["id", "city"]).to_json() == expected.to_json()  # the generic entry point


@pytest.mark.parametrize("spark", ["local", "cluster"], indirect=True, scope="session")
def test_empty_dataframe(spark, mixed):
    empty = mixed.iloc[:0]
    sdf = spark.createDataFrame(mixed).limit(0)
    summary = tsum.spark.summarize(sdf)
    assert len(summary) == 0 and summary.rows == 0
    assert summary.to_json() == tsum.summarize(empty).to_json()


def test_not_a_spark_dataframe():
    with pytest.raises(TypeError, match="pyspark.sql.DataFrame"):
        tsum.spark.summarize(pd.DataFrame({"a": [1]}))
