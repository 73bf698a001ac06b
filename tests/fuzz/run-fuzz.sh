#!/usr/bin/env bash
# Runs libFuzzer targets built in a TSUM_FUZZ=ON build directory (make test-fuzz).
#
#   tests/fuzz/run-fuzz.sh BUILD_DIR SECONDS [TARGET...]
#     TARGET: csv_fuzz json_fuzz parquet_fuzz arrow_ipc_fuzz cli_args_fuzz (default: all five, one after
#     the other). TSUM_FUZZ_RUNS=N stops a target after N executions instead (SECONDS
#     still caps it). Extra libFuzzer flags: TSUM_FUZZ_FLAGS.
#
# Seeds come from tests/fuzz/make_seeds.py (into BUILD_DIR/fuzz-seeds); the corpus each
# run grows is kept in BUILD_DIR/fuzz-corpus/TARGET and reused by the next run. Inputs
# that crash are written to BUILD_DIR/fuzz-crashes/. The last lines of each run's log
# (BUILD_DIR/fuzz-logs/TARGET.log) give executions and coverage (cov, ft).
# Fails when any target finds a crash, a leak, a sanitizer report or a timeout.
set -euo pipefail

build_dir=${1:?usage: run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
((${#targets[@]})) || targets=(csv_fuzz json_fuzz parquet_fuzz arrow_ipc_fuzz cli_args_fuzz)
here=$(cd "$(dirname "$0")" && pwd)

/usr/bin/python3 "$here/make_seeds.py" "$build_dir/fuzz-seeds" >/dev/null
mkdir -p "$build_dir/fuzz-crashes" "$build_dir/fuzz-logs"

# Sizes: the Parquet seeds are up to 64 KiB, the Arrow IPC ones 9 KiB; text inputs need no
# more than a few KiB.
declare -A max_len=([csv_fuzz]=4096 [json_fuzz]=2048 [parquet_fuzz]=65536 [arrow_ipc_fuzz]=16384 [cli_args_fuzz]=512)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/$target"
  [[ -x "$binary" ]] || { echo "run-fuzz: $binary not built (configure with -DTSUM_FUZZ=ON)"; exit 2; }
  corpus="$build_dir/fuzz-corpus/$target"
  mkdir -p "$corpus"
  log="$build_dir/fuzz-logs/$target.log"
  runs=()
  [[ -n "${TSUM_FUZZ_RUNS:-}" ]] && runs=(-runs="$TSUM_FUZZ_RUNS")
  echo "run-fuzz: $target for up to ${seconds}s (log: $log)"
  # shellcheck disable=SC2086  # TSUM_FUZZ_FLAGS is a list of flags
  if "$binary" "$corpus" "$build_dir/fuzz-seeds/$target" \
      -max_total_time="$seconds" "${runs[@]}" -max_len="${max_len[$target]}" \
      -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$build_dir/fuzz-crashes/$target-" ${TSUM_FUZZ_FLAGS:-} >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ +DONE' "$log" | tr '\n' ' '; echo
  else
    echo "run-fuzz: $target FAILED; the end of $log:"
    tail -n 40 "$log"
    failed+=("$target")
  fi
done
if ((${#failed[@]})); then
  echo "run-fuzz: findings in: ${failed[*]} (inputs in $build_dir/fuzz-crashes/)"
  exit 1
fi
