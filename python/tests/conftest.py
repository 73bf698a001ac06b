"""Shared fixtures: the patients table, the vega-datasets tables, one Dask cluster, Spark
(a local[2] session, then one on a standalone cluster)."""

from __future__ import annotations

import atexit
import os
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]

PATIENTS = [
    ("M", "adult", "normal"),
    ("M", "adult", "low"),
    ("M", "adult", "normal"),
    ("M", "adult", "high"),
    ("M", "adult", "low"),
    ("F", "child", "low"),
    ("M", "child", "low"),
    ("F", "child", "low"),
    ("M", "teen", "high"),
    ("F", "child", "normal"),
]


def pytest_configure(config):
    # Debian's tornado warns about its own use by distributed; nothing we can act on.
    config.addinivalue_line("filterwarnings", "ignore:make_current is deprecated:DeprecationWarning")
    # A second LocalCluster (test_dask_recovery.py) finds the first one's HTTP port taken.
    config.addinivalue_line("filterwarnings", "ignore:Port 8787 is already in use:UserWarning")


def patients_frame(k: int = 1) -> pd.DataFrame:
    return pd.DataFrame(PATIENTS * k, columns=["gender", "age", "blood_pressure"])


def vega_data_dir() -> Path:
    """node_modules/vega-datasets/data, found from TSUM_TESTDATA_DIR as the Makefile
    exports it (node_modules/.tsum-testdata). Missing data fails the test."""
    testdata = os.environ.get("TSUM_TESTDATA_DIR", str(REPO / "node_modules" / ".tsum-testdata"))
    data = Path(testdata).parent / "vega-datasets" / "data"
    if not (data / "cars.json").is_file():
        pytest.fail(f"vega-datasets test data not found in {data}: run `make testdata`", pytrace=False)
    return data


def read_vega(name: str) -> pd.DataFrame:
    path = vega_data_dir() / name
    return pd.read_csv(path) if name.endswith(".csv") else pd.read_json(path)


@pytest.fixture(scope="session")
def dask_client():
    """One 2-process LocalCluster on loopback for the whole session (starting one costs
    seconds)."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="session")
def standalone_cluster(request, tmp_path_factory):
    """A standalone Spark cluster on loopback (spark_cluster.py), started as soon as the
    first Spark test runs - when any selected test needs it - so that its JVMs start
    while the local[2] tests run; killed at the end of the session."""
    if not any("[cluster" in item.nodeid for item in request.session.items):
        yield None
        return
    from spark_cluster import StandaloneCluster

    cluster = StandaloneCluster(tmp_path_factory.mktemp("spark-cluster"))
    atexit.register(cluster.stop)  # should the session end without its finalizers
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session", params=["local", "cluster"])
def spark(request, standalone_cluster):
    """A SparkSession on local[2], then (the tests are grouped by parameter, and only one
    SparkContext may exist at a time) one on the standalone cluster with two executors."""
    from spark_cluster import builder, wait_for_executors

    if request.param == "local":
        session = builder("local[2]").getOrCreate()
    else:
        standalone_cluster.wait()
        session = (
            builder(standalone_cluster.url)
            .config("spark.executor.memory", "512m")
            .config("spark.executor.cores", "1")
            .config("spark.cores.max", "2")
            .getOrCreate()
        )
        wait_for_executors(session, 2)
    session.sparkContext.setLogLevel("ERROR")
    session.tsum_cluster = standalone_cluster if request.param == "cluster" else None
    yield session
    session.stop()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Spark tests run last, local[2] before the cluster and the worker-killing test at
    the very end: each switch of SparkContext costs a JVM session, and the killed worker
    does not come back."""

    def key(item):
        spark = getattr(item, "callspec", None) and item.callspec.params.get("spark")
        if spark is None:
            return 0
        return 3 if "recovery" in item.nodeid else (1 if spark == "local" else 2)

    items.sort(key=key)
