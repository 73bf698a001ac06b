#!/usr/bin/env bash
# Creates (or reuses) the project's Python environment, .venv/, with exactly the packages
# of python/requirements/test.lock: what the extension is built with (pybind11,
# scikit-build-core) and what the Python tests and benchmarks run on (numpy, pandas,
# pyarrow, polars, dask, pytest, ...).
#
# The base interpreter is TSUM_PYTHON_BASE, else the first `python3` on PATH (3.10 or
# newer). The venv is reused as long as its stamp -- a hash of the lock file and of the
# base interpreter's version -- is current; otherwise it is made anew, so a changed lock
# file never leaves stale packages behind. Prints the venv's python at the end.
#
#   scripts/python-env.sh            # .venv in the repository root
#   TSUM_VENV=/some/dir scripts/python-env.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${TSUM_VENV:-$ROOT/.venv}
LOCK=$ROOT/python/requirements/test.lock
BASE=${TSUM_PYTHON_BASE:-python3}

log() { echo "python-env: $*" >&2; }
die() { echo "python-env: error: $*" >&2; exit 1; }

command -v "$BASE" >/dev/null 2>&1 || die "no '$BASE' on PATH (set TSUM_PYTHON_BASE to a CPython >= 3.10)"
base_version=$("$BASE" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
"$BASE" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  die "$BASE is Python $base_version; tsum needs 3.10 or newer"
"$BASE" -c 'import venv, ensurepip' 2>/dev/null ||
  die "$BASE cannot create virtual environments (Debian: apt-get install python3-venv)"

want=$({ cat "$LOCK"; echo "$base_version $(command -v "$BASE")"; } | sha256sum | cut -d' ' -f1)
stamp=$VENV/.tsum-stamp
if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  log "$VENV up to date (Python $base_version)"
  echo "$VENV/bin/python"
  exit 0
fi

log "creating $VENV from $(command -v "$BASE") (Python $base_version)"
rm -rf "$VENV"
"$BASE" -m venv "$VENV"
pip_flags=(--quiet --disable-pip-version-check --no-input --require-virtualenv)
# Every package, dependencies included, is pinned in the lock file, so pip resolves
# nothing itself (--no-deps); `pip check` then proves the set is consistent.
"$VENV/bin/python" -m pip install "${pip_flags[@]}" --no-deps -r "$LOCK"
"$VENV/bin/python" -m pip check >&2 || die "the packages of $LOCK do not fit together"
echo "$want" >"$stamp"
log "done: $(grep -cvE '^[[:space:]]*(#|$)' "$LOCK") packages from $LOCK"
echo "$VENV/bin/python"
