#!/usr/bin/env python3
"""bench/paired_values.py: a table of many real two-item patterns, for the `entropy` model.

    bench/paired_values.py ROWS LABELS OUT.csv [--seed 5]

Columns: a uniform among LABELS labels (a0 ...); b a fixed function of a, among LABELS/10
labels (every value of a always comes with the same b); c and d noise among 50 and 7
labels. Under `--cost entropy` every pair {a = x, b = f(x)} saves bits, so the greedy
search finds about LABELS patterns, one root step each, and each root step scores every
value pair that occurs: the table of docs/benchmarks.md, "Entropy: pairs that occur, and
bounds" (10^6 rows of 10^4 labels: 9,980 patterns).
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("labels", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    if args.labels < 10:
        raise SystemExit("paired_values.py: LABELS must be at least 10")
    write_table(args.out, args.rows, args.labels, args.seed)


def write_table(path, rows, labels, seed=5):
    rng = random.Random(seed)
    partner = [rng.randrange(labels // 10) for _ in range(labels)]
    with open(path, "w") as f:
        f.write("a,b,c,d\n")
        for _ in range(rows):
            a = rng.randrange(labels)
            f.write(f"a{a},b{partner[a]},c{rng.randrange(50)},d{rng.randrange(7)}\n")


if __name__ == "__main__":
    main()
