#!/usr/bin/env bash
# Regenerates the bad-input catalog tables in docs/reliability.md from a real run of the
# tests that check every bad input (bad_input::expect_error records each case when
# TSUM_BAD_INPUT_CATALOG names a file): the main table from the BadInput* tests, and the
# subcommands' table (diff, explain, --where) from their BadInput tests.
# Usage: scripts/bad-input-catalog.sh [BUILD_DIR]   (after a build with the tests)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
main=$(mktemp) subcommands=$(mktemp)
trap 'rm -f "$main" "$subcommands"' EXIT
TSUM_BAD_INPUT_CATALOG="$main" ctest --test-dir "$build" -j1 -R '^BadInput' >/dev/null
TSUM_BAD_INPUT_CATALOG="$subcommands" ctest --test-dir "$build" -j1 -R '^(DiffCli|ExplainCli)\.BadInput$' >/dev/null
python3 - "$main" "$subcommands" docs/reliability.md <<'PY'
import sys

HEADER = "| # | input | exit | what tsum prints (stderr) |"
SECTION = "### `tsum diff`, `tsum explain` and `--where`"


def rows(path):
    """The failing cases (valid inputs, recorded with exit 0, are listed elsewhere by hand)."""
    cases = [line.rstrip("\n").split("\t", 2) for line in open(path, encoding="utf-8") if line.strip()]
    return [c for c in cases if c[1] != "0"]


def code(text):
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def table(cases, first):
    lines = [HEADER, "|---|---|---|---|"]
    lines += [f"| {i} | {name.replace('|', '/')} | {exit_code} | {code(err)} |"
              for i, (name, exit_code, err) in enumerate(cases, first)]
    return "\n".join(lines)


def replace_table(doc, start, text):
    begin = doc.index(HEADER, start)
    end = doc.find("\n\n", begin)
    return doc[:begin] + text + (doc[end:] if end >= 0 else "\n")


main_cases, sub_cases = rows(sys.argv[1]), rows(sys.argv[2])
doc = open(sys.argv[3], encoding="utf-8").read()
doc = replace_table(doc, doc.index("## Bad-input catalog"), table(main_cases, 1))
if SECTION not in doc:
    at = doc.index("### State files and change events")
    doc = doc[:at] + SECTION + "\n\nThe subcommands' own bad inputs, from the same kind of test (`tests/diff/diff_cli_test.cc`,\n`tests/drilldown/explain_cli_test.cc`).\n\n" + HEADER + "\n\n" + doc[at:]
doc = replace_table(doc, doc.index(SECTION), table(sub_cases, len(main_cases) + 1))
open(sys.argv[3], "w", encoding="utf-8").write(doc)
print(f"bad-input-catalog: {len(main_cases)} + {len(sub_cases)} cases written to {sys.argv[3]}")
PY
