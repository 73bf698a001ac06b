#!/usr/bin/env bash
# ctest cli_libpq_load: libpq is loaded only by a PostgreSQL read
# (src/io/postgres/libpq_library.h). The dynamic loader's own trace (LD_DEBUG=files lists
# every library it opens) must show no libpq for a CSV run or `tsum --version`, and must
# show it for a PostgreSQL input (here one whose server does not answer), so that the
# check is seen to detect a load.
#   tests/cli/cli_libpq_load_test.sh TSUM_BINARY EXAMPLE_CSV
set -euo pipefail
TSUM=$1
CSV=$2
failures=0
fail() { echo "cli_libpq_load_test: FAIL: $*"; failures=$((failures + 1)); }
# The libraries the loader opened while running tsum ARGS... (its exit status ignored).
opened() { LD_DEBUG=files "$TSUM" "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u || true; }

for args in "--version" "$CSV"; do
  # shellcheck disable=SC2086
  libs=$(opened $args)
  [[ -n $libs ]] || fail "no loader trace for tsum $args (LD_DEBUG ignored?)"
  if grep -q '^libpq' <<<"$libs"; then fail "tsum $args loaded libpq"; fi
done
libs=$(opened 'postgresql://alice@127.0.0.1:1/db?table=t')
grep -q '^libpq\.so' <<<"$libs" || fail "a PostgreSQL read did not load libpq: $libs"

[[ $failures -eq 0 ]] || exit 1
echo "cli_libpq_load_test: libpq loaded only for PostgreSQL input"
