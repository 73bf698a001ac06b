#!/usr/bin/env bash
# ctest cli_docs: the man page and the bash, zsh and fish completions that the CLI
# generates (cli/cli_docs.cc) name every option that `tsum --help` and `tsum diff --help`
# list (CLI11's own help, an independent reading of the option tables); each document
# passes its reader's syntax check (groff, bash, zsh, fish); bash's and fish's completions
# complete real prefixes; the files the build generated (BUILD/share) are current.
#   tests/cli/cli_docs_test.sh BUILD_DIR
set -euo pipefail
BUILD=$1
TSUM=$BUILD/cli/tsum
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "cli_docs_test: FAIL: $*"; failures=$((failures + 1)); }

"$TSUM" --help-man >"$WORK/tsum.1"
for shell in bash zsh fish; do "$TSUM" --completions "$shell" >"$WORK/$shell"; done

# Every option name in the help of both commands: "  -o,--output TEXT  ..." lines.
options() { "$@" --help | sed -n 's/^ \{1,\}\(-[^ ]*\).*/\1/p' | tr ',' '\n' | grep -E '^-{1,2}[A-Za-z]'; }
main_options=$(options "$TSUM")
diff_options=$(options "$TSUM" diff)
(( $(wc -l <<<"$main_options") >= 20 )) || fail "found only $(wc -l <<<"$main_options") options in tsum --help"
(( $(wc -l <<<"$diff_options") >= 15 )) || fail "found only $(wc -l <<<"$diff_options") options in tsum diff --help"

for name in $main_options $diff_options; do
  roff=${name//-/\\-}
  grep -qF "\\fB$roff\\fR" "$WORK/tsum.1" || fail "man page lacks $name"
  grep -qE "[' ]$name( |')" "$WORK/bash" || fail "bash completion lacks $name"
  grep -qF -- "$name[" "$WORK/zsh" || fail "zsh completion lacks $name"
  if [[ $name == --* ]]; then fish_name="-l ${name#--}"; else fish_name="-s ${name#-}"; fi
  grep -qE -- "$fish_name( |$)" "$WORK/fish" || fail "fish completion lacks $name"
done
# The subcommand's own options are offered under `tsum diff` only.
grep -q -- "--alpha" <<<"$diff_options" || fail "tsum diff --help lists no --alpha"
grep -q "__fish_seen_subcommand_from diff' -l alpha" "$WORK/fish" || fail "fish: --alpha not under diff"

# Syntax: each reader accepts its document.
groff_warnings=$(groff -man -Tutf8 -ww -z "$WORK/tsum.1" 2>&1) || fail "groff failed"
[[ -z $groff_warnings ]] || fail "groff warns: $groff_warnings"
bash -n "$WORK/bash" || fail "bash -n rejects the bash completion"
zsh -n "$WORK/zsh" || fail "zsh -n rejects the zsh completion"
fish --no-execute "$WORK/fish" || fail "fish --no-execute rejects the fish completion"

# bash's completion completes option prefixes, per command.
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _tsum; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$WORK/bash" "$@"
}
[[ $(complete_bash tsum --co | sort | tr '\n' ' ') == "--column --columns --cost " ]] ||
  fail "bash: tsum --co completes to '$(complete_bash tsum --co | tr '\n' ' ')'"
[[ $(complete_bash tsum diff --al) == "--alpha" ]] || fail "bash: tsum diff --al completes to '$(complete_bash tsum diff --al)'"
[[ -z $(complete_bash tsum --al) ]] || fail "bash: tsum --al offers diff's --alpha"
complete_bash tsum di | grep -qx diff || fail "bash: tsum di does not offer diff"
complete_bash tsum ex | grep -qx explain || fail "bash: tsum ex does not offer explain"
grep -qF '.B tsum explain' "$WORK/tsum.1" || fail "man page: no tsum explain in the synopsis"

# fish's completion likewise (fish's own `complete -C` asks it).
complete_fish() { fish -c "source $WORK/fish; complete -C'$1'" | cut -f1 | sort | tr '\n' ' '; }
[[ $(complete_fish "tsum --co") == "--column --columns --cost " ]] || fail "fish: tsum --co completes to '$(complete_fish "tsum --co")'"
[[ $(complete_fish "tsum diff --al") == "--alpha " ]] || fail "fish: tsum diff --al completes to '$(complete_fish "tsum diff --al")'"
[[ -z $(complete_fish "tsum --al") ]] || fail "fish: tsum --al offers diff's --alpha"

# An unknown shell is a usage error.
if "$TSUM" --completions tcsh >/dev/null 2>"$WORK/err"; then fail "--completions tcsh succeeded"; fi
grep -qx "tsum: error: --completions: unknown shell 'tcsh' (expected bash, zsh or fish)" "$WORK/err" ||
  fail "--completions tcsh said: $(cat "$WORK/err")"

# What the build generated for installation is what the CLI generates now.
cmp -s "$WORK/tsum.1" "$BUILD/share/tsum.1" || fail "$BUILD/share/tsum.1 is stale"
cmp -s "$WORK/bash" "$BUILD/share/bash/tsum" || fail "$BUILD/share/bash/tsum is stale"
cmp -s "$WORK/zsh" "$BUILD/share/zsh/_tsum" || fail "$BUILD/share/zsh/_tsum is stale"
cmp -s "$WORK/fish" "$BUILD/share/fish/tsum.fish" || fail "$BUILD/share/fish/tsum.fish is stale"

if (( failures )); then echo "cli_docs_test: $failures failure(s)"; exit 1; fi
echo "cli_docs_test: passed ($(wc -l <<<"$main_options") + $(wc -l <<<"$diff_options") option names)"
