#!/usr/bin/env bash
# End to end: PostgreSQL (wal_level=logical) -> Debezium (embedded engine, pgoutput) ->
# JSON lines -> tsum state apply; the summary of the state must equal, byte for byte (the
# "input" member aside), that of `COPY (SELECT * FROM person ORDER BY id) TO STDOUT CSV
# HEADER` taken when the stream ends.
#
#   tests/state/debezium_e2e.sh BUILD_DIR
#
# Needs the PostgreSQL server binaries, psql, java/javac (17+) and mvn. The Debezium jars
# are resolved from Maven Central once, into BUILD_DIR/debezium (not committed); the
# capture program (tests/state/debezium/CaptureEvents.java) is compiled there too. One
# JVM runs for the whole test.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [[ "${1:-}" != "--inner" ]]; then
  build=$(cd "${1:?usage: debezium_e2e.sh BUILD_DIR}" && pwd)
  cache=$build/debezium
  for tool in java javac mvn psql; do
    command -v "$tool" >/dev/null || { echo "debezium_e2e: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
  done
  if [[ ! -f $cache/lib/.complete ]]; then
    echo "debezium_e2e: resolving the Debezium jars into $cache (once)"
    mvn -B -q -Dmaven.repo.local="$cache/m2" -f "$here/debezium/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$cache/lib"
    touch "$cache/lib/.complete"
  fi
  if [[ ! -f $cache/classes/CaptureEvents.class || $here/debezium/CaptureEvents.java -nt $cache/classes/CaptureEvents.class ]]; then
    javac -d "$cache/classes" -cp "$cache/lib/*" "$here/debezium/CaptureEvents.java"
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/tsum-debezium.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  TSUM_PG_SERVER_OPTIONS="-c wal_level=logical -c max_wal_senders=4 -c max_replication_slots=4" \
    "$root/scripts/pg-test-server.sh" run "$work/server" -- "$0" --inner "$build" "$work"
  exit $?
fi

build=$2
work=$3
cache=$build/debezium
tsum=$build/cli/tsum
url=${TSUM_PG_URL:?}
# postgresql://USER:PASSWORD@HOST:PORT/DB
rest=${url#postgresql://}
user=${rest%%:*}; rest=${rest#*:}
password=${rest%%@*}; rest=${rest#*@}
host=${rest%%:*}; rest=${rest#*:}
port=${rest%%/*}; db=${rest#*/}
export PGTZ=UTC PGDATESTYLE=ISO
sql() { psql -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }

person_row='(ARRAY[$$Ann$$,$$Bob$$,$$O''Brien$$,$$Smith, Jr.$$,$$say "hi"$$,$$Zoë$$,$$Li$$])[1 + floor(random() * 7)::int],
  (18 + floor(random() * 60))::int2,
  (ARRAY[$$Lyon$$, $$Oslo$$, NULL, $$Porto$$, $$São Paulo$$])[1 + floor(random() * 5)::int],
  round((random() * 2000 - 1000)::numeric, 2),
  date $$1950-01-01$$ + floor(random() * 20000)::int,
  random() < 0.6,
  timestamp $$2024-01-01$$ + random() * interval $$300 days$$,
  CASE WHEN random() < 0.5 THEN round((random() * 10)::numeric) / 2 ELSE random() * 100 END,
  CASE WHEN random() < 0.3 THEN NULL WHEN random() < 0.1 THEN $$$$ ELSE $$note $$ || floor(random() * 20) END,
  timestamptz $$2024-01-01 00:00:00+00$$ + random() * interval $$100 days$$'

sql >/dev/null <<SQL
SELECT setseed(0.42);
CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL, age int2, city varchar(20), score numeric(8,2),
                     born date, active boolean, created timestamp, rating float8, note text, seen timestamptz);
CREATE TABLE tsum_marker (id int PRIMARY KEY);
INSERT INTO person SELECT g, $person_row FROM generate_series(1, 2000) g;
SQL

java -cp "$cache/classes:$cache/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn CaptureEvents \
  "$host" "$port" "$db" "$user" "$password" "$work" "$work/events.jsonl" tsum_marker >"$work/capture.log" 2>&1 &
capture=$!

# The workload: transactions of inserts, updates (one of the key), deletes, while the
# connector snapshots and then streams.
for round in $(seq 1 12); do
  sql >/dev/null <<SQL
SELECT setseed(0.$round);
BEGIN;
INSERT INTO person SELECT g, $person_row FROM generate_series(2000 + $round * 100, 2000 + $round * 100 + 59) g;
UPDATE person SET age = age + 1, city = 'Kyiv', rating = random() WHERE id % 7 = $round % 7;
DELETE FROM person WHERE id % 11 = $round % 11 AND id < 1500;
COMMIT;
UPDATE person SET id = id + 100000 WHERE id % 37 = $round AND id < 100000;
UPDATE person SET score = -score, note = NULL, seen = seen + interval '1 hour 0.5 second' WHERE id % 5 = $round % 5 AND id % 3 = 0;
DELETE FROM person WHERE id IN (SELECT id FROM person ORDER BY random() LIMIT 5);
SQL
  # The first rounds overlap the connector's start and snapshot; the others wait for the
  # snapshot's last record, so that they are streamed.
  if (( round == 3 )); then
    for _ in $(seq 1 600); do
      grep -q '"snapshot":"last"' "$work/events.jsonl" 2>/dev/null && break
      kill -0 "$capture" 2>/dev/null || break
      sleep 0.2
    done
  fi
done
sql -c "INSERT INTO tsum_marker VALUES (1)"
if ! wait "$capture"; then
  echo "debezium_e2e: the capture program failed:" >&2
  tail -30 "$work/capture.log" >&2
  exit 1
fi
sql -c "COPY (SELECT * FROM person ORDER BY id) TO STDOUT CSV HEADER" >"$work/snapshot.csv"

events=$(wc -l <"$work/events.jsonl")
echo "debezium_e2e: $events events captured; $(($(wc -l <"$work/snapshot.csv") - 1)) rows in the snapshot"
half=$((events / 2))
head -n "$half" "$work/events.jsonl" >"$work/first.jsonl"
tail -n +"$((half + 1))" "$work/events.jsonl" >"$work/second.jsonl"

"$tsum" state init "$work/person.tsum" --key id
"$tsum" state apply "$work/person.tsum" "$work/first.jsonl"
"$tsum" state apply "$work/person.tsum" "$work/second.jsonl"
# At-least-once delivery: everything again changes nothing.
"$tsum" state apply "$work/person.tsum" "$work/first.jsonl" "$work/second.jsonl"
"$tsum" state info "$work/person.tsum"

strip_input() { sed -E '1s/^\{"input":"[^"]*",/{/'; }
failed=0
for cost in paper tsum-dask tsum-js; do
  "$tsum" "$work/person.tsum" --format json --cost "$cost" | strip_input >"$work/state.$cost.json"
  "$tsum" "$work/snapshot.csv" --format json --cost "$cost" | strip_input >"$work/snapshot.$cost.json"
  if cmp -s "$work/state.$cost.json" "$work/snapshot.$cost.json"; then
    echo "debezium_e2e: --cost $cost: the state's summary equals the snapshot's"
  else
    echo "debezium_e2e: --cost $cost: the summaries differ:" >&2
    diff <(tr ',' '\n' <"$work/snapshot.$cost.json") <(tr ',' '\n' <"$work/state.$cost.json") | head -20 >&2
    failed=1
  fi
done
# The rows themselves, as a check independent of the summary: the state read back as CSV.
exit $failed
