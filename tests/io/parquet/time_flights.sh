#!/usr/bin/env bash
# Times reading + encoding flights-3m.parquet: tsum (the CLI's --stats "read+encode"
# figure) against DuckDB materializing the same file
# (CREATE TABLE t AS SELECT * FROM 'flights-3m.parquet', in-process via @duckdb/node-api,
# timed around that statement only). Runs are interleaved; prints each run and the
# medians. Wall-clock times: run it on an otherwise idle machine.
#
#   tests/io/parquet/time_flights.sh [TSUM_BINARY] [RUNS]
#   (defaults: build/cli/tsum, 5)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
TSUM=${1:-$ROOT/build/cli/tsum}
RUNS=${2:-5}
FILE=$ROOT/node_modules/vega-datasets/data/flights-3m.parquet
[[ -x "$TSUM" ]] || { echo "time_flights: no tsum binary at $TSUM" >&2; exit 1; }
[[ -f "$FILE" ]] || { echo "time_flights: $FILE is missing: run \`make testdata\`" >&2; exit 1; }

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

tsum_times=() duck_times=()
for ((i = 1; i <= RUNS; i++)); do
  t=$("$TSUM" "$FILE" --stats -q --limit 1 2>&1 >/dev/null | sed -n 's/.*read+encode \([0-9.]*\) s.*/\1/p')
  d=$(cd "$ROOT" && node --input-type=module -e "
    import { DuckDBInstance } from '@duckdb/node-api';
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const t0 = performance.now();
    await con.run(\"CREATE TABLE t AS SELECT * FROM '$FILE'\");
    console.log(((performance.now() - t0) / 1000).toFixed(3));")
  echo "run $i: tsum $t s, duckdb $d s"
  tsum_times+=("$t") duck_times+=("$d")
done
tm=$(printf '%s\n' "${tsum_times[@]}" | median)
dm=$(printf '%s\n' "${duck_times[@]}" | median)
echo "median: tsum $tm s, duckdb $dm s, ratio $(awk -v a="$tm" -v b="$dm" 'BEGIN {printf "%.2f", a / b}')"
