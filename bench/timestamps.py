#!/usr/bin/env python3
"""bench/timestamps.py: a table whose first column holds raw timestamps.

    bench/timestamps.py [--rows 1000000] [--out-dir bench/out]

Writes R rows of `time,kind,status` to bench/out/timestamps-R.csv (reused when present):
`time` uniform over the seconds of 2020-2022 (at 10^6 rows 994,791 distinct values),
`kind` one of 5 letters, `status` one of 3 words (Python `random.seed(3)`). Preparation
types the `time` column and bins it by calendar period, parsing every distinct value: the
table measures that step (`bench/ab.py OLD NEW FILE --same`, docs/benchmarks.md,
"Preparation: a column's values in blocks").
"""

import argparse
import datetime
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10**6)
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "out"))
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, f"timestamps-{args.rows}.csv")
    if not os.path.exists(path):
        random.seed(3)
        base = datetime.datetime(2020, 1, 1)
        with open(path + ".tmp", "w") as f:
            f.write("time,kind,status\n")
            for _ in range(args.rows):
                t = base + datetime.timedelta(seconds=random.randrange(0, 3 * 365 * 86400))
                f.write(f"{t:%Y-%m-%d %H:%M:%S},{random.choice('abcde')},{random.choice(['ok', 'fail', 'retry'])}\n")
        os.replace(path + ".tmp", path)
    print(path)


if __name__ == "__main__":
    main()
