#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/) from the project's test data.

usage: make_seeds.py OUT_DIR     (writes OUT_DIR/{csv,json,parquet,arrow_ipc,cli_args}_fuzz/)

Seeds are kept small (a few KiB) so that the fuzzers mutate structure rather than spend
their time on long bodies: CSV files are cut after a few lines, JSON arrays of objects
after a few records (written both as an array and as JSON Lines). The CSV and JSON
targets read their options from the first byte, so each seed gets a few option bytes.
Parquet seeds are the small DuckDB fixtures (the big ones only slow the fuzzer down);
Arrow IPC seeds the committed fixtures of tests/data/arrow-ipc, each behind an option byte.
Missing sources (no npm test data yet) are skipped.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VEGA = os.path.join(ROOT, "node_modules", "vega-datasets", "data")
TESTDATA = os.environ.get("TSUM_TESTDATA_DIR", os.path.join(ROOT, "node_modules", ".tsum-testdata"))


def write(out_dir, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)


def files(directory, extensions):
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(extensions))


def csv_seeds(out_dir):
    sources = files(os.path.join(ROOT, "examples"), (".csv",)) + files(VEGA, (".csv", ".tsv"))
    sources += files(os.path.join(TESTDATA, "parquet"), (".csv",))
    for path in sources:
        with open(path, "rb") as f:
            head = b"".join(f.readlines()[:12])[:3000]
        # control byte: low 3 bits delimiter (4 = detect), bit 3 no-header, high bits chunk size.
        for control in (0x04, 0x34, 0xF4, 0x0C):
            write(out_dir, bytes([control]) + head)
    for text in (b'a,b\n"x,y",1\n"q""q",\n', b'a;b\r\n1;2\r\n', b"\xef\xbb\xbfa|b\n1|2\n", b'a\n\n"\n"\n'):
        write(out_dir, b"\x04" + text)


def json_records(path):
    try:
        with open(path, "rb") as f:
            value = json.load(f)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value[:8]):
        return value[:8]
    return None


def json_seeds(out_dir):
    sources = files(os.path.join(ROOT, "tests", "data", "json"), (".json", ".jsonl"))
    sources += files(VEGA, (".json",))
    for path in sources:
        if path.endswith(".jsonl") or os.path.getsize(path) > 50_000_000:
            continue
        records = json_records(path)
        if records is None:
            continue
        array = json.dumps(records).encode()[:4000]
        lines = "\n".join(json.dumps(r) for r in records).encode()[:4000]
        pretty = json.dumps(records[:2], indent=2).encode()[:4000]
        # control byte: low 2 bits layout (0 auto, 1 array, 2 lines), high bits chunk size.
        write(out_dir, b"\x00" + array)
        write(out_dir, b"\x41" + array)
        write(out_dir, b"\x02" + lines)
        write(out_dir, b"\xfc" + lines)
        write(out_dir, b"\x00" + pretty)
    for path in files(os.path.join(ROOT, "tests", "data", "json"), (".jsonl",)):
        with open(path, "rb") as f:
            write(out_dir, b"\x02" + f.read()[:4000])
    for text in (b'[{"a":1,"b":null},{"b":[1,{"c":"\\u00e9"}],"a":true}]', b'{"a":1e3}\n\n{"a":"x"}\n'):
        write(out_dir, b"\x00" + text)


def parquet_seeds(out_dir):
    for path in files(os.path.join(TESTDATA, "parquet"), (".parquet",)):
        if os.path.getsize(path) <= 64 * 1024:
            with open(path, "rb") as f:
                write(out_dir, f.read())


def arrow_ipc_seeds(out_dir):
    for path in files(os.path.join(ROOT, "tests", "data", "arrow-ipc"), (".arrow", ".arrows")):
        with open(path, "rb") as f:
            data = f.read()
        write(out_dir, b"\x00" + data)
        write(out_dir, b"\x01" + data)


def cli_seeds(out_dir):
    command_lines = [
        ["data.csv"],
        ["--cost", "tsum-dask", "--format", "json", "-o", "out.json", "a.csv", "b.csv"],
        ["--columns", "a,b", "--exclude", "c", "--limit", "5", "--threads", "2", "x.jsonl"],
        ["--delimiter", "tab", "--no-header", "--input-format", "tsv", "-"],
        ["--bins", "age=4", "--bins", "auto", "--type", "when=date", "--keep-id-columns", "t.parquet"],
        ["--format", "markdown", "--stats", "-q", "--query", "SELECT 1", "sqlite:///tmp/x.db"],
        ["--help"],
        ["--version"],
    ]
    for args in command_lines:
        write(out_dir, b"\x00".join(a.encode() for a in args))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    for target, make in (("csv_fuzz", csv_seeds), ("json_fuzz", json_seeds),
                         ("parquet_fuzz", parquet_seeds), ("arrow_ipc_fuzz", arrow_ipc_seeds),
                         ("cli_args_fuzz", cli_seeds)):
        out_dir = os.path.join(sys.argv[1], target)
        os.makedirs(out_dir, exist_ok=True)
        make(out_dir)
        print(f"make_seeds: {target}: {len(os.listdir(out_dir))} seeds in {out_dir}")


if __name__ == "__main__":
    main()
