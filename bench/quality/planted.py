"""Planted-pattern quality benchmark: how many planted patterns each (search, cost)
recovers.

Table: D columns of skewed categorical background (value i of a column drawn with
weight 1 / (i + 1), labels of varied length: one to twelve letters), and k planted
patterns of 2-4 items each, each covering `share` of the rows (disjoint row blocks).
Each planted cell is replaced by a background value with probability nu. A planted
pattern counts as found when it appears exactly (same items) among the top k + 2
patterns; `extra` counts the patterns among the top k + 2 that are not planted.

Usage: PYTHONPATH=build/python python bench/quality/planted.py [--rows N] [--seeds S]
Prints one Markdown table (mean over seeds, per nu) and the total wall time per pair.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import tsum

PAIRS = [(s, c) for c in ("paper", "tsum-dask", "tsum-js", "entropy") for s in ("greedy", "beam", "bottom-up")]


def make_table(rng: np.random.Generator, rows: int, d: int, card: int, k: int, share: float, nu: float):
    letters = "abcdefghijklmnopqrstuvwxyz"
    columns = {}
    labels = []
    for c in range(d):
        values = [letters[c % 26] + letters[(c + i) % 26] * int(rng.integers(1, 12)) + str(i) for i in range(card)]
        labels.append(values)
        weights = 1.0 / np.arange(1, card + 1)
        columns[f"col{c}"] = rng.choice(card, size=rows, p=weights / weights.sum())
    planted = []
    block = int(rows * share)
    for j in range(k):
        size = int(rng.integers(2, 5))
        cols = sorted(rng.choice(d, size=size, replace=False).tolist())
        items = {f"col{c}": int(rng.integers(0, card)) for c in cols}
        start = j * block
        for name, value in items.items():
            cells = columns[name][start:start + block]
            keep = rng.random(block) >= nu
            cells[keep] = value  # the others keep their background value
        planted.append({name: labels[int(name[3:])][v] for name, v in items.items()})
    frame = pd.DataFrame({name: [labels[int(name[3:])][v] for v in codes] for name, codes in columns.items()})
    return frame, planted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--cardinality", type=int, default=8)
    parser.add_argument("--planted", type=int, default=4)
    parser.add_argument("--share", type=float, default=0.1)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    k = args.planted
    results = {}
    seconds = {pair: 0.0 for pair in PAIRS}
    for nu in (0.0, 0.05, 0.1, 0.2):
        for seed in range(args.seeds):
            rng = np.random.default_rng(1000 * seed + int(nu * 100))
            frame, planted = make_table(rng, args.rows, args.columns, args.cardinality, k, args.share, nu)
            for search, cost in PAIRS:
                start = time.perf_counter()
                summary = tsum.summarize(frame, cost=cost, search=search, bins="none", keep_id_columns=True)
                seconds[(search, cost)] += time.perf_counter() - start
                top = [p.pattern for p in list(summary)[: k + 2]]
                found = sum(1 for p in planted if p in top)
                extra = sum(1 for p in top if p not in planted)
                r = results.setdefault((search, cost, nu), [0, 0, 0])
                r[0] += found
                r[1] += extra
                r[2] += 1
    print(f"rows {args.rows}, columns {args.columns}, cardinality {args.cardinality}, "
          f"{k} planted patterns of 2-4 items covering {args.share:.0%} of the rows each, {args.seeds} seeds\n")
    print("| search | cost | recall ν=0 | ν=0.05 | ν=0.1 | ν=0.2 | not planted in top k+2 (mean, ν=0.1) | time (all tables) |")
    print("|---|---|---|---|---|---|---|---|")
    for search, cost in PAIRS:
        cells = []
        for nu in (0.0, 0.05, 0.1, 0.2):
            found, extra, n = results[(search, cost, nu)]
            cells.append(f"{found / (n * k):.2f}")
        _, extra, n = results[(search, cost, 0.1)]
        print(f"| {search} | {cost} | " + " | ".join(cells) + f" | {extra / n:.1f} | {seconds[(search, cost)]:.2f} s |")


if __name__ == "__main__":
    main()
