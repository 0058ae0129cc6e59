# Functions of the production profile (scripts/with_production.sh), sourced by it
# and by tests that stop or restart one component:
#
#   bash -c 'source scripts/production_lib.sh; stop_component app1 KILL'
#   bash -c 'source scripts/production_lib.sh; start_component app1'
#
# Components: postgres, redis, app1, app2, worker, nginx. Each runs in its own
# session (setsid), so stopping it signals its whole process group (gunicorn's master
# and workers together); its pid is in $QUARTIER_PROD_DIR/<name>.pid and its output
# in $QUARTIER_PROD_DIR/<name>.log. Everything the components need is read from
# $QUARTIER_PROD_DIR/env (written by with_production.sh). docs/operations.md.

PROD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

if [ -z "${QUARTIER_PROD_DIR:-}" ]; then
    echo "production_lib: QUARTIER_PROD_DIR is not set" >&2
    return 1 2>/dev/null || exit 1
fi
if [ -f "$QUARTIER_PROD_DIR/env" ]; then
    # shellcheck disable=SC1091
    source "$QUARTIER_PROD_DIR/env"
fi

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# wait_for <what> <seconds> <command...>: poll until the command succeeds.
wait_for() {
    local what="$1" seconds="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "with_production: $what did not come up in $seconds s" >&2
            return 1
        fi
        sleep 0.2
    done
}

_http_ok() {  # the server answers /healthz (any status: it is up)
    curl -s -o /dev/null -m 2 "$1/healthz"
}

# _spawn <name> <command...>: start in its own session, output to <name>.log.
_spawn() {
    local name="$1"
    shift
    setsid "$@" >>"$QUARTIER_PROD_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$QUARTIER_PROD_DIR/$name.pid"
    # Not a job of this shell: a component killed by a test is not reported here.
    disown $! 2>/dev/null || true
}

start_component() {
    local name="$1"
    case "$name" in
        postgres)
            as_server_user "$PG_BIN/pg_ctl" -D "$QUARTIER_PROD_DIR/pg/data" \
                -l "$QUARTIER_PROD_DIR/postgres.log" -w \
                -o "-k $QUARTIER_PROD_DIR/pg -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
                start >/dev/null || return 1
            head -1 "$QUARTIER_PROD_DIR/pg/data/postmaster.pid" >"$QUARTIER_PROD_DIR/postgres.pid"
            ;;
        redis)
            _spawn redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" \
                --save "" --appendonly no --dir "$QUARTIER_PROD_DIR" \
                --maxmemory 128mb --maxmemory-policy allkeys-lru
            wait_for redis 20 redis-cli -p "$REDIS_PORT" ping
            ;;
        app1 | app2)
            local port_var="${name^^}_PORT"
            local metrics_dir="$QUARTIER_PROD_DIR/metrics-$name"
            rm -rf "$metrics_dir" && mkdir -p "$metrics_dir"
            PROMETHEUS_MULTIPROC_DIR="$metrics_dir" GUNICORN_BIND="127.0.0.1:${!port_var}" \
                GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}" \
                _spawn "$name" "$PROD_ROOT/.venv/bin/gunicorn" \
                -c "$PROD_ROOT/deploy/gunicorn.conf.py" quartier.wsgi
            wait_for "$name" 60 _http_ok "http://127.0.0.1:${!port_var}"
            ;;
        worker)
            _spawn worker "$PROD_ROOT/.venv/bin/quartier" db_worker \
                --no-startup-delay --interval 0.5 --no-reload
            ;;
        nginx)
            _spawn nginx nginx -p "$QUARTIER_PROD_DIR/nginx" \
                -c "$QUARTIER_PROD_DIR/nginx/nginx.conf" -e "$QUARTIER_PROD_DIR/nginx.log"
            wait_for nginx 20 _http_ok "$QUARTIER_PROD_URL"
            ;;
        *)
            echo "start_component: unknown component $name" >&2
            return 2
            ;;
    esac
}

# stop_component <name> [signal]: TERM (default) waits up to 20 s, then KILL;
# KILL is immediate, as when a machine dies.
stop_component() {
    local name="$1" signal="${2:-TERM}"
    local pidfile="$QUARTIER_PROD_DIR/$name.pid"
    if [ "$name" = postgres ]; then
        as_server_user "$PG_BIN/pg_ctl" -D "$QUARTIER_PROD_DIR/pg/data" -m immediate \
            -w stop >/dev/null 2>&1 || true
        rm -f "$pidfile"
        return 0
    fi
    [ -f "$pidfile" ] || return 0
    local pid
    pid="$(cat "$pidfile")"
    kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            kill -KILL -- "-$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
    done
    # Wait for the rest of the group (gunicorn's workers) too.
    while pgrep -g "$pid" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            kill -KILL -- "-$pid" 2>/dev/null || true
            sleep 0.1
            break
        fi
        sleep 0.1
    done
    rm -f "$pidfile"
}

# render_nginx: deploy/nginx/quartier.conf with this installation's values, inside
# a main config that keeps nginx's pid and temporary files in the folder.
render_nginx() {
    local dir="$QUARTIER_PROD_DIR/nginx"
    mkdir -p "$dir/temp"
    local servers=""
    local url
    IFS=',' read -ra urls <<<"$QUARTIER_APP_URLS"
    for url in "${urls[@]}"; do
        servers+="server ${url#http://} max_fails=1 fail_timeout=10s; "
    done
    sed -e "s|{{APP_SERVERS}}|$servers|" \
        -e "s|{{LISTEN}}|127.0.0.1:$NGINX_PORT|" \
        -e "s|{{SERVER_NAME}}|127.0.0.1 localhost|" \
        -e "s|{{STATIC_ROOT}}|$STATIC_ROOT|" \
        -e "s|{{MEDIA_ROOT}}|$MEDIA_ROOT|" \
        "$PROD_ROOT/deploy/nginx/quartier.conf" >"$dir/quartier.conf"
    local user_line=""
    [ "$(id -u)" -eq 0 ] && user_line="user root;"
    cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes 2;
pid $QUARTIER_PROD_DIR/nginx.pid;
error_log $QUARTIER_PROD_DIR/nginx.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $QUARTIER_PROD_DIR/nginx-access.log;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/quartier.conf;
}
EOF
}
