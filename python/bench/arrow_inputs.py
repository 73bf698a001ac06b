"""The seed benchmark's table in memory, in every form summarize() takes, against the CLI
on the same table as CSV.

    PYTHONPATH=build/python .venv/bin/python python/bench/arrow_inputs.py [--rows 10000000] [--repeat 3]

The table is the patients table replicated to --rows rows (3 string columns). For each
input kind (pandas object / categorical / Arrow-string columns, polars, pyarrow, pyarrow
dictionary columns) a fresh Python process builds the input, then
- measures the peak memory summarize() adds over the input: VmHWM is reset through
  /proc/self/clear_refs after the input is built, so the peak is that of the call, minus
  VmRSS just before it;
- times `tsum.summarize(data, cost="tsum-dask")` (best of --repeat; wall and CPU).
The CSV path is the CLI on the same table written as CSV (`tsum --cost tsum-dask --stats`):
its own total time and peak RSS. "codes" is the size of the Table's codes (rows x columns
x 1 byte): what any input must at least produce.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PATIENTS = [
    ("M", "adult", "normal"), ("M", "adult", "low"), ("M", "adult", "normal"), ("M", "adult", "high"),
    ("M", "adult", "low"), ("F", "child", "low"), ("M", "child", "low"), ("F", "child", "low"),
    ("M", "teen", "high"), ("F", "child", "normal"),
]
NAMES = ["gender", "age", "blood_pressure"]
KINDS = ["pandas object", "pandas categorical", "pandas str (Arrow)", "polars", "pyarrow", "pyarrow dictionary"]


def status(field: str) -> int:
    """A /proc/self/status field in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def make_input(kind: str, rows: int):
    import numpy as np
    import pandas as pd

    reps = rows // len(PATIENTS)
    columns = {name: np.array([p[i] for p in PATIENTS] * reps, dtype=object) for i, name in enumerate(NAMES)}
    if kind == "pandas object":
        return pd.DataFrame(columns)
    if kind == "pandas categorical":
        return pd.DataFrame(columns).astype("category")
    import pyarrow as pa

    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    if kind == "pandas str (Arrow)":  # pandas 3's default string dtype, "str"
        return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow", na_value=np.nan)}.get)
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(table)
    if kind == "pyarrow":
        return table
    if kind == "pyarrow dictionary":
        return table.cast(pa.schema([pa.field(n, pa.dictionary(pa.int32(), pa.string())) for n in NAMES]))
    raise ValueError(kind)


def child(kind: str, rows: int, repeat: int) -> None:
    """One input kind in this (fresh) process; prints a JSON line."""
    import gc

    import tsum

    data = make_input(kind, rows)
    if kind == "pandas str (Arrow)":
        assert str(data.dtypes.iloc[0]) == "str", data.dtypes
    gc.collect()
    if hasattr(data, "nbytes"):  # pyarrow
        input_bytes = data.nbytes
    elif hasattr(data, "estimated_size"):  # polars
        input_bytes = data.estimated_size()
    else:  # pandas: the arrays, and the str objects they point to
        input_bytes = int(data.memory_usage(deep=True, index=False).sum())
    before = status("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    summary = tsum.summarize(data, cost="tsum-dask")
    peak = status("VmHWM") - before
    assert [p.coverage for p in summary] == [50.0, 30.0, 10.0, 10.0], list(summary)
    best_wall, cpu = float("inf"), []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        tsum.summarize(data, cost="tsum-dask")
        best_wall = min(best_wall, time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    print(json.dumps({"kind": kind, "wall": best_wall, "cpu": min(cpu), "peak_added": peak, "input_bytes": input_bytes}))


def csv_path(rows: int, directory: str, cli: str, repeat: int) -> dict:
    path = Path(directory) / "patients.csv"
    with open(path, "w") as out:
        out.write(",".join(NAMES) + "\n")
        block = "".join(",".join(p) + "\n" for p in PATIENTS)
        for _ in range(rows // len(PATIENTS)):
            out.write(block)
    best, cpu, peak = float("inf"), float("inf"), 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = subprocess.run([cli, "--cost", "tsum-dask", "--stats", "--quiet", str(path)], capture_output=True, text=True,
                             check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = run.stderr.strip().splitlines()[-1]
        best = min(best, float(stats.split("total ")[1].split(" s")[0]))
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        peak = int(stats.split("peak RSS ")[1].split(" MiB")[0])
    return {"total": best, "cpu": cpu, "peak_rss_mib": peak, "stats": stats}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", default=str(Path(__file__).resolve().parents[2] / "build" / "cli" / "tsum"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows, args.repeat)
        return

    codes = args.rows * len(NAMES)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as directory:
        csv = csv_path(args.rows, directory, args.cli, args.repeat)
    print(f"CSV path (CLI, best of {args.repeat}): engine total {csv['total']:.3f} s (CPU of the whole process "
          f"{csv['cpu']:.3f} s), peak RSS {csv['peak_rss_mib']} MiB (the file is mapped); {csv['stats']}")
    print(f"codes: {codes / 2**20:.1f} MiB")
    print("| input | input size | summarize() wall, best of %d | / CSV engine total | CPU | / CSV CPU | "
          "peak memory added | / codes |" % args.repeat)
    print("|---|---|---|---|---|---|---|---|")
    for kind in KINDS:
        out = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--repeat", str(args.repeat),
                              "--child", kind], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"| {kind} | failed: {out.stderr.strip().splitlines()[-1]} |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {kind} | {r['input_bytes'] / 2**20:,.0f} MiB | {r['wall']:.3f} s | {r['wall'] / csv['total']:.2f} | {r['cpu']:.3f} s | "
              f"{r['cpu'] / csv['cpu']:.2f} | {r['peak_added'] / 2**20:.1f} MiB | {r['peak_added'] / codes:.2f} |",
              flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
