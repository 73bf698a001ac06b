#!/usr/bin/env python3
"""bench/cliff.py: tsum against DuckDB's GROUP BY ALL on tables of many small groups.

    bench/cliff.py [--tsum build/cli/tsum] [--out-dir bench/out] [--reps 3]
                   [--sweep distinct,width,rows] [--max-rows N] [--no-duckdb]

Each table has R rows and D columns whose cells are uniform among L labels v0 ... v(L-1),
written as CSV (bench/out/cliff-R-D-L.csv, reused when present). Sweeps (the figures of
docs/benchmarks.md, "Performance cliffs"):

    distinct   R = 10^6, D = 5, L = 10, 10^3, 10^4, 10^5 (patterns from 10 to ~10^5)
    width      R = 10^5, L = 100, D = 3, 50, 500
    wide-distinct  R = 10^5, D = 500, L = 1000 (the CSV reader's cell blocks)
    rows       D = 5, L = 1000, R = 10^5, 10^6, 10^7, 3 x 10^7 (capped by --max-rows)
    smoke      R = 10^4, D = 5, L = 100 (checks the script)

For each table: `tsum --stats FILE` (default options) and `tsum --stats --bins none
--keep-id-columns FILE` (exact), each timed from spawn to exit, beside DuckDB's
`CREATE TABLE g AS SELECT *, count(*) FROM 'FILE' GROUP BY ALL` timed in-process around
that statement (Node, @duckdb/node-api from node_modules), in alternating runs; medians of
--reps runs. The tsum rows also give the search's and the ranking's evaluation counts
(deterministic, unlike times) and time per reported pattern. Prints a Markdown table and
the load average before and after; wall times on a loaded machine are inflated.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SWEEPS = {
    "distinct": [(10**6, 5, 10), (10**6, 5, 10**3), (10**6, 5, 10**4), (10**6, 5, 10**5)],
    "width": [(10**5, 3, 100), (10**5, 50, 100), (10**5, 500, 100)],
    "wide-distinct": [(10**5, 500, 1000)],
    "rows": [(10**5, 5, 1000), (10**6, 5, 1000), (10**7, 5, 1000), (3 * 10**7, 5, 1000)],
    "smoke": [(10**4, 5, 100)],  # checks the script itself
}

DUCKDB_JS = """
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const t0 = performance.now();
await con.run("CREATE TABLE g AS SELECT *, count(*) AS n FROM '%s' GROUP BY ALL");
const s = (performance.now() - t0) / 1000;
const r = await con.runAndReadAll('SELECT count(*) FROM g');
console.log(s.toFixed(4) + ' ' + r.getRows()[0][0]);
"""


def table_path(out, rows, columns, labels):
    return os.path.join(out, f"cliff-{rows}-{columns}-{labels}.csv")


def write_table(path, rows, columns, labels, seed=1):
    if os.path.exists(path):
        return
    rng = random.Random(seed)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(",".join(f"c{c}" for c in range(columns)) + "\n")
        batch = []
        for _ in range(rows):
            batch.append(",".join(f"v{rng.randrange(labels)}" for _ in range(columns)))
            if len(batch) == 100000:
                f.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            f.write("\n".join(batch) + "\n")
    os.replace(tmp, path)


def parse_stats(stderr):
    """The `tsum stats:` line of `--stats` as {phase: seconds} plus "patterns", "rss MiB",
    "expand_evaluations" and "marshal_evaluations"; None when stderr holds no such line."""
    line = next((l for l in stderr.splitlines() if l.startswith("tsum stats:")), None)
    if line is None:
        return None
    stats = {k.strip(): float(v) for k, v in re.findall(r"([a-z+ ]+?) ([0-9.]+) s\b", line)}
    stats["patterns"] = int(re.search(r"(\d+) patterns", line).group(1))
    stats["rss MiB"] = float(re.search(r"peak RSS (\d+) MiB", line).group(1))
    m = re.search(r"evaluations: expand (\d+), marshal (\d+)", line)
    stats["expand_evaluations"], stats["marshal_evaluations"] = int(m.group(1)), int(m.group(2))
    return stats


def run_tsum(tsum, path, exact):
    args = [tsum, "--stats", "--format", "json", "-o", os.devnull]
    if exact:
        args += ["--bins", "none", "--keep-id-columns"]
    t0 = time.perf_counter()
    p = subprocess.run(args + [path], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"tsum failed on {path}: {p.stderr.strip()}")
    stats = parse_stats(p.stderr)
    if stats is None:
        raise SystemExit(f"tsum printed no stats for {path}: {p.stderr.strip()}")
    stats["seconds"] = seconds
    return stats


def run_duckdb(path):
    p = subprocess.run(["node", "--input-type=module", "-e", DUCKDB_JS % path], capture_output=True, text=True,
                       cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"duckdb failed on {path}: {p.stderr.strip()}")
    seconds, groups = p.stdout.split()
    return float(seconds), int(groups)


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tsum", default=os.path.join(ROOT, "build", "cli", "tsum"))
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "out"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--sweep", default="distinct,width,rows")
    ap.add_argument("--max-rows", type=int, default=10**7)
    ap.add_argument("--no-duckdb", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    print(f"load average before: {load()}", file=sys.stderr)
    print("| sweep | rows | columns | labels | mode | patterns | tsum s | expand s | marshal s | "
          "µs / pattern | evaluations (expand + marshal) | DuckDB s | tsum / DuckDB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for sweep in args.sweep.split(","):
        for rows, columns, labels in SWEEPS[sweep]:
            if rows > args.max_rows:
                continue
            path = table_path(args.out_dir, rows, columns, labels)
            write_table(path, rows, columns, labels)
            runs = {"default": [], "exact": []}
            duck = []
            for _ in range(args.reps):
                for mode in runs:
                    runs[mode].append(run_tsum(args.tsum, path, mode == "exact"))
                if not args.no_duckdb:
                    duck.append(run_duckdb(path)[0])
            d = statistics.median(duck) if duck else None
            for mode, rs in runs.items():
                t = statistics.median(r["seconds"] for r in rs)
                e = statistics.median(r["expand"] for r in rs)
                m = statistics.median(r["marshal"] for r in rs)
                r0 = rs[0]
                per = 1e6 * (e + m) / max(1, r0["patterns"])
                ratio = f"{t / d:.2f}" if d else "–"
                print(f"| {sweep} | {rows:,} | {columns} | {labels:,} | {mode} | {r0['patterns']:,} | {t:.2f} | "
                      f"{e:.2f} | {m:.2f} | {per:.1f} | {r0['expand_evaluations']:,} + {r0['marshal_evaluations']:,} | "
                      f"{d:.2f} | {ratio} |" if d else
                      f"| {sweep} | {rows:,} | {columns} | {labels:,} | {mode} | {r0['patterns']:,} | {t:.2f} | "
                      f"{e:.2f} | {m:.2f} | {per:.1f} | {r0['expand_evaluations']:,} + {r0['marshal_evaluations']:,} | "
                      f"– | – |", flush=True)
    print(f"load average after: {load()}", file=sys.stderr)


if __name__ == "__main__":
    main()
