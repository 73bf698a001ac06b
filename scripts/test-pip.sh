#!/usr/bin/env bash
# `make test-pip`: the package as pip users get it. Builds a wheel of this checkout
# (pip wheel ., scikit-build-core; pyproject.toml), installs it into a fresh venv with no
# build tools on PATH, then, from outside the repository: `import tsum` comes from the venv
# and summarizes examples/patients.csv as the wheel's own `tsum` command does (byte for
# byte, JSON), `tsum` on PATH is the venv's, `python -m tsum --version` runs the binary,
# py.typed and the man page are installed. Prints the time of each step.
#
# The wheel is built without build isolation by the project's venv (its scikit-build-core
# and pybind11 are the locked ones) in ./build-pip, kept between runs, with ccache when
# CMAKE_ARGS names it, so a rerun recompiles only what changed.
#   PYTHON=.venv/bin/python scripts/test-pip.sh [OUT_DIR]      # default OUT_DIR: build/pip-test
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT=${1:-$ROOT/build/pip-test}
log() { echo "test-pip: $*"; }
die() { echo "test-pip: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
took() { printf '%.1f s' "$(echo "$(now) - $1" | bc)"; }

rm -rf "$OUT"
mkdir -p "$OUT/wheelhouse"
t=$(now)
(cd "$ROOT" && "$PYTHON" -m pip wheel . --no-deps --no-build-isolation --disable-pip-version-check --quiet \
   -w "$OUT/wheelhouse")
wheel=$(ls "$OUT"/wheelhouse/tsum_engine-*.whl)
log "built $(basename "$wheel") ($(( $(stat -c %s "$wheel") / 1024 )) KiB) in $(took "$t")"

# A fresh venv, and the wheel installed into it from a bare environment: nothing on PATH
# but the venv, no compiler reachable, no index.
t=$(now)
venv=$OUT/venv
# --without-pip: installing pip into the venv takes longer than the rest of the test; the
# project venv's pip installs into it instead (pip --python).
"$PYTHON" -m venv --without-pip "$venv"
env -i HOME="$OUT" PATH="$venv/bin" CC=/nonexistent CXX=/nonexistent \
  "$PYTHON" -m pip --python "$venv/bin/python" install --no-index --no-deps --disable-pip-version-check \
  --quiet "$wheel"
log "installed into a fresh venv in $(took "$t")"

# The smoke test runs from an empty directory (the repository's python/ is not
# importable from there) with only the venv and the system directories on PATH.
t=$(now)
work=$OUT/work
mkdir -p "$work"
cp "$ROOT/examples/patients.csv" "$work/"
run() { (cd "$work" && env -i HOME="$OUT" PATH="$venv/bin:/usr/bin:/bin" "$@"); }

[[ $(run sh -c 'command -v tsum') == "$venv/bin/tsum" ]] || die "tsum on PATH is $(run sh -c 'command -v tsum' || true)"
ldd "$venv/bin/tsum" | grep -q "not found" && die "the installed tsum misses shared libraries: $(ldd "$venv/bin/tsum")"
version=$(run tsum --version)
[[ $version =~ ^tsum\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || die "tsum --version printed '$version'"
[[ $(run python -m tsum --version) == "$version" ]] || die "python -m tsum --version printed '$(run python -m tsum --version)'"
run python -m tsum --no-such-option >/dev/null 2>&1 && die "python -m tsum --no-such-option succeeded"
cli_json=$(run tsum --quiet --format json patients.csv)
py_json=$(run python -c '
import sys, tsum
summary = tsum.summarize("patients.csv")
assert len(summary) > 0, "no patterns"
assert tsum.__file__.startswith(sys.prefix), tsum.__file__
print(summary.to_json(), end="")')
[[ $py_json == "$cli_json" ]] || die "tsum.summarize('patients.csv').to_json() differs from tsum --format json"
[[ $cli_json == *'"patterns"'* ]] || die "no summary in: $cli_json"
site=$(run python -c 'import sysconfig; print(sysconfig.get_path("platlib"))')
[[ -f $site/tsum/py.typed && -f $site/tsum/_core.pyi ]] || die "py.typed or _core.pyi not installed"
[[ -f $venv/share/man/man1/tsum.1 ]] || die "the man page is not in the venv's share/man"
log "smoke test passed in $(took "$t"): import tsum, summarize patients.csv = tsum --format json, tsum on PATH, python -m tsum --version ($version)"
