#!/usr/bin/env bash
# Installs the Debian packages tsum needs that are missing on this machine.
#
# Idempotent and fast when everything is present: one dpkg-query, no apt-get.
# When something is missing: `apt-get update` once, then one `apt-get install`.
# Runs apt-get through sudo when not root.
#
# To add a dependency, add it to TSUM_APT_PACKAGES below (one place only).
# Extra packages for a one-off run: TSUM_EXTRA_APT_PACKAGES="foo bar" scripts/install-deps.sh
# Set TSUM_APT_RECOMMENDS=1 to let apt pull in "Recommends" too (off: faster).
set -euo pipefail

# ---- the package list ------------------------------------------------------
TSUM_APT_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # compiler cache: `make test-pip` rebuilds the engine for the wheel from it
  ccache
  clang-14 libclang-rt-14-dev
  # C++ libraries
  libfmt-dev libcli11-dev libsimdjson-dev libtbb-dev
  libzstd-dev libsnappy-dev zlib1g-dev libbz2-dev liblzma-dev libpq-dev libsqlite3-dev
  # the Arrow IPC reader: flatbuffers metadata (flatc generates its C++), LZ4 frame bodies
  flatbuffers-compiler libflatbuffers-dev liblz4-dev
  # C++ tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # the PostgreSQL reader's tests run a throw-away server (scripts/pg-test-server.sh)
  postgresql
  # the HTML report's browser test (tests/browser): headless Chromium
  chromium
  # Python: the interpreter and its packages come from the project's .venv
  # (scripts/python-env.sh, python/requirements/test.lock); Debian gives only the venv
  # module and headers, for a machine whose python3 is Debian's own.
  python3-dev python3-venv
  # the generated shell completions are syntax-checked by the shells themselves
  zsh fish
  # Spark mode's tests (pyspark runs on a JVM): a Java 17 runtime
  openjdk-17-jre-headless
  # the change-capture end-to-end test (tests/state/debezium_e2e.sh) compiles a small
  # program against Debezium's jars, which Maven resolves from Maven Central
  openjdk-17-jdk-headless maven
)
# Node.js + npm (for scripts/fetch-testdata.sh). Machines of this kind ship
# Node 20 from nodesource, whose `nodejs` includes npm and conflicts with
# Debian's `npm` package, so Debian's nodejs+npm are added only when the npm
# command is missing.
TSUM_NODE_PACKAGES=(nodejs npm)
# ----------------------------------------------------------------------------

# shellcheck disable=SC2206  # word splitting of the extra list is intended
wanted=("${TSUM_APT_PACKAGES[@]}" ${TSUM_EXTRA_APT_PACKAGES:-})
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  wanted+=("${TSUM_NODE_PACKAGES[@]}")
fi

# Which of them are installed? dpkg-query prints one line per known package
# (unknown ones only produce an error on stderr, and a non-zero exit).
declare -A installed=()
while read -r name status; do
  [[ "$status" == installed ]] && installed["$name"]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)

missing=()
for p in "${wanted[@]}"; do
  [[ -n "${installed[$p]:-}" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#wanted[@]} Debian packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps: not root and no sudo; install these by hand: ${missing[*]}" >&2
    exit 1
  fi
fi

apt_opts=(-y -qq -o Dpkg::Use-Pty=0)
if [[ "${TSUM_APT_RECOMMENDS:-0}" != 1 ]]; then
  apt_opts+=(--no-install-recommends)
fi

"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# dpkg's per-package chatter is filtered out; apt-get's exit status is kept (pipefail).
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${missing[@]}" \
  | { grep -vE '^(Selecting previously|Preparing to unpack|Unpacking|Setting up|Processing triggers|\(Reading database)' || true; }

# Check that it worked (apt-get returns 0 on a no-op too).
still=()
for p in "${missing[@]}"; do
  s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$s" == installed ]] || still+=("$p")
done
if ((${#still[@]})); then
  echo "install-deps: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
echo "install-deps: done"
