#!/usr/bin/env python3
"""bench/state_bench.py: the state-file figures of docs/benchmarks.md (section "State
files"): events applied per second, state bytes per row, and summarizing a 10^7-row state
against the same rows from Parquet.

    .venv/bin/python bench/state_bench.py [--build-dir build] [--out-dir bench/out/state]
        [--events 1000000] [--rows 10000000] [--reps 3]

Needs pyarrow (python/requirements/test.lock) to write the Parquet file. Every command is
timed from spawn to exit (wall clock); the median of --reps runs is reported, after one
untimed run (warm page cache). Prints a Markdown section to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

NAMES = ["Ann", "Bob", "O'Brien", "Cy", "Dee", "Zoë", "Li", "Marta"]
CITIES = ["Lyon", "Oslo", "Porto", None, "Kyiv"]
SCHEMA_FIELDS = (
    '{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":false,"field":"name"},'
    '{"type":"int16","optional":true,"field":"age"},{"type":"string","optional":true,"field":"city"},'
    '{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,'
    '"parameters":{"scale":"2","connect.decimal.precision":"8"},"field":"score"},'
    '{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"born"},'
    '{"type":"boolean","optional":true,"field":"active"},'
    '{"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"created"},'
    '{"type":"double","optional":true,"field":"rating"},{"type":"string","optional":true,"field":"note"}'
)
SCHEMA = (
    '{"type":"struct","fields":[{"type":"struct","fields":[' + SCHEMA_FIELDS + '],"optional":true,"field":"before"},'
    '{"type":"struct","fields":[' + SCHEMA_FIELDS + '],"optional":true,"field":"after"},'
    '{"type":"struct","fields":[{"type":"string","optional":false,"field":"connector"}],"optional":false,"field":"source"},'
    '{"type":"string","optional":false,"field":"op"}],"optional":false,"name":"pg.public.person.Envelope"}'
)


def row_json(rng: random.Random, i: int) -> str:
    city = CITIES[rng.randrange(5)]
    cents = rng.randrange(-100000, 100000)
    score = base64.b64encode(cents.to_bytes(4, "big", signed=True)).decode()
    note = "null" if rng.random() < 0.3 else f'"note {rng.randrange(50)}"'
    return (f'{{"id":{i},"name":"{NAMES[rng.randrange(8)]}","age":{18 + rng.randrange(60)},'
            f'"city":{"null" if city is None else chr(34) + city + chr(34)},"score":"{score}",'
            f'"born":{rng.randrange(-20000, 10000)},"active":{"true" if rng.random() < 0.6 else "false"},'
            f'"created":{1700000000000000 + rng.randrange(10**11)},"rating":{rng.randrange(21) / 2},"note":{note}}}')


def write_events(path: Path, n: int, with_schema: bool, seed: int = 1) -> None:
    """n events: 60 % inserts of new keys, 30 % updates of existing keys, 10 % deletes."""
    rng = random.Random(seed)
    next_id, lsn = 1, 1000
    with open(path, "w") as out:
        for _ in range(n):
            lsn += 1
            r = rng.random()
            if next_id == 1 or r < 0.6:
                op, before, after, next_id = "c", "null", row_json(rng, next_id), next_id + 1
            elif r < 0.9:
                op, before, after = "u", "null", row_json(rng, rng.randrange(1, next_id))
            else:
                op, before, after = "d", f'{{"id":{rng.randrange(1, next_id)}}}', "null"
            payload = (f'{{"before":{before},"after":{after},"source":{{"schema":"public","table":"person",'
                       f'"lsn":{lsn}}},"op":"{op}"}}')
            out.write(f'{{"schema":{SCHEMA},"payload":{payload}}}\n' if with_schema else payload + "\n")


CPU = {}


def timed(cmd: list[str], reps: int, setup=None) -> float:
    """Median wall seconds of `reps` runs after one untimed run; setup() runs before each.
    The median CPU seconds (user + sys) of the same runs go to CPU[the command's tuple]."""
    times, cpus = [], []
    for k in range(reps + 1):
        if setup:
            setup()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        if k:
            times.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    CPU[tuple(cmd)] = statistics.median(cpus)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--out-dir", default="bench/out/state")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    tsum = str(Path(a.build_dir, "cli", "tsum").resolve())
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = out / "apply.tsum"
    lines = [f"## State files (`bench/state_bench.py`)", ""]
    lines.append(f"- **Machine:** {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
                 f"load average at the start {os.getloadavg()[0]:.2f}")
    lines.append(f"- **Command:** `{' '.join(['python', 'bench/state_bench.py'] + sys.argv[1:])}`")
    lines.append("")
    lines.append("| what | events | file | apply: wall (CPU) | events/s: wall (CPU) | rows after | state bytes/row |")
    lines.append("|---|---|---|---|---|---|---|")

    def fresh():
        for p in (state, Path(str(state) + ".lock")):
            if p.exists():
                p.unlink()
        subprocess.run([tsum, "state", "init", str(state), "--key", "id"], check=True)

    for with_schema, n in ((False, a.events), (True, a.events // 5)):
        events = out / f"events-{'schema' if with_schema else 'plain'}-{n}.jsonl"
        if not events.exists():
            write_events(events, n, with_schema)
        cmd = [tsum, "state", "apply", str(state), str(events), "--quiet"]
        seconds = timed(cmd, a.reps, fresh)
        cpu = CPU[tuple(cmd)]
        info = subprocess.run([tsum, "state", "info", str(state)], check=True, capture_output=True, text=True).stdout
        rows = int(info.split("rows: ")[1].split("\n")[0])
        size = state.stat().st_size
        lines.append(f"| 10-column rows, {'with' if with_schema else 'without'} the schema envelope, into an empty state "
                     f"| {n:,} | {events.stat().st_size / 2**20:.0f} MiB | {seconds:.2f} s ({cpu:.2f} s) | {n / seconds:,.0f} ({n / cpu:,.0f}) | {rows:,} "
                     f"| {size / rows:.1f} |")
    lines.append("")

    # 10^7 rows: Parquet written by pyarrow, the state initialized from it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = out / f"person-{a.rows}.parquet"
    if not parquet.exists():
        rng = random.Random(2)
        n = a.rows
        ids = list(range(1, n + 1))
        table = pa.table({
            "id": pa.array(ids, pa.int64()),
            "name": pa.array([NAMES[rng.randrange(8)] for _ in range(n)]),
            "age": pa.array([18 + rng.randrange(60) for _ in range(n)], pa.int16()),
            "city": pa.array([CITIES[rng.randrange(5)] for _ in range(n)]),
            "score": pa.array([rng.randrange(-1000, 1000) / 4 for _ in range(n)]),
            "born": pa.array([rng.randrange(-20000, 10000) for _ in range(n)], pa.int32()).cast(pa.date32()),
            "active": pa.array([rng.random() < 0.6 for _ in range(n)]),
            "visits": pa.array([rng.randrange(100) for _ in range(n)], pa.int32()),
            "rating": pa.array([rng.randrange(21) / 2 for _ in range(n)]),
            "note": pa.array([None if rng.random() < 0.3 else f"note {rng.randrange(50)}" for _ in range(n)]),
        })
        pq.write_table(table, parquet)
    big = out / f"person-{a.rows}.tsum"
    for p in (big, Path(str(big) + ".lock")):
        if p.exists():
            p.unlink()
    t = time.perf_counter()
    subprocess.run([tsum, "state", "init", str(big), "--key", "id", "--from", str(parquet)], check=True)
    init_seconds = time.perf_counter() - t
    from_state = timed([tsum, str(big), "--quiet"], a.reps)
    from_parquet = timed([tsum, str(parquet), "--quiet"], a.reps)
    same = (subprocess.run([tsum, str(big), "--format", "json"], capture_output=True, check=True).stdout.split(b",", 1)[1] ==
            subprocess.run([tsum, str(parquet), "--format", "json"], capture_output=True, check=True).stdout.split(b",", 1)[1])
    cpu_state, cpu_parquet = CPU[(tsum, str(big), "--quiet")], CPU[(tsum, str(parquet), "--quiet")]
    lines.append(f"| {a.rows:,} rows × 10 columns | file | `tsum FILE`: wall (CPU), median, end to end |")
    lines.append("|---|---|---|")
    lines.append(f"| Parquet (pyarrow defaults) | {parquet.stat().st_size / 2**20:.0f} MiB | {from_parquet:.2f} s ({cpu_parquet:.2f} s) |")
    lines.append(f"| state (`state init --from` the Parquet: {init_seconds:.1f} s) | {big.stat().st_size / 2**20:.0f} MiB "
                 f"({big.stat().st_size / a.rows:.1f} bytes/row) | {from_state:.2f} s ({cpu_state:.2f} s) |")
    lines.append("")
    lines.append(f"The two summaries are {'identical' if same else 'DIFFERENT'} (JSON, `input` aside). "
                 f"Load average at the end {os.getloadavg()[0]:.2f}.")
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
