# CSP Hub. Two set-up commands work on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export CSPHUB_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test test-sqlite test-postgres bench lint install assets otp clean

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
	DJANGO_SETTINGS_MODULE=csphub.config.settings.local $(BIN)/csphub demo

otp: $(STAMP)
	DJANGO_SETTINGS_MODULE=csphub.config.settings.local $(BIN)/csphub demo-otp $(USER)

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

bench: install
	$(BIN)/python benchmarks/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules src/csphub/frontend/static/vendor var
