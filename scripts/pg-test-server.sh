#!/usr/bin/env bash
# A throw-away PostgreSQL server for tsum's tests and benchmarks.
#
#   scripts/pg-test-server.sh start STATE_DIR [PORT]
#       initdb a new cluster in a fresh temporary directory (${TMPDIR:-/tmp}/tsum-pg.XXXXXX)
#       and start it with pg_ctl on 127.0.0.1:PORT (default: a free port in 20000-59999;
#       another one is tried if it is taken meanwhile). Superuser `tsum` with a random
#       password (scram-sha-256 over TCP). TSUM_PG_SERVER_OPTIONS adds server options
#       (e.g. "-c wal_level=logical"). Writes STATE_DIR/url, the superuser's URL to the
#       `postgres` database, and STATE_DIR/env (TSUM_PG_URL=...). A server left over by an
#       earlier run with the same STATE_DIR is stopped first. If anything fails, whatever
#       was started is stopped and removed again.
#   scripts/pg-test-server.sh stop STATE_DIR
#       stop the server (fast: -m immediate) and delete its cluster and state; a no-op when
#       nothing runs.
#   scripts/pg-test-server.sh run STATE_DIR -- COMMAND [ARG...]
#       start, run COMMAND with TSUM_PG_URL in its environment, stop (always, also on
#       failure or Ctrl-C); exits with COMMAND's status.
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user
# (Debian's package creates it) or else `nobody`, through runuser; its temporary directory
# belongs to that user. Binaries: $PG_BINDIR, else the newest /usr/lib/postgresql/*/bin,
# else initdb/pg_ctl on PATH. Install them with scripts/install-deps.sh (package
# `postgresql`).
#
# ctest runs `start` and `stop` as the FIXTURES_SETUP / FIXTURES_CLEANUP tests of the
# PostgreSQL suite (tests/io/postgres/CMakeLists.txt); cleanup runs even when tests fail.
set -euo pipefail

die() { echo "pg-test-server: error: $*" >&2; exit 1; }
log() { echo "pg-test-server: $*"; }

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then
    [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] || die "PG_BINDIR=$PG_BINDIR has no initdb/pg_ctl"
    echo "$PG_BINDIR"
    return
  fi
  local d best=""
  # The newest Debian version (sort -V: 9 < 10 < 15).
  best=$(for d in /usr/lib/postgresql/*/bin; do
           [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && echo "$d"
         done | sort -V | tail -1)
  if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    best=$(dirname "$(command -v initdb)")
  fi
  [[ -n "$best" ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package (scripts/install-deps.sh)"
  echo "$best"
}

# Runs a command as the server's user.
as_user() {
  if [[ -n "$RUN_AS" ]]; then
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

pick_user() {
  RUN_AS=""
  if [[ "$(id -u)" -eq 0 ]]; then
    if id postgres >/dev/null 2>&1; then RUN_AS=postgres; else RUN_AS=nobody; fi
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_port() {
  local p
  for _ in $(seq 50); do
    p=$(( (RANDOM * 32768 + RANDOM) % 40000 + 20000 ))
    port_in_use "$p" || { echo "$p"; return; }
  done
  die "no free port found"
}

# Stops the server recorded in STATE_DIR and deletes its cluster; quiet when none.
do_stop() {
  local state=$1 cluster="" user=""
  [[ -f "$state/cluster" ]] && cluster=$(cat "$state/cluster")
  [[ -f "$state/user" ]] && user=$(cat "$state/user")
  if [[ -n "$cluster" ]]; then
    # Only ever delete what `start` made.
    case "$(basename "$cluster")" in
      tsum-pg.*) ;;
      *) die "refusing to delete $cluster (not a tsum-pg.* directory)" ;;
    esac
    if [[ -f "$cluster/data/postmaster.pid" ]]; then
      local bindir
      bindir=$(cat "$state/bindir" 2>/dev/null || find_bindir)
      RUN_AS=$user
      as_user "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
      # pg_ctl failed (e.g. the directory is half gone): kill the postmaster by its pid.
      if [[ -f "$cluster/data/postmaster.pid" ]]; then
        local pid
        pid=$(head -1 "$cluster/data/postmaster.pid" 2>/dev/null || true)
        [[ "$pid" =~ ^[0-9]+$ ]] && kill -QUIT "$pid" 2>/dev/null || true
      fi
    fi
    rm -rf -- "$cluster"
    log "stopped; removed $cluster"
  fi
  rm -f -- "$state/cluster" "$state/user" "$state/bindir" "$state/url" "$state/env" "$state/port"
}

do_start() {
  local state=$1 want_port=${2:-}
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  do_stop "$state" >/dev/null
  local bindir
  bindir=$(find_bindir)
  pick_user

  local cluster
  cluster=$(mktemp -d "${TMPDIR:-/tmp}/tsum-pg.XXXXXX")
  # From here on, a failure stops and removes what was made.
  echo "$cluster" >"$state/cluster"
  echo "$RUN_AS" >"$state/user"
  echo "$bindir" >"$state/bindir"
  trap 'rc=$?; if ((rc != 0)); then echo "pg-test-server: start failed; cleaning up" >&2; \
        [[ -f "$cluster/server.log" ]] && tail -20 "$cluster/server.log" >&2; do_stop "$state" >&2; fi' EXIT

  local password
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$cluster/pwfile"
  chmod 700 "$cluster"
  chmod 600 "$cluster/pwfile"
  [[ -n "$RUN_AS" ]] && chown -R "$RUN_AS" "$cluster"

  as_user "$bindir/initdb" -D "$cluster/data" -U tsum --pwfile="$cluster/pwfile" -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; die "initdb failed"; }
  rm -f "$cluster/pwfile"

  local port attempt
  for attempt in 1 2 3 4 5; do
    port=${want_port:-$(random_port)}
    if as_user "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
         -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$cluster -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c shared_buffers=64MB \
             ${TSUM_PG_SERVER_OPTIONS:-}" \
         start >/dev/null; then
      break
    fi
    if [[ -n "$want_port" ]] || ! grep -q "could not bind\|Address already in use" "$cluster/server.log"; then
      tail -20 "$cluster/server.log" >&2
      die "pg_ctl start failed"
    fi
    log "port $port taken, trying another"
    port=""
  done
  [[ -n "$port" ]] || die "could not find a free port"

  local url="postgresql://tsum:$password@127.0.0.1:$port/postgres"
  echo "$port" >"$state/port"
  printf '%s\n' "$url" >"$state/url"
  printf 'TSUM_PG_URL=%s\n' "$url" >"$state/env"
  chmod 600 "$state/url" "$state/env"
  trap - EXIT
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster $cluster, user ${RUN_AS:-$(id -un)}); URL in $state/url"
}

cmd=${1:-}
case "$cmd" in
  start)
    [[ $# -ge 2 && $# -le 3 ]] || usage
    do_start "$2" "${3:-}"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    [[ -d "$2" ]] || exit 0
    do_stop "$(cd "$2" && pwd)"
    ;;
  run)
    [[ $# -ge 4 && "$3" == "--" ]] || usage
    state=$2
    shift 3
    do_start "$state"
    state=$(cd "$state" && pwd)
    trap 'do_stop "$state"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TSUM_PG_URL=$(cat "$state/url") "$@"
    ;;
  *) usage ;;
esac
