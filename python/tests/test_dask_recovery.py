"""A worker process killed in the middle of a Dask summary: Dask recomputes the
partitions it held from the graph (source -> encode -> attach) and the answer is
unchanged."""

from __future__ import annotations

import os
import signal

import dask
import dask.dataframe as dd
import pytest
from dask.distributed import Client, LocalCluster

import tsum
from conftest import read_vega


@pytest.fixture
def own_client():
    """A cluster of its own: the killed worker's restart must not slow other tests."""
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster, set_as_default=False)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("cost", ["tsum-dask", "paper"])  # paper: binned columns relabelled on the workers
def test_killed_worker_gives_the_same_summary(own_client, cost):
    frame = read_vega("birdstrikes.csv")
    expected = tsum.summarize(frame, cost=cost).to_json()
    ddf = dd.from_pandas(frame, npartitions=8)
    rounds, killed = [], {}

    def progress(entry):
        rounds.append(entry)
        if killed or sum(r.kind == "expand" for r in rounds) != 3:
            return
        # After the third expansion round, the worker holding the most data (persisted
        # partitions) dies.
        holdings = own_client.has_what()
        victim = max(holdings, key=lambda address: len(holdings[address]))
        pids = own_client.run(os.getpid)
        killed.update(pid=pids[victim], keys=len(holdings[victim]))
        os.kill(pids[victim], signal.SIGKILL)

    with dask.config.set(scheduler=own_client):  # not the default client: see tsum._dask._Runner
        summary = tsum.summarize(ddf, cost=cost, progress=progress)
    assert killed and killed["keys"] > 0, "no worker was killed"
    assert summary.to_json() == expected
    assert summary.dask_stats.count("expand") > 3
