#!/usr/bin/env bash
# pybind11 vs nanobind for tsum._core: call overhead, build time, module size.
# Builds the same small module (pybind11_bench.cc) with each library in a venv of its own
# under build-bindbench/ (pybind11 as in python/requirements/test.lock, nanobind from
# PyPI), without ccache, one compile at a time, then times calls (measure.py).
#   python/bench/binding/run.sh            # from the repository root
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/python/bench/binding
OUT=$ROOT/build-bindbench
PYBIND11_VERSION=$(sed -n 's/^pybind11==//p' "$ROOT/python/requirements/test.lock")
NANOBIND_VERSION=${NANOBIND_VERSION:-3.1.0}
mkdir -p "$OUT"
if [[ ! -x $OUT/venv/bin/python ]]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet --disable-pip-version-check "pybind11==$PYBIND11_VERSION" "nanobind==$NANOBIND_VERSION"
fi
PY=$OUT/venv/bin/python
for lib in pybind11 nanobind; do
  rm -rf "$OUT/$lib"
  upper=${lib^^}
  cmake -S "$HERE" -B "$OUT/$lib" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE="$PY" \
    -D"BENCH_$upper"=ON -D"${lib}_DIR=$("$PY" -m "$lib" --cmake_dir 2>/dev/null || "$PY" -m "$lib" --cmakedir)" >/dev/null
  # CPU time (user + system) of the build, which a busy machine does not inflate as it
  # does wall time.
  cpu=$( { TIMEFORMAT='%U %S'; time cmake --build "$OUT/$lib" -j1 >/dev/null; } 2>&1 | awk '{print $1 + $2}')
  so=$(ls "$OUT/$lib"/bench_"$lib"*.so)
  strip -o "$so.stripped" "$so"
  printf '%-9s build %.1f s CPU, module %d KiB stripped\n' "$lib" "$cpu" $(( $(stat -c %s "$so.stripped") / 1024 ))
done
"$PY" "$HERE/measure.py" "$OUT/pybind11" "$OUT/nanobind"
