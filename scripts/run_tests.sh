#!/usr/bin/env bash
# The four passes of `make test`: SQLite, PostgreSQL, browser, production profile.
#
# Every pass runs even when an earlier one failed, so one log shows everything;
# the exit status is non-zero when any pass failed. With CI=true a pass whose
# database or browser is missing fails instead of being skipped.
set -uo pipefail

cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CI="${CI:-false}"
# A hung test (a browser waiting for a page that never comes) must not hang CI:
# each pass gets at most PASS_TIMEOUT seconds.
PASS_TIMEOUT="${PASS_TIMEOUT:-1800}"
# Each pass runs in TEST_WORKERS processes (pytest-xdist; default: one per core, at
# most 4: every worker holds its own test database, and on PostgreSQL the race tests
# open ~100 connections per worker). Tests are handed out one by one in collection
# order, so a module-scoped fixture is built at most once per worker; a test that
# must share a worker with others can say so with @pytest.mark.xdist_group.
# TEST_WORKERS=0 runs a pass in one process, as before. docs/testing.md says more.
TEST_WORKERS="${TEST_WORKERS:-$(n=$(nproc 2>/dev/null || echo 1); echo $((n < 4 ? n : 4)))}"
if [ "$TEST_WORKERS" -gt 0 ] 2>/dev/null; then
    PARALLEL=(-n "$TEST_WORKERS" --dist loadgroup)
else
    PARALLEL=(-p no:xdist)
fi
# Each pass ends with its 15 slowest test phases, so a CI log shows where time goes
# (docs/testing.md, "Profiling").
PYTEST_IN_TIME=(timeout --kill-after=30 "$PASS_TIMEOUT" "$PYTEST" "${PARALLEL[@]}" --durations=15)

# The suite sets its own settings (quartier/core/tests/pytest_env.py); a
# developer's DATABASE_URL or DEBUG must not leak into it.
unset DATABASE_URL DEBUG

declare -a results=()
failed=0

record() {  # record <pass name> <status text> <failed: 0|1> [seconds]
    local took=""
    [ -n "${4:-}" ] && took="$(printf ' in %dm %02ds' $(($4 / 60)) $(($4 % 60)))"
    results+=("$1: $2$took")
    [ "$3" -eq 1 ] && failed=1
    return 0
}

missing() {  # missing <pass name> <what>
    if [ "$CI" = "true" ]; then
        echo "FAILED: $2 is missing and CI=true forbids skipping." >&2
        record "$1" "FAILED ($2 missing)" 1
    else
        echo "SKIPPED: $2 is missing (with CI=true this fails the run)." >&2
        record "$1" "SKIPPED ($2 missing)" 0
    fi
}

run_pass() {  # run_pass <pass name> <command...>
    local name="$1"
    shift
    local started=$SECONDS
    "$@"
    local status=$?
    local took=$((SECONDS - started))
    if [ "$status" -eq 0 ]; then
        record "$name" "passed" 0 "$took"
    elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        record "$name" "FAILED (timed out after ${PASS_TIMEOUT} s)" 1 "$took"
    else
        record "$name" "FAILED (exit $status)" 1 "$took"
    fi
}

if [ -n "${LINT_STATUS:-}" ]; then
    if [ "$LINT_STATUS" -eq 0 ]; then
        record "Lint" "passed" 0 "${LINT_SECONDS:-}"
    else
        record "Lint" "FAILED" 1 "${LINT_SECONDS:-}"
    fi
fi

echo
echo "==== Pass 1/4: SQLite ===="
run_pass "Pass 1/4 SQLite" "${PYTEST_IN_TIME[@]}" -m "not browser and not production" "$@"

echo
echo "==== Pass 2/4: PostgreSQL ===="
if [ -x "$PG_BIN/initdb" ]; then
    run_pass "Pass 2/4 PostgreSQL" scripts/with_postgres.sh "${PYTEST_IN_TIME[@]}" -m "not browser and not production" "$@"
else
    missing "Pass 2/4 PostgreSQL" "PostgreSQL ($PG_BIN/initdb)"
fi

echo
echo "==== Pass 3/4: browser (headless Chromium) ===="
if [ ! -x "$CHROMIUM" ]; then
    missing "Pass 3/4 browser" "Chromium ($CHROMIUM)"
else
    # Playwright's sync API runs an event loop in the test thread; Django's ORM
    # calls in the same thread are still synchronous and safe.
    run_pass "Pass 3/4 browser" env DJANGO_ALLOW_ASYNC_UNSAFE=true \
        "${PYTEST_IN_TIME[@]}" -m browser "$@"
fi

echo
echo "==== Pass 4/4: production profile ===="
# PostgreSQL, Redis, two gunicorn app servers behind nginx and the db_worker,
# started for real on the demo data (docs/operations.md); the tests talk HTTP to it.
if [ ! -x "$PG_BIN/initdb" ]; then
    missing "Pass 4/4 production" "PostgreSQL ($PG_BIN/initdb)"
elif ! command -v redis-server >/dev/null 2>&1; then
    missing "Pass 4/4 production" "redis-server"
elif ! command -v nginx >/dev/null 2>&1; then
    missing "Pass 4/4 production" "nginx"
else
    run_pass "Pass 4/4 production" env PROD_SEED=demo \
        timeout --kill-after=30 "$PASS_TIMEOUT" scripts/with_production.sh \
        "$PYTEST" -m production -p no:xdist tests/production "$@"
fi

echo
echo "==== Summary ($TEST_WORKERS test workers) ===="
printf '  %s\n' "${results[@]}"
total=$((SECONDS + ${LINT_SECONDS:-0}))
printf '  Total: %dm %02ds\n' $((total / 60)) $((total % 60))
exit "$failed"
