"""Build the database from the reference CSVs in ``data/reference/``."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.config import REFERENCE_DIR, SCHEMA_FILE
from analytics.derived import DERIVED_TABLES, needs_refresh, refresh_facts  # noqa: F401
from analytics.ingest import store

# needs_refresh and refresh_facts live with the derived tables' definitions (analytics/derived.py);
# they are imported here for the importer and the command line.

# Load order follows the foreign keys.
STRUCTURE_TABLES = ["terms", "fiscal_years", "goals", "directions", "departments", "plan_events"]
SAMPLE_TABLES = ["initiatives", "evaluations"]


def read_reference(name: str, reference_dir: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        reference_dir / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
    )
    return frame.replace({"": None})


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert by column name; DuckDB casts the text to each column's type and checks constraints."""
    columns = [c for c in frame.columns if c in _table_columns(con, table)]
    quoted = ", ".join(f'"{c}"' for c in columns)  # names come from our own schema, never from data
    con.register("incoming", frame[columns])
    try:
        con.execute(f"insert into {table} ({quoted}) select {quoted} from incoming")
    finally:
        con.unregister("incoming")


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ?", [table]
    )
    return {r[0] for r in rows.fetchall()}


def build(
    db: Path,
    *,
    reference_dir: Path = REFERENCE_DIR,
    structure_only: bool = False,
    force: bool = False,
) -> dict:
    """Build a fresh database at ``db``; returns counts per table.

    A database that already holds imported rows is only replaced with ``force`` (the previous
    file is kept as ``.bak`` either way).
    """
    store.check_target(db, must_exist=False)
    names = STRUCTURE_TABLES + ([] if structure_only else SAMPLE_TABLES) + ["provenance"]
    frames = {n: read_reference(n, reference_dir) for n in names}
    _check_goal_matches_direction(frames)
    digest = hashlib.sha256()
    for n in names:
        digest.update((reference_dir / f"{n}.csv").read_bytes())
    counts: dict[str, int] = {}

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        create_schema(con)
        for n in names:
            table = "dataset_provenance" if n == "provenance" else n
            frame = frames[n]
            if n == "evaluations":
                frame = frame.merge(
                    frames["initiatives"][["initiative_id", "term_id"]], on="initiative_id"
                )
            insert_frame(con, table, frame)
            counts[table] = len(frame)
        refresh_facts(con)
        now = datetime.now().replace(microsecond=0)
        con.execute(
            "insert into import_log values (1, ?, ?, ?, 'reference', ?, 0, 0)",
            [now, "data/reference/*.csv", digest.hexdigest(), counts.get("evaluations", 0)],
        )
        meta = {
            "built_at": now.isoformat(),
            "as_of": now.date().isoformat(),
            "content": "structure" if structure_only else "reference-sample",
        }
        con.executemany("insert into dataset_meta values (?, ?)", list(meta.items()))

    with store.import_lock(db):
        if db.exists() and not force:
            store.check_target(db, must_exist=True)
            imported = _imported_rows(db)
            if imported:
                raise store.StoreError(
                    f"{db} には取り込み済みのデータが {imported} 行あります。作り直すには --force を付けてください "
                    f"(holds {imported} imported rows; add --force to rebuild, a .bak is kept)"
                )
        store.write_new_version(db, fill, start_empty=True)
    return counts


def _imported_rows(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select (select count(*) from evaluations where source <> 'sample')"
            " + (select count(*) from initiatives where source <> 'sample')"
        ).fetchone()[0]
    finally:
        con.close()


def _check_goal_matches_direction(frames: dict[str, pd.DataFrame]) -> None:
    if "initiatives" not in frames:
        return
    goal_of = dict(
        zip(frames["directions"]["direction_id"], frames["directions"]["goal_id"], strict=False)
    )
    bad = frames["initiatives"][
        frames["initiatives"]["direction_id"].map(goal_of) != frames["initiatives"]["goal_id"]
    ]
    if len(bad):
        first = bad.iloc[0]
        raise store.StoreError(
            f"initiatives.csv: {first['initiative_id']}: goal_id {first['goal_id']} does not match direction {first['direction_id']}"
        )
