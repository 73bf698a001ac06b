"""The seed's table (the patients table replicated: 10^7 rows x 3 columns by default) from
one Parquet file, summarized three ways with cost="tsum-dask": the local CLI, Dask (a
LocalCluster of 2 worker processes, 1 thread each) and Spark (a standalone cluster of
2 one-core workers on loopback, started from pyspark's spark-class). Prints wall time
(reading included), the rounds and the payload bytes of each round, and checks that the
three JSON outputs agree on the patterns.

    PYTHONPATH=build/python .venv/bin/python python/bench/spark_benchmark.py [--rows N] [--partitions P]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python" / "tests"))  # the tests' standalone cluster

from seed_benchmark import PATIENTS  # noqa: E402


def write_table(path: Path, rows: int, partitions: int) -> None:
    k = rows // len(PATIENTS)
    columns = list(zip(*PATIENTS))
    table = pa.table({
        name: pa.array(list(values) * k).dictionary_encode().cast(pa.string())
        for name, values in zip(["gender", "age", "blood_pressure"], columns)
    })
    pq.write_table(table, path, row_group_size=-(-rows // partitions))


def show(stats) -> None:
    print(f"    {stats}")
    for r in stats.rounds:
        print(f"    {r.kind:12s} {r.seconds * 1000:9.1f} ms  to workers {r.bytes_to_workers:9,} B  "
              f"to driver {r.bytes_to_driver:9,} B")


def patterns(text: str) -> list:
    return [(p["pattern"], p["rows"]) for p in json.loads(text)["patterns"]]


def dask_run(path: Path, cli: str) -> None:
    import dask
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    import tsum

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        start = time.perf_counter()
        with dask.config.set(scheduler=client):
            summary = tsum.summarize(dd.read_parquet(str(path), split_row_groups=True), cost="tsum-dask")
        print(f"Dask (2 workers): {time.perf_counter() - start:.2f} s")
        show(summary.dask_stats)
        assert patterns(summary.to_json()) == patterns(cli), "Dask and the CLI disagree"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--cli", default=str(REPO / "build" / "cli" / "tsum"))
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    print("uptime before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    directory = Path(tempfile.mkdtemp(prefix="tsum-spark-bench-"))
    path = directory / "seed.parquet"
    write_table(path, args.rows, args.partitions)
    print(f"{args.rows:,} rows, {path.stat().st_size:,} bytes of Parquet, {args.partitions} row groups")

    start = time.perf_counter()
    cli = subprocess.run([args.cli, "--cost", "tsum-dask", "--format", "json", str(path)], check=True,
                         capture_output=True, text=True).stdout
    print(f"local CLI: {time.perf_counter() - start:.2f} s")

    if not args.skip_dask:
        dask_run(path, cli)

    from spark_cluster import StandaloneCluster, builder, wait_for_executors

    import tsum.spark

    standalone = StandaloneCluster(directory, workers=2, memory="1g")
    try:
        standalone.start()
        standalone.wait()
        spark = (builder(standalone.url).config("spark.executor.memory", "1g").config("spark.executor.cores", "1")
                 .config("spark.cores.max", "2")
                 .config("spark.sql.files.maxPartitionBytes", str(max(1, path.stat().st_size // args.partitions)))
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        wait_for_executors(spark, 2)
        start = time.perf_counter()
        sdf = spark.read.parquet(str(path))
        summary = tsum.spark.summarize(sdf, cost="tsum-dask")
        print(f"Spark (standalone, 2 workers): {time.perf_counter() - start:.2f} s")
        show(summary.spark_stats)
        assert patterns(summary.to_json()) == patterns(cli), "Spark and the CLI disagree"
        spark.stop()
    finally:
        standalone.stop()
    print("uptime after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    main()
