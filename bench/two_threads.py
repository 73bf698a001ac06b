#!/usr/bin/env python3
"""bench/two_threads.py: issue 21's bench tables, two builds at two threads and the new
build's two threads against one (the tables of docs/benchmarks.md, "Two threads against
one").

    bench/two_threads.py OLD_TSUM NEW_TSUM [--reps 7] [--data DIR] [--only NAME,...] [--smoke]

Writes the tables it lacks into DIR (default bench/out/two-threads): the seed table
(examples/patients.csv's rows 10^6 times), flights-3m.csv (pyarrow's write_csv of the
npm package's Parquet file, read as TSUM_TESTDATA_DIR's Makefile export finds it), the
label tables of bench/cliff.py (seed 1) and bench/paired_values.py's (seed 5). Then, per
table, bench/ab.py's alternating runs: OLD against NEW at two threads, and NEW at one
thread against NEW at two; every run of a table must write the same JSON. Prints one
Markdown row per table: the two builds' wall medians at two threads, NEW's at one and at
two, and their ratio. A one-thread run of each table takes up to ~1.5 s: the whole
sweep, ~5 minutes at 7 runs. --smoke (ctest: bench_two_threads_smoke) runs the generated
tables at 10^4 rows, and neither flights-3m file: a check that the script runs, no figure.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ab  # noqa: E402  (bench/ab.py: run_once)
import cliff  # noqa: E402  (bench/cliff.py: write_table, load)
import paired_values  # noqa: E402  (bench/paired_values.py: write_table)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def vega_file(name):
    testdata = os.environ.get("TSUM_TESTDATA_DIR", os.path.join(ROOT, "node_modules", ".tsum-testdata"))
    return os.path.join(os.path.dirname(testdata), "vega-datasets", "data", name)


def seed_table(path, copies=10**6):
    with open(os.path.join(ROOT, "examples", "patients.csv")) as f:
        header, *rows = f.read().splitlines()
    with open(path + ".tmp", "w") as f:
        f.write(header + "\n")
        block = "\n".join(rows) + "\n"
        for _ in range(copies):
            f.write(block)
    os.replace(path + ".tmp", path)


def flights_csv(path):
    parquet = vega_file("flights-3m.parquet")
    if not os.path.isfile(parquet):
        raise SystemExit(f"bench/two_threads.py: {parquet}: missing (make testdata)")
    try:
        import pyarrow.csv
        import pyarrow.parquet
    except ImportError:
        raise SystemExit("bench/two_threads.py: writing flights-3m.csv needs pyarrow: run it with .venv/bin/python")
    pyarrow.csv.write_csv(pyarrow.parquet.read_table(parquet), path + ".tmp")
    os.replace(path + ".tmp", path)


def power(n):
    return f"10^{len(str(n)) - 1}"


# (name, file, how to write it or None, tsum arguments); the smoke run's tables have 10^4
# rows (the seed table 10^4 too) and no flights-3m.
def tables(data, smoke):
    def at(name):
        return os.path.join(data, name)
    rows = 10**4 if smoke else 10**6
    out = [("seed table, 10^7 rows", at("seed-1e7.csv"), seed_table, [])]
    if smoke:
        out = [("seed table, 10^4 rows", at("seed-1e4.csv"), lambda p: seed_table(p, 10**3), [])]
    else:
        out.append(("flights-3m.csv", at("flights-3m.csv"), flights_csv, []))
        out.append(("flights-3m.parquet", vega_file("flights-3m.parquet"), None, []))
    for labels in (10, 1000, 10000, 100000):
        out.append((f"{power(rows)} × 5, {labels} labels", at(f"cliff-{rows}-5-{labels}.csv"),
                    lambda p, n=labels: cliff.write_table(p, rows, 5, n), []))
    out.append((f"{power(rows // 10)} × 50, 100 labels", at(f"cliff-{rows // 10}-50-100.csv"),
                lambda p: cliff.write_table(p, rows // 10, 50, 100), []))
    if not smoke:
        out.append(("flights-3m.csv, entropy", at("flights-3m.csv"), flights_csv, ["--cost", "entropy"]))
    for labels in (1000, 10000):
        out.append((f"paired_values.py {rows} {labels}, entropy", at(f"paired-{rows}-{labels}.csv"),
                    lambda p, n=labels: paired_values.write_table(p, rows, n), ["--cost", "entropy"]))
    if not smoke:
        out.append(("flights-3m.csv, beam", at("flights-3m.csv"), flights_csv, ["--search", "beam"]))
    return out


def alternate(binaries, threads, path, extra, reps, digests):
    walls = [[] for _ in binaries]
    for _ in range(reps):
        for i, b in enumerate(binaries):
            fields, digest = ab.run_once(b, path, threads[i], extra)
            walls[i].append(fields["wall"])
            digests.add(digest)
    return [statistics.median(w) for w in walls]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench", "out", "two-threads"))
    ap.add_argument("--only", default="", help="comma-separated substrings of table names")
    ap.add_argument("--smoke", action="store_true", help="tables of 10^4 rows, no flights-3m: a check, no figure")
    args = ap.parse_args()
    if args.reps < 1:
        raise SystemExit(f"bench/two_threads.py: --reps must be at least 1, got {args.reps}")
    for b in (args.old, args.new):
        if not (os.path.isfile(b) and os.access(b, os.X_OK)):
            raise SystemExit(f"bench/two_threads.py: {b}: not an executable file")
    os.makedirs(args.data, exist_ok=True)
    wanted = [w for w in args.only.split(",") if w]
    print(f"load average before: {cliff.load()}; {time.strftime('%H:%M:%S', time.gmtime())} UTC", file=sys.stderr)
    print("| table | two threads, old → new | new, one → two threads |")
    print("|---|---|---|")
    failed = False
    for name, path, write, extra in tables(args.data, args.smoke):
        if wanted and not any(w in name for w in wanted):
            continue
        if not os.path.exists(path):
            if write is None:
                raise SystemExit(f"bench/two_threads.py: {path}: missing (make testdata)")
            write(path)
        digests = set()
        old2, new2 = alternate([args.old, args.new], [2, 2], path, extra, args.reps, digests)
        new1, new2b = alternate([args.new, args.new], [1, 2], path, extra, args.reps, digests)
        same = "" if len(digests) == 1 else " (summaries differ!)"
        failed = failed or len(digests) != 1
        print(f"| {name} | {old2:.3f} → {new2:.3f} s | {new1:.3f} → {new2b:.3f} s, {new1 / new2b:.2f} ×{same} |",
              flush=True)
    print(f"load average after: {cliff.load()}; {time.strftime('%H:%M:%S', time.gmtime())} UTC", file=sys.stderr)
    if failed:
        raise SystemExit("bench/two_threads.py: a table's runs wrote different summaries")


if __name__ == "__main__":
    main()
