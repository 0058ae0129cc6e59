#!/usr/bin/env bash
# The three passes of `make test`: SQLite, PostgreSQL, browser.
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
PYTEST_IN_TIME=(timeout --kill-after=30 "$PASS_TIMEOUT" "$PYTEST")

# The suite sets its own settings (quartier/core/tests/pytest_env.py); a
# developer's DATABASE_URL or DEBUG must not leak into it.
unset DATABASE_URL DEBUG

declare -a results=()
failed=0

record() {  # record <pass name> <status text> <failed: 0|1>
    results+=("$1: $2")
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
    "$@"
    local status=$?
    if [ "$status" -eq 0 ]; then
        record "$name" "passed" 0
    elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        record "$name" "FAILED (timed out after ${PASS_TIMEOUT} s)" 1
    else
        record "$name" "FAILED (exit $status)" 1
    fi
}

if [ -n "${LINT_STATUS:-}" ]; then
    if [ "$LINT_STATUS" -eq 0 ]; then
        record "Lint" "passed" 0
    else
        record "Lint" "FAILED" 1
    fi
fi

echo
echo "==== Pass 1/3: SQLite ===="
run_pass "Pass 1/3 SQLite" "${PYTEST_IN_TIME[@]}" -m "not browser" "$@"

echo
echo "==== Pass 2/3: PostgreSQL ===="
if [ -x "$PG_BIN/initdb" ]; then
    run_pass "Pass 2/3 PostgreSQL" scripts/with_postgres.sh "${PYTEST_IN_TIME[@]}" -m "not browser" "$@"
else
    missing "Pass 2/3 PostgreSQL" "PostgreSQL ($PG_BIN/initdb)"
fi

echo
echo "==== Pass 3/3: browser (headless Chromium) ===="
if [ ! -x "$CHROMIUM" ]; then
    missing "Pass 3/3 browser" "Chromium ($CHROMIUM)"
else
    # Playwright's sync API runs an event loop in the test thread; Django's ORM
    # calls in the same thread are still synchronous and safe.
    DJANGO_ALLOW_ASYNC_UNSAFE=true "${PYTEST_IN_TIME[@]}" -m browser "$@"
    status=$?
    if [ "$status" -eq 0 ]; then
        record "Pass 3/3 browser" "passed" 0
    else
        record "Pass 3/3 browser" "FAILED (exit $status)" 1
    fi
fi

echo
echo "==== Summary ===="
printf '  %s\n' "${results[@]}"
exit "$failed"
