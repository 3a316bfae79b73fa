"""Configuration in one place: where the database and the reference data are."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
TEMPLATE_DIR = PROJECT_ROOT / "data" / "templates"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.sql"
DEFAULT_DB = PROJECT_ROOT / "data" / "kawasaki.duckdb"


def db_path() -> Path:
    """The database file: ``DASHBOARD_DB`` if set, else ``data/kawasaki.duckdb``."""
    configured = os.environ.get("DASHBOARD_DB")
    return Path(configured) if configured else DEFAULT_DB


# Headless Chromium (Debian's package) for the meeting pack's images and PDF, the browser tests
# and the benchmark: one definition for all three.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
