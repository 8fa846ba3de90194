#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: created with initdb in a folder of its own,
# listening on 127.0.0.1 only (no Unix socket), on a free port, trusting TCP connections from
# 127.0.0.1 and nothing else, with durability switched off (it is thrown away). It holds one
# database, coopdesk_test.
#
# Usage: scripts/pg-test-cluster.sh start|stop|url [DIR]
#   start  create and start the cluster (if it is not running yet) and print its URL
#   url    print the URL of the running cluster
#   stop   stop the cluster and remove DIR
# DIR defaults to $PG_TEST_DIR or ${TMPDIR:-/tmp}/coopdesk-pg-test-$(id -u). The server binaries
# come from $PG_BIN, or the newest /usr/lib/postgresql/*/bin (Debian's postgresql package;
# scripts/system-deps.sh --postgres installs it). As root (CI) the cluster runs as the postgres
# user, since initdb refuses to run as root.
set -euo pipefail

action=${1:-}
dir=${2:-${PG_TEST_DIR:-${TMPDIR:-/tmp}/coopdesk-pg-test-$(id -u)}}
data="$dir/data"
database=coopdesk_test
marker=.coopdesk-pg-test-cluster

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found: install Debian's postgresql (scripts/system-deps.sh --postgres) or set PG_BIN." >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url() {
  local port
  port=$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$data/postgresql.auto.conf" 2>/dev/null || true)
  [ -n "$port" ] || { echo "No test cluster in $dir (run: $0 start $dir)." >&2; exit 1; }
  echo "postgresql+psycopg://postgres@127.0.0.1:$port/$database"
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  if running; then
    url
    return
  fi
  if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    if [ ! -f "$dir/$marker" ]; then
      echo "$dir is not empty and not a test cluster of this script: choose another folder." >&2
      exit 1
    fi
    remove
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  touch "$dir/$marker"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth=reject -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Only TCP from 127.0.0.1, trusted: the cluster lives for one test run on this machine.
  printf 'host all postgres 127.0.0.1/32 trust\n' | as_owner tee "$data/pg_hba.conf" >/dev/null
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner tee -a "$data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  url
}

remove() {
  # Only a folder this script made (it holds the marker), never whatever DIR happens to name.
  if [ -f "$dir/$marker" ]; then
    rm -rf "$dir"
  fi
}

stop() {
  if running; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null
  fi
  remove
}

case "$action" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "Usage: $0 start|stop|url [DIR]" >&2; exit 2 ;;
esac
