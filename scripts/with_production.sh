#!/usr/bin/env bash
# Run a command against Quartier in its several-server shape, started for real:
#
#   PROD_SEED=demo scripts/with_production.sh <command> [args...]
#
# In a temporary folder $QUARTIER_PROD_DIR: a throw-away PostgreSQL (unix socket),
# Redis (loopback port, no persistence) for the cache, the guests' page cache and
# the rate-limit counters, two gunicorn app servers (2 workers each), nginx in front
# (deploy/nginx/quartier.conf) and `quartier db_worker`. Before the servers start it
# runs `quartier migrate`, seeds by PROD_SEED (none | demo | bench) and runs
# `collectstatic`. The command then runs with these variables exported:
#
#   QUARTIER_PROD_URL   nginx's base URL, e.g. http://127.0.0.1:41234
#   QUARTIER_APP_URLS   the two app servers' base URLs, comma-separated
#   DATABASE_URL, CACHE_URL
#   QUARTIER_PROD_DIR   <name>.pid and <name>.log for postgres, redis, app1, app2,
#                       worker, nginx; mail/ (one file per e-mail sent); env (the
#                       `export` lines of every setting, for `quartier` commands
#                       against this installation: `source $QUARTIER_PROD_DIR/env`)
#
# Stop or restart one component from the command (scripts/production_lib.sh):
#   bash -c 'source scripts/production_lib.sh; stop_component app1 KILL'
#   bash -c 'source scripts/production_lib.sh; start_component app1'
#
# Everything is stopped and the folder removed when the command ends. Needs the
# Debian packages postgresql, redis-server and nginx (make system-packages); as
# root PostgreSQL runs as the user `postgres`. docs/operations.md says more.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PROD_SEED="${PROD_SEED:-none}"
for program in "$PG_BIN/initdb" redis-server nginx; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "with_production: $program is missing (make system-packages)" >&2
        exit 1
    fi
done
case "$PROD_SEED" in
    none | demo | bench) ;;
    *) echo "with_production: PROD_SEED must be none, demo or bench" >&2; exit 2 ;;
esac

QUARTIER_PROD_DIR="$(mktemp -d /tmp/quartier-prod.XXXXXX)"
export QUARTIER_PROD_DIR
# PostgreSQL's user must reach its socket folder inside.
chmod 755 "$QUARTIER_PROD_DIR"

# shellcheck source=scripts/production_lib.sh
source "$ROOT/scripts/production_lib.sh"

cleanup() {
    local status=$?
    for name in nginx app1 app2 worker redis; do
        stop_component "$name" TERM || true
    done
    stop_component postgres || true
    if [ -n "${KEEP_PROD_DIR:-}" ]; then
        echo "with_production: kept $QUARTIER_PROD_DIR" >&2
    else
        rm -rf "$QUARTIER_PROD_DIR"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Four free loopback ports: Redis, two app servers, nginx.
read -r REDIS_PORT APP1_PORT APP2_PORT NGINX_PORT < <("$ROOT/.venv/bin/python" -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
')

mkdir -p "$QUARTIER_PROD_DIR/pg" "$QUARTIER_PROD_DIR/mail" "$QUARTIER_PROD_DIR/static" \
    "$QUARTIER_PROD_DIR/media"
touch "$QUARTIER_PROD_DIR/postgres.log"
[ "$(id -u)" -eq 0 ] && chown postgres: "$QUARTIER_PROD_DIR/pg" "$QUARTIER_PROD_DIR/postgres.log"
chmod 700 "$QUARTIER_PROD_DIR/pg"

SECRET="$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
cat >"$QUARTIER_PROD_DIR/env" <<EOF
export QUARTIER_PROD_DIR='$QUARTIER_PROD_DIR'
export REDIS_PORT=$REDIS_PORT APP1_PORT=$APP1_PORT APP2_PORT=$APP2_PORT NGINX_PORT=$NGINX_PORT
export QUARTIER_PROD_URL='http://127.0.0.1:$NGINX_PORT'
export QUARTIER_APP_URLS='http://127.0.0.1:$APP1_PORT,http://127.0.0.1:$APP2_PORT'
export DATABASE_URL='postgres://quartier@/quartier?host=$QUARTIER_PROD_DIR/pg'
export CACHE_URL='redis://127.0.0.1:$REDIS_PORT/0'
export TASKS_BACKEND='django_tasks_db.DatabaseBackend'
export SECRET_KEY='$SECRET'
export DEBUG=off
export ALLOWED_HOSTS='127.0.0.1,localhost'
export SECURE_SSL_REDIRECT=off
export SESSION_COOKIE_SECURE=off
export SECURE_HSTS_SECONDS=0
export TRUSTED_PROXY_COUNT=1
export EMAIL_URL='filemail:///$QUARTIER_PROD_DIR/mail'
export ANON_CACHE_SECONDS=2
export STATIC_ROOT='$QUARTIER_PROD_DIR/static'
export MEDIA_ROOT='$QUARTIER_PROD_DIR/media'
export SITE_URL='http://127.0.0.1:$NGINX_PORT'
export LOG_FORMAT=json
export MAP_TILE_URL=''
export PARTICIPATION_MIN_FILL_SECONDS=0
export PATH='$ROOT/.venv/bin':"\$PATH"
EOF
# shellcheck disable=SC1091
source "$QUARTIER_PROD_DIR/env"

started=$SECONDS
as_server_user "$PG_BIN/initdb" -D "$QUARTIER_PROD_DIR/pg/data" -A trust -U quartier \
    -E UTF8 --locale=C.UTF-8 >"$QUARTIER_PROD_DIR/initdb.log" 2>&1 || {
    cat "$QUARTIER_PROD_DIR/initdb.log" >&2
    exit 1
}
start_component postgres || { cat "$QUARTIER_PROD_DIR/postgres.log" >&2; exit 1; }
"$PG_BIN/createdb" -h "$QUARTIER_PROD_DIR/pg" -U quartier quartier
start_component redis

step() {  # step <name>: how long the previous step took, for the summary line
    timings+="$1 $((SECONDS - step_started)) s, "
    step_started=$SECONDS
}
timings=""
step_started=$SECONDS
cd "$ROOT"
# The PostgreSQL test pass keeps its migrated database as a template for the current
# migrations (quartier/core/tests/database_templates.py); restoring it takes seconds
# where migrating takes minutes, and `migrate` below then has nothing left to do.
template="$(python -m quartier.core.tests.database_templates 2>>"$QUARTIER_PROD_DIR/setup.log" || true)"
if [ -n "$template" ]; then
    "$PG_BIN/pg_restore" -h "$QUARTIER_PROD_DIR/pg" -U quartier --no-owner \
        --no-privileges --single-transaction --exit-on-error -d quartier "$template" \
        >>"$QUARTIER_PROD_DIR/setup.log" 2>&1 || {
        tail -30 "$QUARTIER_PROD_DIR/setup.log" >&2
        exit 1
    }
    step "restore migrated template"
fi
quartier migrate --noinput >>"$QUARTIER_PROD_DIR/setup.log" 2>&1 || {
    tail -30 "$QUARTIER_PROD_DIR/setup.log" >&2
    exit 1
}
step migrate
# collectstatic (hashing and compressing every asset) and the seeding each keep one
# core busy: they run side by side.
quartier collectstatic --noinput >"$QUARTIER_PROD_DIR/collectstatic.log" 2>&1 &
collecting=$!
case "$PROD_SEED" in
    demo) quartier seed_demo >>"$QUARTIER_PROD_DIR/setup.log" 2>&1 ;;
    bench) { quartier seed_demo && quartier seed_bench; } >>"$QUARTIER_PROD_DIR/setup.log" 2>&1 ;;
esac || { tail -30 "$QUARTIER_PROD_DIR/setup.log" >&2; exit 1; }
step "seed $PROD_SEED"
wait "$collecting" || {
    tail -30 "$QUARTIER_PROD_DIR/collectstatic.log" >&2
    exit 1
}
step "collectstatic (beside the seeding)"
render_nginx
for name in app1 app2 worker nginx; do
    start_component "$name" || {
        tail -30 "$QUARTIER_PROD_DIR/$name.log" >&2
        exit 1
    }
done
step "start servers"
echo "with_production: nginx $QUARTIER_PROD_URL → $QUARTIER_APP_URLS," \
    "PostgreSQL, Redis :$REDIS_PORT, db_worker; seed $PROD_SEED;" \
    "up in $((SECONDS - started)) s (${timings%, }; folder $QUARTIER_PROD_DIR)"

set +e
"$@"
STATUS=$?
set -e
exit "$STATUS"
