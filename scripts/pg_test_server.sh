#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb in a temporary folder, listening on
# 127.0.0.1 on a free port, trust authentication for loopback only, fsync off (a test server
# holds nothing worth a power cut). As root, the server runs as the unprivileged `postgres`
# user (PostgreSQL refuses to run as root).
#   eval "$(bash scripts/pg_test_server.sh start)"   # sets CELDA_TEST_PG_URL and CELDA_TEST_PG_DIR
#   bash scripts/pg_test_server.sh stop  "$CELDA_TEST_PG_DIR"    # stops it and removes the folder
#   bash scripts/pg_test_server.sh halt  "$CELDA_TEST_PG_DIR"    # stops it, keeps the data (restart tests)
#   bash scripts/pg_test_server.sh resume "$CELDA_TEST_PG_DIR"   # starts it again on the same port
set -euo pipefail

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || { echo "pg_test_server: no PostgreSQL server here (apt install postgresql; bash scripts/setup.sh --deps-only does it)" >&2; exit 1; }
  echo "$d"
}
BIN=$(find_bin)

# Runs a server program as the unprivileged user when we are root.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi
}
PGUSER_OS=postgres
if [ "$(id -u)" -eq 0 ] && ! id "$PGUSER_OS" >/dev/null 2>&1; then
  PGUSER_OS=celdatest
  id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The server would inherit every descriptor of whoever ran this script (a test runner's pipes
# and sockets, which it watches to know this script ended): closed for pg_ctl, beyond 0-2.
close_inherited() {
  local fd
  for fd in /proc/$$/fd/* /proc/self/fd/*; do
    fd=${fd##*/}
    case "$fd" in 0|1|2|255|'*') ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
  done
}

pg_start() { # DIR
  local dir=$1 port
  port=$(cat "$dir/port")
  close_inherited
  as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >"$dir/pg_ctl.log" 2>&1 || { cat "$dir/pg_ctl.log" >&2; exit 1; }
}
# (Both streams redirected: the server inherits pg_ctl's, and a caller reading this script's
# output through a pipe would otherwise wait for the server to exit.)

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/celda-pg-XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$dir"
    as_server "$BIN/initdb" -D "$dir/data" -U celda -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    free_port > "$dir/port"
    pg_start "$dir"
    echo "export CELDA_TEST_PG_URL=postgres://celda@127.0.0.1:$(cat "$dir/port")/postgres"
    echo "export CELDA_TEST_PG_DIR=$dir"
    ;;
  halt)
    dir=${2:?folder}
    as_server "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    pg_start "${2:?folder}"
    ;;
  stop)
    dir=${2:?folder}
    [ -d "$dir/data" ] && { as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; }
    case "$dir" in /tmp/celda-pg-*) rm -rf "$dir" ;; esac
    ;;
  *)
    echo "usage: $0 start | stop DIR | halt DIR | resume DIR" >&2; exit 2 ;;
esac
