# Great Leaders: every command a developer or operator needs.
# `make run` and `make test` work on a fresh clone; both build .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make bench` runs every benchmark; a new one gets a target and a name here.
BENCHMARKS := bench-load bench-import bench-judging

.PHONY: install run serve test fuzz lighthouse lint fmt check ci clean bench bench-load $(BENCHMARKS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# axe-core, which the accessibility tests inject into pages, and Lighthouse;
# never served.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility and Lighthouse tests will skip."; fi

install: $(VENV)/.installed node_modules/.package-lock.json

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata khrushchev
	$(MANAGE) collectstatic --noinput --verbosity 0
	@# The task worker (the admin's WordPress imports) runs beside the
	@# development server and is stopped with it.
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	GREATLEADERS_SERVE_MEDIA=1 $(MANAGE) runserver $(HOST):$(PORT)

# The production server: gunicorn (gunicorn.conf.py) with whitenoise serving
# the collected static files. Migrate once per deploy, not on every server.
serve: install
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn greatleaders.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

# The fuzz tests (tests/fuzz/) with FUZZ_EXAMPLES examples each, new ones every
# run, rather than the suite's few; prints the requests sent and the statuses
# they got. DATABASE_URL and REDIS_URL run them on PostgreSQL and Redis.
FUZZ_EXAMPLES ?= 500
fuzz: install
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
		$(BIN)/python -m pytest tests/fuzz --show-capture=no

# Lighthouse on every public page type (tests/browser/test_lighthouse.py),
# served by gunicorn as `make serve` does, on the phone and desktop presets;
# prints each page's scores and fails below 100 in any category, Performance
# included, so run it on a quiet machine. Always on SQLite; CI=true makes a
# missing Node.js, Lighthouse or Chromium a failure, not a skip.
# LIGHTHOUSE_PAGES="post 404" judges those pages alone.
lighthouse: install
	env -u DATABASE_URL -u REDIS_URL CI=true LIGHTHOUSE_PRESETS="mobile desktop" \
		LIGHTHOUSE_PERFORMANCE_FLOOR=100 \
		$(BIN)/python -m pytest tests/browser/test_lighthouse.py -s -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

ci: lint check test

bench: $(BENCHMARKS)

# The load benchmark (see the README): its own database, gunicorn on a free
# port, wrk. BENCH_DATABASE=postgres runs it on PostgreSQL with Redis;
# BENCH_ARGS passes more options (python -m benchmarks --help).
BENCH_DATABASE ?= sqlite
bench-load: install
	$(BIN)/python -m benchmarks --database $(BENCH_DATABASE) $(BENCH_ARGS)

bench-import: install
	$(BIN)/python benchmarks/wxr_import.py

# Issue 20: a comment of any shape is judged within 50 ms.
bench-judging: install
	$(BIN)/python benchmarks/comment_judging.py

clean:
	rm -rf $(VENV) staticfiles benchmarks/data .pytest_cache .ruff_cache .hypothesis
