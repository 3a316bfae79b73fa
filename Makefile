# Two commands on a fresh machine: `make run` and `make test`.
# Each creates .venv if missing, installs the pinned requirements, and builds
# the database from data/reference/ if it is missing (an existing database,
# which may hold imported city sheets, is never rebuilt behind your back).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= $(or $(DASHBOARD_DB),data/kawasaki.duckdb)
PORT ?= 8501

.PHONY: run admin test test-fast soak bench lint format db rebuild-db clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(DB): | $(VENV)/.installed
	$(PY) -m analytics.ingest build --db $(DB)

db: $(DB)

run: $(VENV)/.installed $(DB)
	DASHBOARD_DB=$(DB) $(PY) -m streamlit run dashboard.py --server.port $(PORT)

# The secretariat's import app (upload, check, preview, apply): this machine only, never the
# committee's network; the committee's dashboard above stays read-only.
ADMIN_PORT ?= 8502
admin: $(VENV)/.installed $(DB)
	DASHBOARD_DB=$(DB) $(PY) -m streamlit run admin/app.py --server.address 127.0.0.1 --server.port $(ADMIN_PORT)

# Lint first (ruff check, ruff format --check), then every test: those without a browser on
# TEST_WORKERS processes (pytest-xdist), then the browser tests one at a time (each drives a real
# Chromium and a server, which take the machine's cores; their waits are not shared). Both parts
# run even when the first fails, and `make test` fails if either did. CI (.ci/run) runs this.
TEST_WORKERS ?= 2
test: $(VENV)/.installed $(DB)
	$(MAKE) --no-print-directory lint
	rm -f test-artifacts/reliability.md test-artifacts/reliability.json
	rc=0; \
	$(PY) -m pytest -q -m "not browser" -n $(TEST_WORKERS) || rc=$$?; \
	RELIABILITY_APPEND=1 $(PY) -m pytest -q -m browser || rc=$$?; \
	exit $$rc

# For quick loops: lint, then everything but the browser tests (real Chromium, a few minutes).
test-fast: $(VENV)/.installed $(DB)
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest -q -m "not browser" -n $(TEST_WORKERS)

# The long form of the reliability tests (minutes, not seconds): more fuzzed sheets with random
# seeds, more killed imports, 20 browser sessions for 60 s.
soak: $(VENV)/.installed $(DB)
	FUZZ_EXAMPLES=20000 FUZZ_SOAK=1 CRASH_IMPORTS=100 LOAD_SESSIONS=20 LOAD_SECONDS=60 \
		$(PY) -m pytest -q tests/test_fuzz_import.py tests/test_crash_safety.py tests/test_concurrency.py tests/test_hostile.py

# Benchmarks at 10 000, 1 000 000 and 10 000 000 evaluations (databases generated once into
# /tmp/kawasaki-bench). Prints Markdown tables; see docs/benchmarks.md.
bench: $(VENV)/.installed
	$(PY) -m bench.run $(BENCH_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Explicit rebuild from the reference CSVs (discards imported sheets; a .bak is kept).
rebuild-db: | $(VENV)/.installed
	$(PY) -m analytics.ingest build --db $(DB) --force

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
