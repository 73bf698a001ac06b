#!/usr/bin/env bash
# Regenerates the bad-input catalog table in docs/reliability.md from a real run of the
# tests that check every bad input (bad_input::expect_error records each case when
# TSUM_BAD_INPUT_CATALOG names a file). Usage: scripts/bad-input-catalog.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
catalog=$(mktemp)
trap 'rm -f "$catalog"' EXIT
# Every test that runs the binary on bad input: the CLI's catalog, diff, explain/--where.
TSUM_BAD_INPUT_CATALOG="$catalog" ctest --test-dir "$build" -j1 --output-on-failure \
  -R '^(BadInput|DiffCli\.BadInput|ExplainCli\.BadInput)' >/dev/null
python3 - "$catalog" docs/reliability.md <<'PY'
import re, sys
rows = [line.rstrip("\n").split("\t", 2) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
def code(text):
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
table = ["| # | input | exit | what tsum prints (stderr) |", "|---|---|---|---|"]
table += [f"| {i} | {name.replace('|', '/')} | {exit_code} | {code(err)} |" for i, (name, exit_code, err) in enumerate(rows, 1)]
doc = open(sys.argv[2], encoding="utf-8").read()
start = doc.index("| # | input | exit | what tsum prints (stderr) |")
end = doc.find("\n\n", start)
end = len(doc) if end < 0 else end
open(sys.argv[2], "w", encoding="utf-8").write(doc[:start] + "\n".join(table) + doc[end:])
print(f"bad-input-catalog: {len(rows)} cases written to {sys.argv[2]}")
PY
