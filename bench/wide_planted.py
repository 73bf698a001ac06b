#!/usr/bin/env python3
"""bench/wide_planted.py: a wide table of uniform labels with planted patterns, for `entropy`.

    bench/wide_planted.py ROWS COLUMNS LABELS PATTERNS OUT.csv [--width 8] [--share 0.5] [--seed 7]

Columns c0 ... c{COLUMNS-1}, each cell uniform among LABELS labels (v0 ...). PATTERNS
patterns each fix WIDTH random columns to random labels; a SHARE of the rows (drawn at
random) take one of them, uniformly. Under `--cost entropy` each planted pattern is found
(a pattern of WIDTH items saves bits), one root step each, and no column pair fits the
kept pair counts, so each step counts its value pairs in pair grids: the table of
docs/benchmarks.md, "Entropy: bounds of runs counted before" (20,000 x 200 of 50 labels
with 10 patterns; 50,000 x 300 with 20).
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("columns", type=int)
    ap.add_argument("labels", type=int)
    ap.add_argument("patterns", type=int)
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--share", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not 1 <= args.width <= args.columns or args.patterns < 1 or args.labels < 1:
        raise SystemExit("wide_planted.py: need 1 <= WIDTH <= COLUMNS, PATTERNS >= 1 and LABELS >= 1")
    rng = random.Random(args.seed)
    patterns = []
    for _ in range(args.patterns):
        columns = rng.sample(range(args.columns), args.width)
        patterns.append({c: rng.randrange(args.labels) for c in columns})
    with open(args.out, "w") as f:
        f.write(",".join(f"c{c}" for c in range(args.columns)) + "\n")
        for _ in range(args.rows):
            row = [rng.randrange(args.labels) for _ in range(args.columns)]
            if rng.random() < args.share:
                for c, v in patterns[rng.randrange(args.patterns)].items():
                    row[c] = v
            f.write(",".join(f"v{x}" for x in row) + "\n")


if __name__ == "__main__":
    main()
