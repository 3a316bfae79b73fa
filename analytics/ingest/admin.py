"""What the secretariat's import app (admin/app.py) does, without Streamlit: check uploaded
files with a dry run, show the problems or a preview of the changes, apply, read the log."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from analytics import queries
from analytics.i18n import t
from analytics.ingest.importer import Outcome, run_import
from analytics.ingest.problems import printable

UPLOAD_TYPES = ["csv", "xlsx", "xlsm", "txt", "tsv"]
FIELD_LABELS = {
    "achievement_level": "col.level",
    "covid_impact": "col.covid",
    "disaster_impact": "col.disaster",
    "next_step": "col.next_step",
    "results_ja": "col.results",
    "note_ja": "col.note",
    "name_ja": "col.name",
    "name_en": "admin.field.name_en",
    "direction_id": "col.direction",
    "department_id": "col.bureau",
    "new_or_expanded": "admin.field.new_or_expanded",
    "description_ja": "admin.field.description",
    "project_code": "col.code",
    "term_id": "col.term",
    "fiscal_year": "col.fiscal_year",
    "initiative_id": "admin.field.initiative_id",
}


def safe_name(name: str) -> str:
    """An uploaded file's own name, without folders or characters a file system refuses."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f/:*?\"<>|]", "_", base).strip(" .") or "upload"
    return base[:120]


def import_uploads(
    uploads: list[tuple[str, bytes]],
    db: Path,
    *,
    dry_run: bool,
    fiscal_year: int | None = None,
) -> Outcome:
    """Write the uploads under their own names to a private folder and import them from there
    (the names appear in the messages and in each row's provenance)."""
    with tempfile.TemporaryDirectory(prefix="kawasaki-upload-") as folder:
        paths = []
        used: set[str] = set()
        for name, data in uploads:
            base = safe_name(name)
            stem, suffix = Path(base).stem, Path(base).suffix
            n = 1
            while base in used:
                n += 1
                base = f"{stem}({n}){suffix}"
            used.add(base)
            path = Path(folder) / base
            path.write_bytes(data)
            paths.append(path)
        outcome = run_import(paths, db, dry_run=dry_run, fiscal_year=fiscal_year)
    # Messages name the file as the clerk knows it, not the private folder.
    prefix = str(Path(folder)) + "/"
    outcome.problems = [
        type(p)(p.file.removeprefix(prefix), p.row, p.column, p.message, p.sheet)
        for p in outcome.problems
    ]
    outcome.warnings = [w.replace(prefix, "") for w in outcome.warnings]
    outcome.notes = [n.replace(prefix, "") for n in outcome.notes]
    for change in outcome.changes:
        change.where = change.where.replace(prefix, "")
    return outcome


def problems_frame(outcome: Outcome, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("admin.col.file", lang): p.file,
                t("admin.col.sheet", lang): p.sheet or "",
                t("admin.col.row", lang): p.row,
                t("admin.col.column", lang): p.column or "",
                t("admin.col.message", lang): printable(p.message),
            }
            for p in outcome.problems
        ],
        columns=[t(f"admin.col.{c}", lang) for c in ("file", "sheet", "row", "column", "message")],
    )


def _shown(value: object, lang: str) -> str:
    if value is None:
        return t("admin.value.blank", lang)
    if isinstance(value, bool):
        return t("admin.value.yes" if value else "admin.value.no", lang)
    return str(value)


def changes_frame(outcome: Outcome, lang: str) -> pd.DataFrame:
    """The preview: one row per initiative or evaluation, added / changed (old → new) / unchanged."""
    rows = []
    order = {"added": 0, "changed": 1, "unchanged": 2}
    for change in sorted(
        outcome.changes,
        key=lambda c: (order[c.status], c.table, c.initiative_id, c.fiscal_year or 0),
    ):
        if change.status == "changed":
            what = "; ".join(
                f"{t(FIELD_LABELS.get(f, 'admin.field.other'), lang)}: "
                f"{_shown(old, lang)} → {_shown(new, lang)}"
                for f, old, new in change.details
            )
        elif change.status == "added":
            what = "; ".join(
                f"{t(FIELD_LABELS.get(f, 'admin.field.other'), lang)}: {_shown(new, lang)}"
                for f, _, new in change.details
                if f not in ("initiative_id", "term_id", "fiscal_year")
            )
        else:
            what = ""
        rows.append(
            {
                t("admin.col.status", lang): t(f"admin.status.{change.status}", lang),
                t("admin.col.table", lang): t(f"admin.table.{change.table}", lang),
                t("admin.field.initiative_id", lang): change.initiative_id,
                t("admin.col.name", lang): change.name_ja,
                t("col.fiscal_year", lang): change.fiscal_year,
                t("admin.col.what", lang): what,
                t("admin.col.where", lang): change.where,
            }
        )
    columns = [
        t("admin.col.status", lang),
        t("admin.col.table", lang),
        t("admin.field.initiative_id", lang),
        t("admin.col.name", lang),
        t("col.fiscal_year", lang),
        t("admin.col.what", lang),
        t("admin.col.where", lang),
    ]
    return pd.DataFrame(rows, columns=columns)


def csv_for_excel(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM: opens in Japanese Excel with the characters intact."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def import_log(db: Path, lang: str, limit: int = 50) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        log = queries.import_log(con).head(limit)
    finally:
        con.close()
    return pd.DataFrame(
        {
            t("admin.log.when", lang): log["imported_at"].astype(str),
            t("admin.log.file", lang): [  # the reference build by name, not its file pattern
                t("log.reference", lang) if kind == "reference" else name
                for kind, name in zip(log["sheet_kind"], log["file_name"], strict=True)
            ],
            t("admin.log.kind", lang): [t(f"admin.kind.{k}", lang) for k in log["sheet_kind"]],
            t("admin.log.added", lang): log["rows_added"],
            t("admin.log.changed", lang): log["rows_changed"],
            t("admin.log.unchanged", lang): log["rows_unchanged"],
        }
    )
