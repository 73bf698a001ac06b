#!/usr/bin/env bash
# Fetches tsum's real test data and derives the files the tests read.
#
#  1. npm packages pinned in package.json / package-lock.json are installed
#     into ./node_modules (npm ci; skipped when the installed tree already
#     matches the lock file).
#  2. Derived files are written to $TSUM_TESTDATA_DIR (default
#     node_modules/.tsum-testdata, git-ignored with node_modules/). A file that
#     already exists is not made again; delete it (or the directory) to redo it.
#
# See tests/data/README.md. Prints the data directory at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

TESTDATA_DIR=${TSUM_TESTDATA_DIR:-$ROOT/node_modules/.tsum-testdata}
VEGA_DATA=$ROOT/node_modules/vega-datasets/data
NPM_FLAGS=(--no-audit --no-fund --prefer-offline --loglevel=error)

log() { echo "fetch-testdata: $*"; }
die() { echo "fetch-testdata: error: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node not found (run scripts/install-deps.sh)"
command -v npm >/dev/null 2>&1 || die "npm not found (run scripts/install-deps.sh)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node.js >= 20 needed, found $(node --version)"

# ---- 1. npm packages -------------------------------------------------------
# The stamp holds a hash of package.json + package-lock.json as of the last
# successful install; npm ci deletes node_modules (and with it the stamp).
STAMP=node_modules/.tsum-npm-stamp
if [[ -f package-lock.json ]]; then
  want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -d "$VEGA_DATA" ]]; then
    log "npm packages up to date"
  else
    log "npm ci"
    npm ci "${NPM_FLAGS[@]}"
    echo "$want" >"$STAMP"
  fi
else
  log "no package-lock.json: npm install (commit the package-lock.json it writes)"
  npm install "${NPM_FLAGS[@]}" --save-exact
  cat package.json package-lock.json | sha256sum | cut -d' ' -f1 >"$STAMP"
fi

# ---- 2. derived files --------------------------------------------------------
mkdir -p "$TESTDATA_DIR"
TESTDATA_DIR=$(cd "$TESTDATA_DIR" && pwd)

duckdb() { node "$ROOT/scripts/duckdb-run.mjs" "$@"; }
# Temporary outputs of this run are removed if it fails or is interrupted
# (and stale ones of an earlier, killed run by derive_csv).
trap 'rm -rf "$TESTDATA_DIR"/.*.tmp.$$' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# derive_csv OUT.csv EXPECTED_LINES EXPECTED_SHA256 SELECT
#   Writes the result of the SELECT (run with cwd = vega-datasets/data) as CSV
#   with a header to $TESTDATA_DIR/OUT.csv, via a temporary file so that an
#   interrupted run leaves nothing that looks finished. The output is checked
#   against the line count and SHA-256 (either may be empty to skip the check):
#   tests may hold values computed from these exact bytes, so after bumping
#   a pinned package, check the tests and update the hash here.
derive_csv() {
  local out=$1 lines=$2 sha=$3 select=$4
  local dest=$TESTDATA_DIR/$out tmp=$TESTDATA_DIR/.$out.tmp.$$
  if [[ -s "$dest" ]]; then
    log "$out exists, skipped"
    return 0
  fi
  log "making $out"
  rm -f "$TESTDATA_DIR/.$out.tmp."*
  if ! duckdb -q --cwd "$VEGA_DATA" \
      "COPY ($select) TO '$tmp' (FORMAT csv, HEADER)"; then
    rm -f "$tmp"
    die "DuckDB failed making $out"
  fi
  local got
  got=$(wc -l <"$tmp")
  if [[ -n "$lines" && "$got" -ne "$lines" ]]; then
    rm -f "$tmp"
    die "$out: expected $lines lines, got $got"
  fi
  got=$(sha256sum <"$tmp" | cut -d' ' -f1)
  if [[ -z "$sha" ]]; then
    log "$out: $(wc -l <"$tmp") lines, SHA-256 $got (no expected hash given)"
  else
    if [[ "$got" != "$sha" ]]; then
      rm -f "$tmp"
      die "$out: SHA-256 is $got, expected $sha (pinned package changed? update the hash in $0)"
    fi
  fi
  mv -f "$tmp" "$dest"
}

# 3,000,000 flights + header: date,delay,distance,origin,destination
derive_csv flights-3m.csv 3000001 \
  19d1373bad83ce515f76965488323e4608db980ee47255bb45c3e0b5db723b51 \
  "SELECT * FROM 'flights-3m.parquet'"

# Parquet oracle fixtures for tests/io/parquet: DuckDB runs
# tests/io/parquet/duckdb_fixtures.sql in an empty directory, which becomes
# $TESTDATA_DIR/parquet/ (Parquet files of every codec/encoding DuckDB writes, and
# DuckDB's own export of their cells). Skipped when present and made from the same SQL
# (parquet/STAMP holds its SHA-256); made in a temporary directory, then renamed.
derive_parquet_fixtures() {
  local sql=$ROOT/tests/io/parquet/duckdb_fixtures.sql dest=$TESTDATA_DIR/parquet
  local want
  want=$(sha256sum <"$sql" | cut -d' ' -f1)
  if [[ -f "$dest/STAMP" && "$(cat "$dest/STAMP")" == "$want" ]]; then
    log "parquet/ fixtures exist, skipped"
    return 0
  fi
  log "making parquet/ fixtures from $sql"
  local tmp=$TESTDATA_DIR/.parquet.tmp.$$
  rm -rf "$TESTDATA_DIR"/.parquet.tmp.*
  mkdir -p "$tmp"
  if ! duckdb -q --cwd "$tmp" -f "$sql"; then
    rm -rf "$tmp"
    die "DuckDB failed making the parquet/ fixtures"
  fi
  echo "$want" >"$tmp/STAMP"
  rm -rf "$dest"
  mv "$tmp" "$dest"
  log "parquet/: $(find "$dest" -type f | wc -l) files, $(du -sh "$dest" | cut -f1)"
}
derive_parquet_fixtures

log "test data in $TESTDATA_DIR"
log "raw vega-datasets files in $VEGA_DATA"
find "$TESTDATA_DIR" -maxdepth 1 -type f ! -name '.*' -printf '  %f  %s bytes\n' | sort
