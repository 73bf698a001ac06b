"""Rounds and payload of Dask summaries of vega-datasets tables (python/README.md).

    PYTHONPATH=build/python .venv/bin/python python/bench/dask_rounds.py [--partitions 1 8]

For each table and cost model, summarizes the table as pandas reads it (as the tests
read it) in P Dask partitions on a LocalCluster of 2 worker processes, checks that the
result equals the local engine's (to_json byte for byte), and prints the rounds and the
payload bytes per kind of round. Payload is deterministic; times are not, and are
printed only as a rough guide.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

import tsum

REPO = Path(__file__).resolve().parents[2]
CASES = [
    ("cars.json", "tsum-dask"),
    ("cars.json", "paper"),
    ("jobs.json", "tsum-js"),
    ("movies.json", "paper"),
    ("birdstrikes.csv", "paper"),
]


def read(name: str) -> pd.DataFrame:
    testdata = os.environ.get("TSUM_TESTDATA_DIR", str(REPO / "node_modules" / ".tsum-testdata"))
    path = Path(testdata).parent / "vega-datasets" / "data" / name
    if not path.is_file():
        sys.exit(f"{path} not found: run `make testdata`")
    return pd.read_csv(path) if name.endswith(".csv") else pd.read_json(path)


def row(name: str, cost: str, frame: pd.DataFrame, partitions: int) -> str:
    local = tsum.summarize(frame, cost=cost)
    summary = tsum.summarize(dd.from_pandas(frame, npartitions=partitions, sort=False), cost=cost)
    assert summary.to_json() == local.to_json(), (name, cost, partitions)
    s = summary.dask_stats
    by_kind = {k: [r for r in s.rounds if r.kind == k] for k in ("dictionaries", "attach", "expand", "marshal")}
    expand = [r.bytes_to_driver for r in by_kind["expand"]] or [0]
    marshal = sum(r.bytes_to_workers + r.bytes_to_driver for r in by_kind["marshal"])
    return (
        f"| {name} | {len(frame):,} × {len(frame.columns)} | {cost} | {s.partitions} | {s.patterns_found} "
        f"| {len(s.rounds)} | {sum(r.bytes_to_driver for r in by_kind['dictionaries']):,} B "
        f"| {sum(r.bytes_to_workers for r in by_kind['attach']):,} B "
        f"| {max(expand):,} / {sum(expand) // len(expand):,} B | {marshal:,} B | {s.bytes_moved:,} B "
        f"| {s.seconds:.2f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partitions", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("| table | rows × columns | cost | partitions | patterns found | rounds | dictionaries → driver "
          "| attach → workers | expand → driver, max / mean per round | marshal | total payload | time |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, cost in CASES:
        frame = read(name)
        for partitions in args.partitions:
            print(row(name, cost, frame, partitions), flush=True)
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
