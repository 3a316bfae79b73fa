# Two commands on a fresh machine: `make run` and `make test`.
# Each creates .venv if missing, installs the pinned requirements, and builds
# the database from data/reference/ if it is missing (an existing database,
# which may hold imported city sheets, is never rebuilt behind your back).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= $(or $(DASHBOARD_DB),data/kawasaki.duckdb)
PORT ?= 8501

.PHONY: run test lint format db rebuild-db clean

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

test: $(VENV)/.installed $(DB)
	$(PY) -m pytest -q

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
