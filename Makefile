# CSP Hub. Two set-up commands work on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export CSPHUB_DATA_DIR ?= $(CURDIR)/var
# `make demo HOST=0.0.0.0 PORT=8101`; `make otp PERSONA=police_caseworker`. The persona is not read
# from USER, which is the shell's own login name.
HOST ?= 127.0.0.1
PORT ?= 8000
PERSONA ?= avbc_caseworker

.PHONY: demo test test-sqlite test-postgres bench lint install assets otp clean mutate lock load accessibility-checks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) assets

# GOV.UK Frontend from the npm registry, compiled into the app's static folder (not committed).
assets: src/csphub/frontend/static/vendor/csphub.css
src/csphub/frontend/static/vendor/csphub.css: package.json src/csphub/frontend/scss/csphub.scss
	./scripts/build_assets.sh

demo: install
	DJANGO_SETTINGS_MODULE=csphub.config.settings.local $(BIN)/csphub demo --host $(HOST) --port $(PORT)

otp: $(STAMP)
	DJANGO_SETTINGS_MODULE=csphub.config.settings.local $(BIN)/csphub demo-otp $(PERSONA)

# The whole suite on SQLite, then again on PostgreSQL when CSPHUB_TEST_POSTGRES_URL is set.
test: install
	$(MAKE) test-sqlite
	@if [ -n "$${CSPHUB_TEST_POSTGRES_URL:-}" ]; then $(MAKE) test-postgres; \
	else echo "CSPHUB_TEST_POSTGRES_URL not set: PostgreSQL run skipped (.ci/run sets it)"; fi
	$(MAKE) lint

PYTEST_ARGS ?= -n 2 --dist loadgroup -q
test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL="$${CSPHUB_TEST_POSTGRES_URL}" $(BIN)/pytest $(PYTEST_ARGS)
	$(BIN)/python scripts/check_test_databases.py "$${CSPHUB_TEST_POSTGRES_URL}"

bench: install
	$(BIN)/python benchmarks/run_all.py

# Mutation testing of the rule modules (mutmut; slow, CPU-heavy, not part of `make test`). One module
# at a time; prints each module's score and fails below the targets (90 % rules, 85 % gistar/trends,
# message-text mutants aside). MUTATE_MODULES="csphub.risk.rules" narrows it.
MUTATE_MODULES ?=
# The accessibility statement's record of the automated checks: the browser tests, logging each
# axe-core run, then the summary the statement reads (src/csphub/governance/data/accessibility_checks.json).
accessibility-checks: install
	rm -f var/axe.jsonl
	mkdir -p var
	CSPHUB_AXE_LOG=$(CURDIR)/var/axe.jsonl $(BIN)/pytest -n 2 --dist loadgroup -q -m browser
	$(BIN)/python scripts/accessibility_checks.py var/axe.jsonl

mutate: $(STAMP)
	$(BIN)/python scripts/mutate.py $(MUTATE_MODULES)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r src scripts
	# Known vulnerabilities: skipped, with the reason printed, when no advisory database is reachable.
	$(BIN)/python scripts/audit_dependencies.py

# The production install, pinned with hashes: pip install --require-hashes -r requirements/production.txt
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements/production.txt pyproject.toml

# Load test (not part of `make test`): see docs/reliability.md for the set-up and the figures.
LOAD_ARGS ?= --users 50 --spawn-rate 10 --run-time 60s
load: $(STAMP)
	$(BIN)/locust -f benchmarks/load/locustfile.py --headless --host http://127.0.0.1:8000 $(LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules src/csphub/frontend/static/vendor var
