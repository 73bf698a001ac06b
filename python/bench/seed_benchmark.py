"""The seed's benchmark through the Python package: the patients table replicated k times.

    PYTHONPATH=build/python .venv/bin/python python/bench/seed_benchmark.py [--rows 10000000] [--partitions 8]

For an in-memory pandas DataFrame of object (str) columns, then of categorical columns,
times tsum.summarize(df, cost="tsum-dask") (encoding included), then the same data as a
Dask DataFrame of P partitions on a LocalCluster of 2 worker processes (1 thread each)
on loopback: once built by dd.from_pandas on the driver, as the seed ran it (the
summary then also ships the partitions to the workers), and once with the partitions
already persisted on the workers (the summary alone), with its rounds and payload
bytes. Checks every result against the spec's figures. Times are the best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import time

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster, wait

import tsum

PATIENTS = [
    ("M", "adult", "normal"), ("M", "adult", "low"), ("M", "adult", "normal"), ("M", "adult", "high"),
    ("M", "adult", "low"), ("F", "child", "low"), ("M", "child", "low"), ("F", "child", "low"),
    ("M", "teen", "high"), ("F", "child", "normal"),
]
COVERAGE = [50.0, 30.0, 10.0, 10.0]


def frame(rows: int, categorical: bool) -> pd.DataFrame:
    df = pd.DataFrame(PATIENTS * (rows // len(PATIENTS)), columns=["gender", "age", "blood_pressure"])
    return df.astype("category") if categorical else df


def best_of(repeat: int, run):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def check(summary: tsum.Summary, rows: int) -> None:
    assert summary.rows == rows, summary.rows
    assert [p.coverage for p in summary] == COVERAGE, list(summary)


def dask_run(client: Client, df: pd.DataFrame, args) -> None:
    kind = "categorical" if isinstance(df.dtypes.iloc[0], pd.CategoricalDtype) else "object"
    # As the seed ran it: the frame lives on the driver, so the first round also ships
    # every partition to the workers.
    ddf = dd.from_pandas(df, npartitions=args.partitions, sort=False)
    seconds, summary = best_of(args.repeat, lambda: tsum.summarize(ddf, cost="tsum-dask"))
    check(summary, args.rows)
    print(f"dask   {kind:11s} from the driver's frame: {seconds:.3f} s")
    # Partitions already on the workers (what reading from storage gives): the summary alone.
    ddf = client.persist(ddf)
    wait(ddf)
    workers_cpu = sum(client.run(time.process_time).values())
    driver_cpu = time.process_time()
    seconds, summary = best_of(args.repeat, lambda: tsum.summarize(ddf, cost="tsum-dask"))
    driver_cpu = (time.process_time() - driver_cpu) / args.repeat
    workers_cpu = (sum(client.run(time.process_time).values()) - workers_cpu) / args.repeat
    check(summary, args.rows)
    stats = summary.dask_stats
    print(f"dask   {kind:11s} {args.rows:,} rows, {stats.partitions} partitions on the workers: {seconds:.3f} s "
          f"(mean CPU: driver {driver_cpu:.3f} s, workers {workers_cpu:.3f} s); {stats}")
    for r in stats.rounds:
        print(f"    {r.kind:12s} {r.seconds * 1000:8.1f} ms  to workers {r.bytes_to_workers:>9,} B"
              f"  to driver {r.bytes_to_driver:>9,} B")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    for categorical in (False, True):
        kind = "categorical" if categorical else "object"
        df = frame(args.rows, categorical)
        cpu = time.process_time()
        seconds, summary = best_of(args.repeat, lambda: tsum.summarize(df, cost="tsum-dask"))
        cpu = (time.process_time() - cpu) / args.repeat
        check(summary, args.rows)
        print(f"pandas {kind:11s} {args.rows:,} rows: {seconds:.3f} s (mean CPU {cpu:.3f} s)")

        dask_run(client, df, args)
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
