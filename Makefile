# The two commands: `make run` starts the portal, `make test` proves it. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PG_DSN ?= postgres://auditportal:auditportal@127.0.0.1:5432/postgres
PORT ?= 8000

# Embedded default for `make run`: SQLite and keys under ./var, jobs in-process, debug on
# (GraphiQL and the development sign-in). Production runs `auditportal serve` without it.
RUN_ENV := AUDITPORTAL_DATA_DIR=$(CURDIR)/var AUDITPORTAL_DEBUG=true AUDITPORTAL_PORT=$(PORT)

.PHONY: setup services run test test-sqlite test-postgres test-quick test-web web web-check web-e2e lint format schema bench clean

setup:
	@scripts/bootstrap.sh

services:
	@scripts/services.sh

# The first start of an empty data folder also loads the demo organisation (DEMO=0: empty);
# the admin gets a one-time password, printed once, replaced at the first sign-in.
DEMO ?= 1

run: setup web
	@fresh=$$([ -e var/auditportal.sqlite3 ] || echo yes); \
	$(RUN_ENV) $(BIN)/auditportal migrate && \
	$(RUN_ENV) $(BIN)/auditportal load && \
	if [ -n "$$fresh" ] && [ "$(DEMO)" != "0" ]; then $(RUN_ENV) $(BIN)/auditportal demo; fi && \
	$(RUN_ENV) $(BIN)/auditportal create-user admin --role admin --if-missing --one-time-password && \
	$(RUN_ENV) $(BIN)/auditportal serve

# Tests run in parallel worker processes (pytest-xdist). More workers than cores pays off: the
# tests that start a server or a worker spend most of their time waiting on it. Each worker
# has its own data folder, SQLite template and PostgreSQL database names (conftest.py).
# --dist loadscope keeps a module on one worker, so a module's server starts once.
# Override with `make test TEST_WORKERS=0` for a serial run; PYTEST_ARGS adds arguments.
TEST_WORKERS ?= 4
PYTEST_ARGS ?=
PYTEST := $(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

test: setup services
	@$(MAKE) --no-print-directory test-sqlite test-postgres test-web

# The web portal (web/): build into web/dist (skipped when nothing in web/ changed), its
# checks (codegen freshness, oxlint, tsc, vitest) and the browser suite in Debian's chromium.
web:
	@scripts/web.sh build

web-check: setup
	@scripts/web.sh check

web-e2e: setup
	@scripts/web.sh e2e

test-web: web-check web-e2e

test-sqlite:
	AUDITPORTAL_TEST_DATABASE=sqlite $(PYTEST)

test-postgres:
	AUDITPORTAL_TEST_DATABASE=postgres AUDITPORTAL_TEST_PG_DSN=$(PG_DSN) $(PYTEST)

# The edit-test loop: SQLite, without the tests marked `slow` (real CLI/server/worker processes).
test-quick: setup
	AUDITPORTAL_TEST_DATABASE=sqlite $(PYTEST) -m "not slow"

lint: setup
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix server tests bench
	$(BIN)/ruff format server tests bench

# Regenerate the committed GraphQL SDL after an intended API change.
schema: setup
	$(BIN)/auditportal export-schema -o schema/schema.graphql

# Every bench notes its ratios in one temporary folder; bench/summary.py prints them at the end.
BENCH_RESULTS ?= $(shell mktemp -d -t auditportal-bench-XXXXXX)
bench: export AUDITPORTAL_BENCH_RESULTS = $(BENCH_RESULTS)
bench: setup services
	$(PY) bench/web_bundle.py
	$(PY) bench/validation_rate.py
	$(PY) bench/ecma_validation.py
	$(PY) bench/submit_throughput.py
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/submit_throughput.py --backend postgres
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/workflow_transitions.py
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/escalation.py
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/schedule_inspections.py
	$(PY) bench/import_customers.py
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/import_customers.py --backend postgres
	$(PY) bench/my_work.py
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/my_work.py --backend postgres
	AUDITPORTAL_BENCH_PG_DSN=$(PG_DSN) $(PY) bench/peer_graphql.py
	$(PY) bench/summary.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache web/node_modules web/dist web/test-results
