#!/usr/bin/env bash
# The figures of the readers (sources), printed as the "## Sources" section of
# docs/benchmarks.md (bench/run writes the other sections; paste or append this one):
#
#   1. flights-3m.parquet (vega-datasets@3.2.1), read and encode: tsum's --stats
#      "read+encode" against DuckDB (@duckdb/node-api, pinned) materializing the same file,
#      CREATE TABLE t AS SELECT * FROM 'flights-3m.parquet'; runs interleaved, medians
#      (tests/io/parquet/time_flights.sh).
#   2. The whole flights-3m.parquet summary, end to end (process spawn to exit), under the
#      paper model without binning (budget: 1.5 s) and with the defaults.
#   3. PostgreSQL: rows per second streamed from a 10^6-row table by tsum's reader against
#      psql's \copy to /dev/null, on the same throw-away server (scripts/pg-stream-bench.sh).
#
#   bench/sources.sh [TSUM_BINARY] [RUNS]        defaults: build/cli/tsum, 5
#   bench/sources.sh ... --pg-rows N             (after the positionals) PostgreSQL table size
#
# Needs `make testdata` (vega-datasets, DuckDB) and PostgreSQL's server binaries
# (scripts/install-deps.sh). Wall-clock times: run it on an otherwise idle machine; the
# load average before and after is printed with the figures.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TSUM=${1:-$ROOT/build/cli/tsum}
RUNS=${2:-5}
PG_ROWS=1000000
if [[ "${3:-}" == "--pg-rows" ]]; then PG_ROWS=${4:?--pg-rows needs a number}; fi
FILE=$ROOT/node_modules/vega-datasets/data/flights-3m.parquet
[[ -x "$TSUM" ]] || { echo "sources: no tsum binary at $TSUM" >&2; exit 1; }
[[ -f "$FILE" ]] || { echo "sources: $FILE is missing: run \`make testdata\`" >&2; exit 1; }
TSUM=$(cd "$(dirname "$TSUM")" && pwd)/$(basename "$TSUM")

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# Wall seconds of one run of the command (output discarded).
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

load_before=$(load)
flights=$("$ROOT/tests/io/parquet/time_flights.sh" "$TSUM" "$RUNS")

"$TSUM" -q --cost paper --bins none "$FILE" >/dev/null  # warm the page cache
none_times=() default_times=()
for ((i = 1; i <= RUNS; i++)); do
  none_times+=("$(wall "$TSUM" -q --cost paper --bins none "$FILE")")
  default_times+=("$(wall "$TSUM" -q "$FILE")")
done
none_median=$(printf '%s\n' "${none_times[@]}" | median)
default_median=$(printf '%s\n' "${default_times[@]}" | median)
patterns_none=$("$TSUM" -q --cost paper --bins none --format json "$FILE" | grep -o '"totals":{"patterns":[0-9]*' | grep -o '[0-9]*$')
stats_none=$("$TSUM" -q --stats --cost paper --bins none "$FILE" 2>&1 >/dev/null | grep 'tsum stats' || true)

pg=$("$ROOT/scripts/pg-stream-bench.sh" "$PG_ROWS" "$TSUM" 2>&1 | grep -v '^pg-test-server:' || true)
load_after=$(load)

fmt3() { printf '%.3f' "$1"; }
cat <<EOF
## Sources

Measured by \`bench/sources.sh ${1:-build/cli/tsum} $RUNS\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores
($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $load_before before and
$load_after after (wall times on a loaded machine are longer than on a quiet one).

### flights-3m.parquet: read and encode, tsum against DuckDB

\`tests/io/parquet/time_flights.sh\`: tsum's \`--stats\` read+encode (footer, pages,
decompression, decoding, canonical text, dictionary encoding) against DuckDB's
\`CREATE TABLE t AS SELECT * FROM 'flights-3m.parquet'\` timed in-process; $RUNS interleaved runs.

\`\`\`
$flights
\`\`\`

### flights-3m.parquet: the whole summary, end to end

Process spawn to exit, median of $RUNS runs (3,000,000 rows × 5 columns).

| command | median | runs (s) |
|---|---|---|
| \`tsum --cost paper --bins none flights-3m.parquet\` ($patterns_none patterns) | $(fmt3 "$none_median") s | ${none_times[*]} |
| \`tsum flights-3m.parquet\` (defaults: binning, identifier-like columns left out) | $(fmt3 "$default_median") s | ${default_times[*]} |

\`--stats\` of one \`--bins none\` run: \`${stats_none#tsum stats: }\`

### PostgreSQL: rows per second streamed

\`scripts/pg-stream-bench.sh $PG_ROWS\`: a throw-away server (initdb + pg_ctl on loopback),
table \`bench_person\` ($PG_ROWS rows: id, customer_id, name, address, amount, created);
best of 3 for each side. tsum's figure is its read+encode time (connect, COPY … TO STDOUT,
parsing, canonical text, dictionary encoding, merge); psql's is the wall time of
\`psql -c "\\copy (SELECT * FROM bench_person) to '/dev/null'"\`.

\`\`\`
$pg
\`\`\`
EOF
