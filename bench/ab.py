#!/usr/bin/env python3
"""bench/ab.py: two tsum binaries on one file, in alternating runs (the before/after
figures of docs/benchmarks.md).

    bench/ab.py OLD_TSUM NEW_TSUM FILE [--reps 7] [--threads 2 | --threads 1,2] [--duckdb]
                [--same] [--pause SECONDS] [-- TSUM_ARGS...]

Each round runs `TSUM --stats --threads T --format json -o - [TSUM_ARGS] FILE` once per
binary (the summary to a pipe, as bench/cliff.py's runs to /dev/null: no file written and
synced), alternating, so that a change in the machine's load falls on both. Prints, per
binary, the median of every phase `--stats` reports (seconds), of the peak RSS (MiB) and
of the wall time from spawn to exit, and the md5 prefixes of the JSON written (one prefix
when every run wrote the same bytes; the two binaries should agree when a change must not
alter the summary: --same makes any difference an error, exit status 1).

--threads T_OLD,T_NEW gives each binary its own thread count: one build named twice with
`--threads 1,2 --same` measures what the second thread buys on FILE and checks that the
summary does not depend on the thread count (docs/benchmarks.md, "Two threads against
one").

--pause waits that long before each run: memory the previous run freed is then no longer
cheap to fault in again on every machine (on a virtual machine the host may have taken it
back), so paused runs show what a single run of a user pays; back-to-back runs do not.

With --duckdb, each round also times DuckDB's `GROUP BY ALL` of FILE (bench/cliff.py's
statement, in-process, through node_modules) and prints each binary's spawn-to-exit
median as a ratio to DuckDB's median. Prints the load average before and after: wall
times on a loaded machine are inflated.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cliff  # noqa: E402  (bench/cliff.py: parse_stats, run_duckdb, load)

# parse_stats fields that are counts, not times or memory: left out of the medians printed.
NOT_TIMES = ("patterns", "expand_evaluations", "marshal_evaluations")


def run_once(tsum, path, threads, extra):
    start = time.perf_counter()
    p = subprocess.run([tsum, "--stats", "--threads", str(threads), "--format", "json", "-o", "-", *extra, path],
                       capture_output=True)
    wall = time.perf_counter() - start
    stderr = p.stderr.decode(errors="replace")
    stats = cliff.parse_stats(stderr)
    if p.returncode != 0 or stats is None:
        raise SystemExit(f"{tsum} failed on {path}: {stderr.strip()}")
    fields = {k: v for k, v in stats.items() if k not in NOT_TIMES}
    fields["wall"] = wall
    return fields, hashlib.md5(p.stdout).hexdigest()[:8]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("file")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--threads", default="2", help="T for both, or T_OLD,T_NEW")
    ap.add_argument("--duckdb", action="store_true")
    ap.add_argument("--same", action="store_true", help="fail unless every run wrote the same JSON")
    ap.add_argument("--pause", type=float, default=0.0, help="seconds to wait before each run")
    argv = sys.argv[1:]
    tsum_args = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.tsum_args = tsum_args
    for b in (args.old, args.new):
        if not (os.path.isfile(b) and os.access(b, os.X_OK)):
            raise SystemExit(f"bench/ab.py: {b}: not an executable file")
    if not os.path.isfile(args.file):
        raise SystemExit(f"bench/ab.py: {args.file}: no such file")
    try:
        threads = [int(t) for t in args.threads.split(",")]
    except ValueError:
        threads = []
    if len(threads) == 1:
        threads *= 2
    if len(threads) != 2 or min(threads) < 1:
        raise SystemExit(f"bench/ab.py: --threads wants T or T_OLD,T_NEW (positive), got {args.threads!r}")
    binaries = [args.old, args.new]
    samples = [{}, {}]  # per side (the same binary may be both)
    digests = [set(), set()]
    duckdb = []
    print(f"load average before: {cliff.load()}", file=sys.stderr)
    for _ in range(args.reps):
        for i, b in enumerate(binaries):
            time.sleep(args.pause)
            fields, digest = run_once(b, args.file, threads[i], args.tsum_args)
            for k, v in fields.items():
                samples[i].setdefault(k, []).append(v)
            digests[i].add(digest)
        if args.duckdb:
            time.sleep(args.pause)
            duckdb.append(cliff.run_duckdb(args.file)[0])
    print(f"load average after: {cliff.load()}", file=sys.stderr)
    duck = statistics.median(duckdb) if duckdb else None
    if duck is not None:
        print(f"DuckDB GROUP BY ALL: {duck:.3f} s")
    for i, (label, b) in enumerate(zip(("old", "new"), binaries)):
        medians = " ".join(f"{k} {statistics.median(v):.3f}" for k, v in samples[i].items())
        ratio = f" ({statistics.median(samples[i]['wall']) / duck:.2f} x DuckDB)" if duck else ""
        print(f"{label} {b} ({threads[i]} thread{'' if threads[i] == 1 else 's'}): {medians}{ratio}; json {','.join(sorted(digests[i]))}")
    if threads[0] != threads[1]:
        speedup = statistics.median(samples[0]["wall"]) / statistics.median(samples[1]["wall"])
        print(f"wall, {threads[0]} -> {threads[1]} threads: {speedup:.2f} x")
    if args.same and len(digests[0] | digests[1]) != 1:
        raise SystemExit("bench/ab.py: the two builds wrote different summaries")


if __name__ == "__main__":
    main()
