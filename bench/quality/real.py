"""Real-table quality benchmark: every (search, cost) pair on public tables from
vega-datasets (node_modules/vega-datasets/data), through the CLI.

For each table and pair: total saving, saving / table bits, how many of the top 5
patterns have a single item, and wall time (best of --repeat runs). Then, per cost,
beam's gain over greedy (median and minimum over the tables), and per pair how many
tables have only one-item patterns in their top 5.

Usage: python bench/quality/real.py [--cli build/cli/tsum] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "node_modules" / "vega-datasets" / "data"
TABLES = ["airports.csv", "barley.json", "birdstrikes.csv", "cars.json", "disasters.csv", "gapminder.json",
          "jobs.json", "la-riots.csv", "movies.json", "penguins.json", "population.json", "seattle-weather.csv",
          "weather.csv", "iowa-electricity.csv", "github.csv"]
COSTS = ["paper", "tsum-dask", "tsum-js", "entropy"]
SEARCHES = ["greedy", "beam", "bottom-up"]


def run(cli: str, path: Path, cost: str, search: str, repeat: int):
    best = None
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([cli, "-q", "--format", "json", "--cost", cost, "--search", search, str(path)],
                                capture_output=True, check=True)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        out = json.loads(result.stdout)
    top5 = out["patterns"][:5]
    one_item = sum(1 for p in top5 if len(p["pattern"]) == 1)
    only_one_item = bool(top5) and one_item == len(top5)
    return out["totals"]["saving"], out["totals"]["saving_ratio"], one_item, only_one_item, best, len(out["patterns"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default=str(Path(__file__).resolve().parents[2] / "build" / "cli" / "tsum"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = {}
    for table in TABLES:
        for cost in COSTS:
            for search in SEARCHES:
                rows[(table, cost, search)] = run(args.cli, DATA / table, cost, search, args.repeat)
    for cost in COSTS:
        print(f"\n### `--cost {cost}`\n")
        print("| table | " + " | ".join(f"{s} saving (ratio, 1-item in top 5, time)" for s in SEARCHES) + " |")
        print("|---|" + "---|" * len(SEARCHES))
        for table in TABLES:
            cells = []
            for search in SEARCHES:
                saving, ratio, one, _, seconds, _ = rows[(table, cost, search)]
                cells.append(f"{saving:,.0f} ({ratio:.1%}, {one}, {seconds:.2f} s)")
            print(f"| {table} | " + " | ".join(cells) + " |")
    print("\n### Summary\n")
    print("| cost | search | median gain over greedy | worst gain | tables with only 1-item patterns in top 5 | total time | time / greedy's |")
    print("|---|---|---|---|---|---|---|")
    for cost in COSTS:
        greedy_time = sum(rows[(t, cost, "greedy")][4] for t in TABLES)
        for search in SEARCHES:
            gains = []
            for t in TABLES:
                g = rows[(t, cost, "greedy")][0]
                s = rows[(t, cost, search)][0]
                gains.append((s - g) / g if g > 0 else 0.0)
            only = sum(1 for t in TABLES if rows[(t, cost, search)][3])
            total = sum(rows[(t, cost, search)][4] for t in TABLES)
            print(f"| {cost} | {search} | {statistics.median(gains):+.1%} | {min(gains):+.1%} | {only} | "
                  f"{total:.2f} s | {total / greedy_time:.2f} |")


if __name__ == "__main__":
    main()
