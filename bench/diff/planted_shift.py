"""Planted shifts and random halves for `tsum diff` (the figures in docs/diff.md).

Tables: ROWS rows, COLUMNS categorical columns of VALUES values each, values drawn
independently with Zipf-like weights (1/(k+1)), so nothing but the planted change differs
between OLD and NEW.

  shift   OLD and NEW drawn alike; in NEW a fraction delta of the rows (chosen at random)
          get the segment's K values (K in 2..4, random columns and values): the
          segment's share moves up by about delta percentage points.
  new     a combination of K values that OLD never holds (rows holding it are redrawn);
          in NEW a fraction delta of the rows get it.
  halves  one table, split into two random halves: nothing changed.

For shift and new, a seed is a hit when the rank-1 reported pattern is exactly the
planted segment; for halves, a seed is a false positive when anything is reported.

  python bench/diff/planted_shift.py --tsum build/cli/tsum --seeds 100
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROWS = 100_000
COLUMNS = 8
VALUES = 10


def draw(rng, rows):
    weights = 1.0 / np.arange(1, VALUES + 1)
    weights /= weights.sum()
    return rng.choice(VALUES, size=(rows, COLUMNS), p=weights)


def write(path, table):
    # Parquet (tsum reads it natively): far quicker to write than CSV from Python.
    labels = np.array([[f"c{j}v{v}" for v in range(VALUES)] for j in range(COLUMNS)])
    pq.write_table(pa.table({f"c{j}": labels[j][table[:, j]] for j in range(COLUMNS)}), path)


def segment(rng):
    k = int(rng.integers(2, 5))
    columns = sorted(rng.choice(COLUMNS, size=k, replace=False).tolist())
    return {c: int(rng.integers(0, VALUES)) for c in columns}


def holds(table, seg):
    mask = np.ones(len(table), dtype=bool)
    for c, v in seg.items():
        mask &= table[:, c] == v
    return mask


def planted(rng, kind, delta):
    old, new = draw(rng, ROWS), draw(rng, ROWS)
    seg = segment(rng)
    if kind == "new":
        for t in (old, new):
            while True:  # redraw the rows that hold the combination by chance
                m = holds(t, seg)
                if not m.any():
                    break
                t[m] = draw(rng, int(m.sum()))
    rows = rng.choice(ROWS, size=int(round(delta / 100 * ROWS)), replace=False)
    for c, v in seg.items():
        new[rows, c] = v
    return old, new, {f"c{c}": f"c{c}v{v}" for c, v in seg.items()}


def run(tsum, *args):
    t = time.perf_counter()
    out = subprocess.run([tsum, *args], check=True, capture_output=True, text=True).stdout
    return out, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsum", default="build/cli/tsum")
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--deltas", default="1,2,5")
    ap.add_argument("--kinds", default="shift,new,halves")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path, both_path = (os.path.join(tmp, n) for n in ("old.parquet", "new.parquet", "both.parquet"))
        for kind in args.kinds.split(","):
            deltas = [0.0] if kind == "halves" else [float(d) for d in args.deltas.split(",")]
            for delta in deltas:
                hits, diff_time, summary_time = 0, 0.0, 0.0
                for seed in range(args.seeds):
                    rng = np.random.default_rng(seed)
                    if kind == "halves":
                        table = draw(rng, 2 * ROWS)
                        old, new, seg = table[:ROWS], table[ROWS:], None
                    else:
                        old, new, seg = planted(rng, kind, delta)
                    write(old_path, old)
                    write(new_path, new)
                    out, seconds = run(args.tsum, "diff", "--format", "json", "--threads", "1", old_path, new_path)
                    diff_time += seconds
                    patterns = json.loads(out)["patterns"]
                    if kind == "halves":
                        hits += bool(patterns)
                    else:
                        hits += bool(patterns) and patterns[0]["pattern"] == seg
                    if seed < 10:  # the reference: summarizing OLD and NEW together
                        write(both_path, np.vstack([old, new]))
                        summary_time += run(args.tsum, "--threads", "1", "--format", "json", both_path)[1]
                label = "false positives" if kind == "halves" else "rank-1 hits"
                print(f"{kind:6} delta={delta:g}: {label} {hits}/{args.seeds}; mean diff {diff_time / args.seeds:.3f} s, "
                      f"mean summary of OLD+NEW {summary_time / min(10, args.seeds):.3f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
