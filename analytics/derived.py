"""The derived tables the queries read (``evaluation_facts``, ``evaluation_counts``, …): their
definitions, how to rebuild them, and whether a database needs that.

Both the read-only app and the importer use this module; it writes nothing unless asked to
``refresh_facts`` on a writable connection."""

from __future__ import annotations

import re

import duckdb

from analytics.config import REFERENCE_DIR, SCHEMA_FILE

FACTS_FILE = SCHEMA_FILE.with_name("facts.sql")
COUNTS_FILE = SCHEMA_FILE.with_name("evaluation_counts.sql")
# What refresh_facts (re)creates; a database without all of them, or built at another
# DERIVED_VERSION, needs `refresh`. Raise the version whenever a derived table's columns change.
# 2: initiative_years has a year mask per achievement level; 3: the plan_events table exists
DERIVED_VERSION = 3
DERIVED_TABLES = (
    "projects",
    "initiative_facts",
    "project_search",
    "evaluation_facts",
    "initiative_years",
    "evaluation_counts",
    "derived_version",
)


def needs_refresh(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a derived table is missing (or still a view): the database was built by an
    earlier version, and ``refresh`` brings it up to date keeping all data."""
    present = con.execute(
        "select count(*) from information_schema.tables"
        " where table_type = 'BASE TABLE' and table_name in $names",
        {"names": list(DERIVED_TABLES)},
    ).fetchone()[0]
    if present < len(DERIVED_TABLES):
        return True
    return con.execute("select max(version) from derived_version").fetchone()[0] != DERIVED_VERSION


# Source tables added after the first release: a database built before gets them, filled from
# the reference CSVs, on its next refresh (their DDL is read from schema.sql, the one place).
ADDED_TABLES = ("plan_events",)


def add_missing_tables(con: duckdb.DuckDBPyConnection) -> None:
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    for name in ADDED_TABLES:  # names from ADDED_TABLES, never from data
        exists = con.execute(
            "select count(*) from information_schema.tables where table_name = $name",
            {"name": name},
        ).fetchone()[0]
        if exists:
            continue
        ddl = re.search(rf"create table {name} \(.*?\n\);", schema, re.S)
        con.execute(ddl.group(0))
        con.execute(
            f"insert into {name} by name select * from read_csv($path, header = true, all_varchar = true)",
            {"path": str(REFERENCE_DIR / f"{name}.csv")},
        )


def refresh_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables (evaluation_facts, evaluation_counts, …) after every change;
    a database built by an earlier version gets the source tables added since."""
    add_missing_tables(con)
    # Databases built before evaluation_facts was materialised hold it as a view.
    views = con.execute(
        "select table_name from information_schema.tables"
        " where table_type = 'VIEW' and table_name in $names",
        {"names": list(DERIVED_TABLES)},
    ).fetchall()
    for (name,) in views:
        con.execute(f"drop view {name}")  # a name from DERIVED_TABLES, never from data
    con.execute(FACTS_FILE.read_text(encoding="utf-8"))
    counts = COUNTS_FILE.read_text(encoding="utf-8").replace("/* search filter */ true", "true")
    con.execute(f"create or replace table evaluation_counts as\n{counts}\norder by fiscal_year")
    con.execute(
        "create or replace table derived_version as select $v::integer as version",
        {"v": DERIVED_VERSION},
    )
