#!/usr/bin/env bash
# bench/ab.py --same must fail, naming the difference, when the two builds write different
# summaries, and pass when they write the same. The "other build" is the same tsum told
# to use another cost model (a wrapper script), so its JSON differs for a reason we know.
# Usage: ab_same_test.sh AB_PY TSUM FILE
set -euo pipefail
ab=$1 tsum=$2 file=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
other=$work/tsum-entropy
printf '#!/bin/sh\nexec "%s" "$@" --cost entropy\n' "$tsum" > "$other"
chmod +x "$other"

# Control: the wrapper against itself writes one summary; --same passes.
"$ab" "$other" "$other" "$file" --reps 1 --same > "$work/same.out" 2> "$work/same.err" || {
  echo "ab_same_test: --same failed on one build against itself:"; cat "$work/same.err"; exit 1; }

# The two builds differ: --same must exit 1 and say why.
status=0
"$ab" "$tsum" "$other" "$file" --reps 1 --same > "$work/diff.out" 2> "$work/diff.err" || status=$?
if [[ $status -ne 1 ]]; then
  echo "ab_same_test: want exit status 1 for different summaries, got $status"; cat "$work/diff.err"; exit 1
fi
if ! grep -q "the two builds wrote different summaries" "$work/diff.err"; then
  echo "ab_same_test: the failure does not say the summaries differ:"; cat "$work/diff.err"; exit 1
fi
# Both sides' digests are printed, and they differ.
old=$(sed -n 's/^old .*; json \(.*\)$/\1/p' "$work/diff.out")
new=$(sed -n 's/^new .*; json \(.*\)$/\1/p' "$work/diff.out")
if [[ -z $old || -z $new || $old == "$new" ]]; then
  echo "ab_same_test: want two different digests, got '$old' and '$new'"; cat "$work/diff.out"; exit 1
fi
echo "ab_same_test: passed (digests $old and $new)"
