#!/usr/bin/env python3
"""bench/distinct_values.py: a table whose first column holds a distinct value per row or so.

    bench/distinct_values.py --kind time|number [--rows 1000000] [--out-dir bench/out] [--parquet]

Writes R rows of `<first>,kind,status` to bench/out/<kind>s-R.csv (reused when present),
`kind` one of 5 letters and `status` one of 3 words:
- `--kind time`: `time` uniform over the seconds of 2020-2022 (at 10^6 rows 994,791
  distinct values; Python `random.seed(3)`);
- `--kind number`: `price` uniform in [0, 1000) with 4 decimals (at 10^6 rows ~10^6
  distinct values; `random.seed(5)`).
Preparation types the first column and bins it (by calendar period, or by numeric range),
parsing every distinct value: the tables measure that step (`bench/ab.py OLD NEW FILE
--same`, docs/benchmarks.md, "Preparation: a column's values in blocks").

`--parquet` also writes the table as <kind>s-R.parquet with DuckDB (node_modules'
@duckdb/node-api, as bench/cliff.py): every column as text, row groups of 122,880 rows, so
the first column lands in PLAIN pages (docs/benchmarks.md, "Parquet: dictionaries sized
ahead for nearly distinct text").
"""

import argparse
import datetime
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def time_rows(rows):
    random.seed(3)
    base = datetime.datetime(2020, 1, 1)
    yield "time,kind,status\n"
    for _ in range(rows):
        t = base + datetime.timedelta(seconds=random.randrange(0, 3 * 365 * 86400))
        yield f"{t:%Y-%m-%d %H:%M:%S},{random.choice('abcde')},{random.choice(['ok', 'fail', 'retry'])}\n"


def number_rows(rows):
    random.seed(5)
    yield "price,kind,status\n"
    for _ in range(rows):
        yield f"{random.uniform(0, 1000):.4f},{random.choice('abcde')},{random.choice(['ok', 'fail', 'retry'])}\n"


PARQUET_JS = """
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run("COPY (SELECT * FROM read_csv('%s', all_varchar=true)) TO '%s' (FORMAT parquet, ROW_GROUP_SIZE 122880)");
"""


def write_parquet(csv_path, parquet_path):
    js = PARQUET_JS % (csv_path.replace("'", "''"), (parquet_path + ".tmp").replace("'", "''"))
    p = subprocess.run(["node", "--input-type=module", "-e", js], capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"duckdb failed writing {parquet_path}: {p.stderr.strip()}")
    os.replace(parquet_path + ".tmp", parquet_path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", choices=["time", "number"], required=True)
    ap.add_argument("--rows", type=int, default=10**6)
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "out"))
    ap.add_argument("--parquet", action="store_true", help="also write the table as Parquet (DuckDB)")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, f"{args.kind}s-{args.rows}.csv")
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            f.writelines((time_rows if args.kind == "time" else number_rows)(args.rows))
        os.replace(path + ".tmp", path)
    print(path)
    if args.parquet:
        parquet_path = path[: -len(".csv")] + ".parquet"
        if not os.path.exists(parquet_path):
            write_parquet(os.path.abspath(path), os.path.abspath(parquet_path))
        print(parquet_path)


if __name__ == "__main__":
    main()
