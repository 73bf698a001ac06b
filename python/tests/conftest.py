"""Shared fixtures: the patients table, the vega-datasets tables, one Dask cluster."""

from __future__ import annotations

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
