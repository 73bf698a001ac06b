#!/usr/bin/env python3
"""bench/json_lines.py: reading JSON Lines against reading the same table as CSV.

    bench/json_lines.py [--tsum build/cli/tsum] [--base OTHER_TSUM] [--rows 10000000]
                        [--reps 5] [--threads N] [--out-dir bench/out] [--duckdb]

Writes R rows x 3 columns, {"a":"x12","b":34,"c":"label_7"} (300, 500 and 200 distinct
values), as bench/out/lines-R.jsonl and the same table as bench/out/lines-R.csv (reused
when present). Runs `tsum --stats FILE` on each (and the --base binary on the JSON Lines
file, to compare two builds), in alternating runs, and prints per case the medians of
`read+encode` (from --stats), wall time and user CPU seconds of the process; user CPU is
the figure least affected by a machine loaded by others. With --duckdb, also DuckDB's
`CREATE TABLE t AS SELECT * FROM read_json('FILE')` timed in-process (Node,
@duckdb/node-api from node_modules, as bench/cliff.py does).
"""

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DUCKDB_JS = """
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const t0 = performance.now();
await con.run("CREATE TABLE t AS SELECT * FROM read_json('%s')");
console.log(((performance.now() - t0) / 1000).toFixed(4));
"""


def write_tables(out, rows, seed=1):
    jsonl = os.path.join(out, f"lines-{rows}.jsonl")
    csv = os.path.join(out, f"lines-{rows}.csv")
    if os.path.exists(jsonl) and os.path.exists(csv):
        return jsonl, csv
    rng = random.Random(seed)
    a = [f"x{i}" for i in range(300)]
    c = [f"label_{i}" for i in range(200)]
    with open(jsonl + ".tmp", "w") as j, open(csv + ".tmp", "w") as k:
        k.write("a,b,c\n")
        lines, cells = [], []
        for r in range(rows):
            va, vb, vc = rng.choice(a), rng.randrange(500), rng.choice(c)
            lines.append(f'{{"a":"{va}","b":{vb},"c":"{vc}"}}\n')
            cells.append(f"{va},{vb},{vc}\n")
            if len(lines) == 100000 or r + 1 == rows:
                j.write("".join(lines))
                k.write("".join(cells))
                lines, cells = [], []
    os.replace(jsonl + ".tmp", jsonl)
    os.replace(csv + ".tmp", csv)
    return jsonl, csv


def run_tsum(tsum, path, threads):
    args = [tsum, "--stats"] + (["--threads", str(threads)] if threads else []) + [path]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    t0 = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    if p.returncode != 0:
        raise SystemExit(f"tsum failed on {path}: {p.stderr.strip()}")
    read = float(re.search(r"read\+encode ([0-9.]+) s", p.stderr).group(1))
    return read, wall, user


def run_duckdb(path):
    p = subprocess.run(["node", "--input-type=module", "-e", DUCKDB_JS % path], capture_output=True, text=True,
                       cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"duckdb failed on {path}: {p.stderr.strip()}")
    return float(p.stdout.split()[0]), float("nan"), float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tsum", default=os.path.join(ROOT, "build", "cli", "tsum"))
    ap.add_argument("--base", help="another tsum binary, run on the JSON Lines file too")
    ap.add_argument("--rows", type=int, default=10**7)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="--threads for tsum (0: its default)")
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "out"))
    ap.add_argument("--duckdb", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    jsonl, csv = write_tables(args.out_dir, args.rows)
    cases = [("tsum JSON Lines", lambda: run_tsum(args.tsum, jsonl, args.threads)),
             ("tsum CSV", lambda: run_tsum(args.tsum, csv, args.threads))]
    if args.base:
        cases.insert(0, ("base JSON Lines", lambda: run_tsum(args.base, jsonl, args.threads)))
    if args.duckdb:
        cases.append(("DuckDB read_json", lambda: run_duckdb(jsonl)))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    results = {name: [] for name, _ in cases}
    for _ in range(args.reps):
        for name, run in cases:
            results[name].append(run())
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    print(f"| {args.rows:,} rows x 3 columns | read+encode s (median) | wall s | user CPU s | read+encode runs |")
    print("|---|---|---|---|---|")
    for name, _ in cases:
        runs = results[name]
        med = [statistics.median(r[i] for r in runs) for i in range(3)]
        print(f"| {name} | {med[0]:.2f} | {med[1]:.2f} | {med[2]:.2f} | "
              f"{', '.join(f'{r[0]:.2f}' for r in sorted(runs))} |")


if __name__ == "__main__":
    main()
