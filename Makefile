# Quartier's commands. CONTRACT.md describes what each target promises.
#
#   make demo    install, migrate, load the demo data, serve at http://$(HOST):$(PORT)
#   make demo-reset  delete the demo database and uploads, then `make demo` anew
#   make test    install what is missing, lint, then the suite on SQLite, PostgreSQL
#                and in headless Chromium
#   make lint    ruff, mypy, makemigrations --check
#   make fmt     ruff format and ruff check --fix
#   make audit   pip-audit, npm audit, bandit (lists findings, never fails)
#   make messages  update the German and English catalogues (quartier/locale)
#   make bench   throughput next to a minimal Django app (see docs/benchmarks.md)
#   make soak    20 minutes of locust against the production set-up (docs/benchmarks.md)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Management commands outside `make demo` run with DEBUG off, like production, so
# they need a secret key of their own; it protects nothing.
CHECK_ENV := SECRET_KEY=quartier-make-only-key-not-a-secret-0123456789abcdef \
	SECURE_SSL_REDIRECT=off
DEMO_ENV := DEBUG=1

PY_STAMP := $(VENV)/.installed-pyproject
NPM_STAMP := node_modules/.installed-package-lock

.PHONY: help demo demo-reset test install system-packages lint fmt audit bench messages soak

help:
	@sed -n '3,13p' Makefile | sed 's/^# \{0,1\}//'

# --- Installation -------------------------------------------------------------

$(BIN)/python:
	@if ! $(PYTHON) -c 'import ensurepip' >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			scripts/ensure_system_packages.sh python3-venv; \
		else \
			echo "$(PYTHON) cannot create virtualenvs: install python3-venv" >&2; exit 1; \
		fi; \
	fi
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changed since the last install.
$(PY_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# Reinstalled only when package-lock.json changed since the last `npm ci`.
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(PY_STAMP) $(NPM_STAMP)

# Debian packages the suite needs; installed with apt-get only when run as root
# and only when missing. Without root, a missing package is reported.
system-packages:
	@scripts/ensure_system_packages.sh chromium postgresql gettext wrk libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core redis-server nginx

# --- Demo ---------------------------------------------------------------------

demo: install
	@if [ -n "$$(find quartier -name '*.po' -print -quit)" ]; then \
		command -v msgfmt >/dev/null || scripts/ensure_system_packages.sh gettext; \
		(cd quartier && $(DEMO_ENV) ../$(BIN)/quartier compilemessages -v 0); \
	fi
	@mkdir -p var
	$(DEMO_ENV) $(BIN)/quartier collectstatic --noinput -v 0
	$(DEMO_ENV) $(BIN)/quartier migrate --noinput -v 0
	$(DEMO_ENV) $(BIN)/quartier seed_demo
	@echo
	@echo "Quartier demo at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo "Demo logins, all with the password  quartier-demo :"
	@echo "  admin@musterstadt.example         admin of Musterstadt"
	@echo "  koordination@musterstadt.example  coordinator of Musterstadt"
	@echo "  partner@musterstadt.example       partner of Musterstadt (Sportverein Sonnenberg e.V.)"
	@echo "  bewohnerin@musterstadt.example    resident of Musterstadt"
	@echo "  jury@musterstadt.example          resident of Musterstadt, jury member of its fund"
	@echo "  admin@beispielheim.example        admin of Beispielheim"
	@echo "  beratung@land.example             adviser (Fachberatung)"
	@echo "  uebersetzung@musterstadt.example  volunteer translator of Musterstadt"
	@echo
	$(DEMO_ENV) exec $(BIN)/quartier runserver $(HOST):$(PORT)

# Only the demo's own files: the SQLite database and the uploaded files.
demo-reset:
	rm -f var/quartier.sqlite3 var/quartier.sqlite3-wal var/quartier.sqlite3-shm
	rm -rf var/media
	$(MAKE) --no-print-directory demo

# --- Tests --------------------------------------------------------------------

# Lint and all three passes run even when one fails; the summary lists each.
test: system-packages install
	@echo "==== Lint ===="
	@lint=0; started=$$(date +%s); $(MAKE) --no-print-directory lint || lint=1; \
	LINT_STATUS=$$lint LINT_SECONDS=$$(( $$(date +%s) - started )) scripts/run_tests.sh

lint: install
	@status=0; \
	echo "-- ruff check"; $(BIN)/ruff check . || status=1; \
	echo "-- ruff format --check"; $(BIN)/ruff format --check . || status=1; \
	echo "-- mypy"; $(CHECK_ENV) $(BIN)/mypy quartier/core \
		$(filter-out quartier/core/%,$(wildcard quartier/*/services.py quartier/*/services/*.py)) || status=1; \
	echo "-- makemigrations --check"; mkdir -p var; \
	$(CHECK_ENV) $(BIN)/quartier makemigrations --check --dry-run || status=1; \
	exit $$status

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

audit: install
	-$(BIN)/pip-audit --skip-editable
	-npm audit
	-$(BIN)/bandit -q -r quartier -x '*/tests/*'

# Extracts every marked string into quartier/locale/*/LC_MESSAGES/django.po.
messages: install
	@command -v xgettext >/dev/null || scripts/ensure_system_packages.sh gettext
	cd quartier && $(DEMO_ENV) ../$(BIN)/quartier makemessages -l de -l en -l tr -l ar -l uk -l ru --no-obsolete

# --- Benchmark ----------------------------------------------------------------

bench: install
	@command -v wrk >/dev/null || scripts/ensure_system_packages.sh wrk
	$(BIN)/python bench/run_bench.py

# 30 simulated people (guests, residents, coordinators, HSDS and API clients; see
# bench/locustfile.py) against nginx, two gunicorn servers, PostgreSQL, Redis and the
# task worker on the bench data; fails on a 5xx, a lost write or 10 % memory growth.
soak: install
	PROD_SEED=bench scripts/with_production.sh $(BIN)/python bench/soak.py --minutes 20 --users 30 --spawn-rate 1 --doc
