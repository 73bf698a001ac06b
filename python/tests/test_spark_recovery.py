"""A worker of the standalone cluster killed in the middle of a Spark summary (its
Worker JVM, its executor and the executor's Python workers): Spark recomputes the
encoded partitions the executor held from their lineage (source -> encode), the lost
round's tasks run again on the surviving executor, and the answer is unchanged."""

from __future__ import annotations

import pytest

import tsum
import tsum.spark
from spark_cluster import executors
import numpy as np

from test_spark import in_partitions, mixed_frame


@pytest.mark.parametrize("spark", ["cluster"], indirect=True, scope="session")
def test_killed_worker_gives_the_same_summary(spark, tmp_path):
    frame = mixed_frame(rows=480, seed=11)
    expected = tsum.summarize(frame).to_json()
    # From Parquet, as a user's table would come: the survivor re-reads the file.
    path = str(tmp_path / "mixed.parquet")
    frame.assign(_row=np.arange(len(frame))).to_parquet(path)
    sdf = in_partitions(spark.read.parquet(path), 8)
    cluster = spark.tsum_cluster
    rounds, killed = [], []

    def progress(entry):
        rounds.append(entry.kind)
        if not killed and rounds.count("expand") == 2:
            killed.extend(cluster.kill_worker(0))

    summary = tsum.spark.summarize(sdf, progress=progress)
    assert len(killed) >= 2, "the worker and its executor should both have been killed"
    assert summary.to_json() == expected
    assert rounds.count("expand") > 2
    assert executors(spark) == 1, "Spark should have noticed the lost executor"
