"""Shared fixtures: the reference database (built once per run) and a small fixture database
built from literal rows (tests/fixture_data.py), both in temporary folders, never data/."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics.ingest.build import build
from tests import fixture_data

ROOT = Path(__file__).resolve().parent.parent


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def reference_db_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    build(db)
    return db


@pytest.fixture
def reference_db(reference_db_file, tmp_path) -> Path:
    """A private copy of the reference database that a test may change."""
    db = tmp_path / "kawasaki.duckdb"
    shutil.copyfile(reference_db_file, db)
    return db


@pytest.fixture(scope="session")
def reference_con(reference_db_file):
    con = duckdb.connect(str(reference_db_file), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def fixture_db_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    fixture_data.build_fixture(db)
    return db


@pytest.fixture(scope="session")
def fixture_con(fixture_db_file):
    con = duckdb.connect(str(fixture_db_file), read_only=True)
    yield con
    con.close()


def pytest_terminal_summary(terminalreporter):
    from tests import reliability

    path = reliability.write(ROOT)
    if path:
        terminalreporter.section("reliability: what was tried and what held")
        terminalreporter.write_line(reliability.table())
        terminalreporter.write_line(f"(also in {path.relative_to(ROOT)})")
