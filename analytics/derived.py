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
# 2: initiative_years has a year mask per achievement level; 3: the plan_events table exists;
# 4: the indicator tables exist
DERIVED_VERSION = 4
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
    """True when a derived table or a source table added since the first release is missing (or
    a derived table is still a view): the database was built by an earlier version, and
    ``refresh`` brings it up to date keeping all data."""
    present = con.execute(
        "select count(*) from information_schema.tables"
        " where table_type = 'BASE TABLE' and table_name in $names",
        {"names": list(DERIVED_TABLES)},
    ).fetchone()[0]
    if present < len(DERIVED_TABLES):
        return True
    added = con.execute(
        "select count(*) from information_schema.tables where table_name in $names",
        {"names": list(ADDED_TABLES)},
    ).fetchone()[0]
    if added < len(ADDED_TABLES):
        return True
    return con.execute("select max(version) from derived_version").fetchone()[0] != DERIVED_VERSION


# Source tables added after the first release: a database built before gets them on its next
# refresh (their DDL is read from schema.sql, the one place), in foreign-key order. The plan's
# events are published facts and come filled from the reference CSVs; the indicator tables come
# empty, since their reference rows are partly sample and the database may hold the city's data.
ADDED_TABLES = {
    "plan_events": True,
    "indicators": False,
    "indicator_initiatives": False,
    "indicator_values": False,
}


def add_missing_tables(con: duckdb.DuckDBPyConnection) -> None:
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    for name, filled in ADDED_TABLES.items():  # names from ADDED_TABLES, never from data
        exists = con.execute(
            "select count(*) from information_schema.tables where table_name = $name",
            {"name": name},
        ).fetchone()[0]
        if exists:
            continue
        ddl = re.search(rf"create table {name} \(.*?\n\);", schema, re.S)
        con.execute(ddl.group(0))
        if filled:
            con.execute(
                f"insert into {name} by name select * from read_csv($path, header = true, all_varchar = true)",
                {"path": str(REFERENCE_DIR / f"{name}.csv")},
            )


def upgrade_import_log(con: duckdb.DuckDBPyConnection) -> None:
    """A database built before the indicators has an import log whose check refuses the kind
    'indicators', so an indicator import into it failed. Rebuild the log with the current
    definition (schema.sql), keeping every row; nothing references it."""
    checks = con.execute(
        "select constraint_text from duckdb_constraints()"
        " where table_name = 'import_log' and constraint_type = 'CHECK'"
        " and constraint_text like '%sheet_kind%'"
    ).fetchall()
    if not checks or all("'indicators'" in text for (text,) in checks):
        return
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    ddl = re.search(r"create table import_log \(.*?\n\);", schema, re.S).group(0)
    con.execute(ddl.replace("create table import_log", "create table import_log_upgraded", 1))
    con.execute("insert into import_log_upgraded select * from import_log")
    con.execute("drop table import_log")
    con.execute("alter table import_log_upgraded rename to import_log")


def refresh_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables (evaluation_facts, evaluation_counts, …) after every change;
    a database built by an earlier version gets the source tables added since, and the import
    log's current definition."""
    add_missing_tables(con)
    upgrade_import_log(con)
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
