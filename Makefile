# Infocentar — the two commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: demo test bench lint format install messages messages-update migrate serve worker clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Infocentar needs Python 3.11 or newer (found %s)." % sys.version.split()[0])'

# A virtual environment built from the lock file; rebuilt when the lock changes.
$(VENV)/.installed: requirements.lock | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"
	@$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	@touch $@

install: $(VENV)/.installed

# Compiled translation catalogues (.mo) are build products, not sources.
messages: install
	@$(PY) -m infocentar.core.i18n

migrate: messages
	@$(MANAGE) migrate --noinput

demo: migrate
	@$(MANAGE) seed_demo
	@$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) db_worker --batch --no-startup-delay --no-reload > var/worker.log 2>&1
	@$(MANAGE) print_demo_logins
	@echo "Serving http://$(HOST):$(PORT)/ with a background task worker and periodic jobs (log: var/worker.log). Ctrl+C stops them."
	@$(MANAGE) db_worker --no-reload --interval 2 >> var/worker.log 2>&1 & worker=$$!; \
	  $(MANAGE) run_periodic --loop >> var/worker.log 2>&1 & periodic=$$!; \
	  trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

serve: migrate
	@$(MANAGE) runserver $(HOST):$(PORT)

worker: migrate
	@$(MANAGE) db_worker

test: messages
	@$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: messages
	@$(PY) -m bench $(BENCH_ARGS)

lint: messages
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(MANAGE) makemigrations --check --dry-run
	@$(MANAGE) update_catalogue --check

# After changing user-facing strings: refresh the Montenegrin catalogue.
messages-update: install
	@$(MANAGE) update_catalogue

format: install
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var/static .pytest_cache
