#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server.
#
#   scripts/with_postgres.sh <command> [args...]
#
# Starts a PostgreSQL server from Debian's binaries (PG_BIN, default
# /usr/lib/postgresql/15/bin) in a temporary directory, listening on a unix socket
# only, runs the command with DATABASE_URL pointing at it, and always stops the
# server and removes the directory afterwards. initdb refuses to run as root, so
# as root the server runs as the unprivileged user `postgres`.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/initdb" ]; then
    echo "with_postgres: no PostgreSQL server binaries in $PG_BIN" \
         "(apt-get install -y postgresql)" >&2
    exit 1
fi

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

DIR="$(mktemp -d /tmp/quartier-pg.XXXXXX)"
STARTED=0

cleanup() {
    if [ "$STARTED" -eq 1 ]; then
        as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DIR"
fi
chmod 700 "$DIR"

as_server_user "$PG_BIN/initdb" -D "$DIR/data" -A trust -U quartier -E UTF8 \
    --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
}
STARTED=1
# Tests throw the data away: trade durability for speed. The race tests open about
# 100 connections at once in each pytest-xdist worker (scripts/run_tests.sh runs at
# most 4): max_connections leaves room for all of them.
as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-k $DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
    start >/dev/null || {
    cat "$DIR/server.log" >&2
    exit 1
}

export DATABASE_URL="postgres://quartier@/postgres?host=$DIR"
echo "with_postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on unix socket $DIR"
set +e
"$@"
STATUS=$?
set -e
exit "$STATUS"
